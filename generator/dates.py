"""Read dates as councils print them ("May-18", "Mar-Apr 17", "14th September 2017").

A printed date is always kept; a normalised range is derived only when the text can be read
as one date or one span without guessing. "Quarterly" or two dates in one cell give none.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

_MONTHS = {
    name.lower(): number
    for number in range(1, 13)
    for name in (calendar.month_name[number], calendar.month_abbr[number])
}
_MONTHS["sept"] = 9
_MONTH = (
    r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)


@dataclass(frozen=True)
class PrintedDate:
    """A date as printed, with the span it stands for when that can be read without guessing."""

    printed: str
    start: date | None = None
    end: date | None = None
    precision: str | None = None
    """`day`, `month`, `months` (a span of months) or `year`; None when not readable as a date."""
    impossible: bool = False
    """True when the text names a day that does not exist, e.g. 30 February."""

    @property
    def readable(self) -> bool:
        """True when a normalised span was derived."""
        return self.end is not None


def _year(text: str) -> int:
    value = int(text)
    return value + 2000 if value < 100 else value


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _day(printed: str, year: int, month: int, day: int) -> PrintedDate:
    try:
        when = date(year, month, day)
    except ValueError:
        return PrintedDate(printed, impossible=True)
    return PrintedDate(printed, when, when, "day")


_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^(\d{4})-(\d{2})-(\d{2})$"), "iso"),
    (re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{2,4})$"), "dmy"),
    (re.compile(rf"^(\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH}\.?,?\s+(\d{{4}})$", re.I), "day-month-year"),
    (re.compile(rf"^{_MONTH}\.?[-\s]+'?(\d{{2}}|\d{{4}})$", re.I), "month-year"),
    (re.compile(rf"^{_MONTH}\s*[-–]\s*{_MONTH}\.?[-\s]+'?(\d{{2}}|\d{{4}})$", re.I), "month-range"),
    (re.compile(r"^(\d{4})$"), "year"),
]


@lru_cache(maxsize=4096)
def parse_printed_date(printed: str) -> PrintedDate:
    """Derive the span a printed date stands for; unreadable text gives no span, never a guess."""
    text = printed.strip()
    for pattern, kind in _PATTERNS:
        match = pattern.match(text)
        if not match:
            continue
        groups = match.groups()
        if kind == "iso":
            return _day(printed, int(groups[0]), int(groups[1]), int(groups[2]))
        if kind == "dmy":
            return _day(printed, _year(groups[2]), int(groups[1]), int(groups[0]))
        if kind == "day-month-year":
            return _day(printed, int(groups[2]), _MONTHS[groups[1].lower()], int(groups[0]))
        if kind == "month-year":
            year, month = _year(groups[1]), _MONTHS[groups[0].lower()]
            return PrintedDate(printed, date(year, month, 1), _month_end(year, month), "month")
        if kind == "month-range":
            year = _year(groups[2])
            first, last = _MONTHS[groups[0].lower()], _MONTHS[groups[1].lower()]
            if last < first:
                return PrintedDate(printed)
            return PrintedDate(printed, date(year, first, 1), _month_end(year, last), "months")
        if kind == "year":
            year = int(groups[0])
            return PrintedDate(printed, date(year, 1, 1), date(year, 12, 31), "year")
    return PrintedDate(printed)
