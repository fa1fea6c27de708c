"""Dates Excel stored as dates, read back as the cell prints them with its number format
(`mmm-yy` shows 1 May 2018 as `May-18`, which is how the source reports print deadlines)."""

from __future__ import annotations

import re
from datetime import date, datetime, time

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_DATE_TOKEN = re.compile(r'"[^"]*"|\\.|yyyy|yy|mmmmm|mmmm|mmm|mm|m|dddd|ddd|dd|d|[-/ ,.]|.', re.IGNORECASE)


def printed_date(value: date, number_format: str) -> str:
    """A date cell as Excel prints it with its number format (`mmm-yy` → `May-18`), else ISO."""
    day = value.date() if isinstance(value, datetime) else value
    iso = day.isoformat() if not isinstance(value, datetime) or value.time() == time() else value.isoformat(" ")
    fmt = re.sub(r"\[[^\]]*\]", "", number_format.split(";")[0])
    if fmt.casefold() in ("", "general", "mm-dd-yy"):  # mm-dd-yy is Excel's locale-dependent short date
        return iso
    parts = [_date_part(token, day) for token in _DATE_TOKEN.findall(fmt)]
    return iso if any(part is None for part in parts) else "".join(str(part) for part in parts)


def _date_part(token: str, day: date) -> str | None:
    low = token.casefold()
    parts = {
        "yyyy": f"{day.year:04d}", "yy": f"{day.year % 100:02d}", "mmmmm": _MONTHS[day.month - 1][0],
        "mmmm": _MONTHS[day.month - 1], "mmm": _MONTHS[day.month - 1][:3], "mm": f"{day.month:02d}",
        "m": str(day.month), "dddd": _DAYS[day.weekday()], "ddd": _DAYS[day.weekday()][:3],
        "dd": f"{day.day:02d}", "d": str(day.day),
    }
    if low in parts:
        return parts[low]
    if token.startswith('"'):
        return token[1:-1]
    if token.startswith("\\"):
        return token[1:]
    return token if token in "-/ ,." else None


