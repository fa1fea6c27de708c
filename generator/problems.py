"""A problem found in the input: a value, kept apart from the ways it is printed."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    """How serious a problem is: errors stop the build, warnings do not."""

    error = "error"
    warning = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one place in one file, in words an editor can act on."""

    file: str
    line: int
    column: int
    field: str
    message: str
    hint: str = ""
    severity: Severity = Severity.error
    rule: str = ""
    """For warnings from the pre-publication lint: the rule's name, e.g. `placeholder`."""
    form: str = ""
    """Where the editing interface (/admin/) shows the field, e.g. `Progress › Key milestone 1-4 ›
    % complete`, for editors who work in the browser; empty where only the file holds it."""

    @property
    def is_error(self) -> bool:
        """True when this problem must stop the build."""
        return self.severity is Severity.error


class InputError(Exception):
    """Raised once, after every problem has been collected, when any of them is an error."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        errors = sum(1 for p in self.problems if p.is_error)
        super().__init__(f"{errors} problem(s) in the plan files")


def errors_in(problems: list[Problem]) -> list[Problem]:
    """The problems that stop the build."""
    return [p for p in problems if p.is_error]


def raise_if_errors(problems: list[Problem]) -> None:
    """Stop once, listing every problem, if any problem is an error."""
    if errors_in(problems):
        raise InputError(problems)


class UsageError(Exception):
    """A mistake in the command itself (exit code 2), e.g. a period written `Q3 2017` or
    `--all-updates` with a CSV file. Its text is one sentence that says how to write it."""
