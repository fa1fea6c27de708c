"""How residents reach the people who run the site: named once, in the site's configuration.

The site's own contact details (`extra.contact` in `mkdocs.yml`) are shown wherever a page
holds the marker `<!-- site-contact -->` (the contact page). Until a council sets them, the
page says so plainly and every build warns once.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from dataclasses import dataclass

from generator.i18n import _

MARKER = "<!-- site-contact -->"
"""Where a content page shows the site's contact details."""

UNSET = ("No contact address is set for this site: the contact page says so. Set `extra.contact` in "
         "mkdocs.yml (email, url, phone and name; at least an email or a url) so residents can report "
         "a mistake or an accessibility problem.")
"""The build's warning while no contact address is set."""

_EMAIL = re.compile(r"^[^@\s<>\"']+@[^@\s<>\"']+\.[^@\s<>\"']+$")
_URL = re.compile(r"^https?://[^\s<>\"']+$")


@dataclass(frozen=True)
class Contact:
    """The site's contact details, as set in the configuration."""

    name: str = ""
    """Who answers, e.g. "Strategy, Improvement and Transformation team"."""
    email: str = ""
    """An address that is read, e.g. `plans@council.example`."""
    url: str = ""
    """A contact form or page, `https://…`."""
    phone: str = ""
    """A telephone number as it should be shown."""

    @property
    def is_set(self) -> bool:
        """True when residents have a way to reach the site (an email or a web address)."""
        return bool(self.email or self.url)


def read_contact(settings: Mapping[str, object] | None) -> tuple[Contact, list[str]]:
    """The contact details from `extra.contact`, and a message for each value that is unusable."""
    problems: list[str] = []
    values: dict[str, str] = {}
    for key, value in (settings or {}).items():
        if key not in Contact.__dataclass_fields__:
            problems.append(f"extra.contact.{key} is not a contact field (use name, email, url or phone).")
        elif not isinstance(value, str):
            problems.append(f"extra.contact.{key} should be text.")
        else:
            values[key] = value.strip()
    if values.get("email") and not _EMAIL.match(values["email"]):
        problems.append(f"extra.contact.email `{values.pop('email')}` is not an e-mail address.")
    if values.get("url") and not _URL.match(values["url"]):
        problems.append(f"extra.contact.url `{values.pop('url')}` should start with https:// or http://.")
    return Contact(**values), problems


def contact_html(contact: Contact) -> str:
    """The site's contact details as HTML, or a plain statement that none is set yet, in the
    language being rendered (the site's messages are its own HTML; the details are escaped)."""
    if not contact.is_set:
        # Translators: on the contact page while the site has no contact address; setting and
        # file are the configuration's names, shown as code.
        unset = _("This copy of the site has not yet published a contact address of its own. Its publisher "
                  "sets one in the site's configuration (%(setting)s in %(file)s).",
                  setting="<code>extra.contact</code>", file="<code>mkdocs.yml</code>")
        return f'<p class="cp-contact cp-contact--unset">{unset}</p>\n'
    who = f"<p>{html.escape(contact.name)}</p>" if contact.name else ""
    rows = []
    if contact.email:
        email = html.escape(contact.email)
        # Translators: on the contact page; address is an e-mail address, as a link.
        rows.append(_("Email: %(address)s", address=f'<a href="mailto:{email}">{email}</a>'))
    if contact.url:
        url = html.escape(contact.url)
        # Translators: on the contact page; address is the web address of a contact form, as a link.
        rows.append(_("Online: %(address)s", address=f'<a href="{url}">{url}</a>'))
    if contact.phone:
        # Translators: on the contact page; number is a telephone number.
        rows.append(_("Telephone: %(number)s", number=html.escape(contact.phone)))
    items = "".join(f"<li>{row}</li>" for row in rows)
    return f'<div class="cp-contact">{who}<ul>{items}</ul></div>\n'
