"""The period an update reports on, a UK financial-year quarter, defined once: how it is
written (`2017/18 Q2`), its place in addresses and file names (`2017-18-q2`), its name as a
spreadsheet's sheet (`2017-18 Q2`), its days and its order."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

PATTERN = r"^(\d{4})/(\d{2}) Q([1-4])$"
"""A period as editors write it: the financial year's first calendar year, a slash, the last two
digits of the next, and the quarter, `2017/18 Q2` (Q1 is April to June)."""

_WRITTEN = re.compile(PATTERN)
_SHEET = re.compile(r"^(\d{4})-(\d{2}) [Qq]([1-4])$")


@dataclass(frozen=True)
class Period:
    """A UK financial-year quarter: 2017/18 Q2 runs from 1 July to 30 September 2017."""

    label: str
    year: int
    quarter: int

    @classmethod
    def parse(cls, label: str) -> Period:
        """Read `2017/18 Q2`; ValueError for anything else."""
        match = _WRITTEN.match(label)
        if not match:
            raise ValueError(label)
        return cls(label, int(match.group(1)), int(match.group(3)))

    @classmethod
    def of(cls, year: int, quarter: int) -> Period:
        """The quarter `quarter` of the financial year starting in April `year`."""
        return cls(f"{year}/{(year + 1) % 100:02d} Q{quarter}", year, quarter)

    @property
    def slug(self) -> str:
        """The period as used in addresses and file names: `2017-18-q2`."""
        return f"{self.year}-{(self.year + 1) % 100:02d}-q{self.quarter}"

    @property
    def sheet_name(self) -> str:
        """The name of a spreadsheet's sheet for the period: `2017-18 Q2` (no `/` allowed there)."""
        return f"{self.year}-{(self.year + 1) % 100:02d} Q{self.quarter}"

    @property
    def start(self) -> date:
        """First day of the quarter."""
        month = 4 + 3 * (self.quarter - 1)
        year = self.year if month <= 12 else self.year + 1
        return date(year, (month - 1) % 12 + 1, 1)

    @property
    def end(self) -> date:
        """Last day of the quarter."""
        month = (4 + 3 * self.quarter - 1 - 1) % 12 + 1
        year = self.year + (1 if self.quarter == 4 else 0)
        day = 31 if month in (3, 12) else 30
        return date(year, month, day)

    @property
    def sort_key(self) -> tuple[int, int]:
        """Chronological order."""
        return (self.year, self.quarter)

    def following(self) -> Period:
        """The next quarter: 2018/19 Q1 follows 2017/18 Q4."""
        return Period.of(self.year, self.quarter + 1) if self.quarter < 4 else Period.of(self.year + 1, 1)


def is_period(label: str) -> bool:
    """True when `label` is a period as editors write it."""
    return _WRITTEN.match(label) is not None


def from_sheet_name(name: str) -> Period | None:
    """The period a spreadsheet's sheet is named after (`2017-18 Q2`), or None."""
    match = _SHEET.match(name.strip())
    return Period.of(int(match.group(1)), int(match.group(3))) if match else None
