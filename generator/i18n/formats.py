"""Dates and numbers as the active language writes them (Babel's formats, from CLDR): "14
September 2017", "14 Medi 2017", "14 সেপ্টেম্বর 2017". Numbers are written plainly ("115",
"45%") as the council's reports write them; digits are 0-9 unless the council chose the
language's own (`native_digits`: "১১৫")."""

from __future__ import annotations

from datetime import date

from babel.dates import format_date

from generator.i18n.state import current


def number(n: int) -> str:
    """A count: "115"; "১১৫" where the council chose Bengali digits."""
    return digits(str(n))


def percent(n: int) -> str:
    """A percentage published as a whole number: "45%"."""
    return digits(f"{n}%")


def long_date(day: date) -> str:
    """A day: "14 September 2017", the date style of the council's own reports."""
    if current().code == "en":
        return f"{day.day} {day.strftime('%B %Y')}"
    return _date(day, "d MMMM y")


def month_year(day: date) -> str:
    """The month of `day`: "September 2017"."""
    if current().code == "en":
        return day.strftime("%B %Y")
    return _date(day, "LLLL y")


def month_span(start: date, end: date) -> str:
    """Months of one year: "May–June 2017"."""
    if current().code == "en":
        return f"{start.strftime('%B')}–{end.strftime('%B %Y')}"
    return f"{_date(start, 'LLLL')}–{_date(end, 'LLLL y')}"


def year(day: date) -> str:
    """The year of `day`: "2017"."""
    return digits(str(day.year))


def _date(day: date, pattern: str) -> str:
    return digits(format_date(day, pattern, locale=current().locale))


def digits(text: str) -> str:
    """`text` with 0-9 written in the language's own digits, where the council chose them."""
    zero = current().zero
    if zero == "0":
        return text
    return text.translate({ord("0") + d: ord(zero) + d for d in range(10)})
