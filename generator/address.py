"""The site's public address, and whether it is still only a placeholder.

Every absolute address the site writes (paper copies, downloads, feeds, redirects) starts with
`base(site_url)`. While `site_url` is a placeholder (a domain reserved for examples by RFC 2606
and RFC 6761, or nothing), addresses are written from the site's root ("/plans/…") instead, so
a placeholder is never shown as if it were a real address. Every build says so once, and the
deploy build refuses to publish (`deploy_problems`).
"""

from __future__ import annotations

from urllib.parse import urlsplit

_RESERVED = ("example.org", "example.com", "example.net", "example.edu")
_RESERVED_SUFFIXES = (".example", ".invalid", ".test", ".localhost", ".local")

NOTICE = ("site_url in mkdocs.yml ({url}) is a placeholder: printed pages, downloads, feeds and canonical "
          "links give addresses from the site's root, with no domain, until site_url is set to the "
          "site's public address.")
"""What every build says once while the address is a placeholder."""


def is_placeholder(site_url: str) -> bool:
    """True when `site_url` is empty or names a domain reserved for examples and tests."""
    host = (urlsplit(site_url.strip()).hostname or "").lower().rstrip(".")
    if not host:
        return True
    return host in _RESERVED or any(host == r or host.endswith("." + r) for r in _RESERVED) \
        or host == "localhost" or host.endswith(_RESERVED_SUFFIXES) or host.endswith(".example")


def base(site_url: str) -> str:
    """The start of every absolute address: the site's address with a final slash, or "/" (the
    site's root) while the address is a placeholder."""
    return "/" if is_placeholder(site_url) else site_url.strip().rstrip("/") + "/"


def absolute(site_url: str, path: str) -> str:
    """The full address of `path` (a site-relative address such as `plans/cpc-2023/`), in the
    language being rendered (`bn/plans/cpc-2023/` on a Bengali page; open data is made in the
    council's language, so its addresses are the English ones)."""
    from generator.i18n.addresses import localised

    return base(site_url) + localised(path)


def identifier(site_url: str, path: str) -> str:
    """A permanent identifier for `path` where one must be an absolute IRI (Atom ids): its real
    address, or a `urn:` name that no one will take for a web address while it is a placeholder."""
    from generator.i18n.addresses import localised

    return absolute(site_url, path) if not is_placeholder(site_url) else f"urn:council-plans:{localised(path) or '/'}"


def deploy_problems(site_url: str) -> list[str]:
    """Why a site must not be published at this address (empty when it may be)."""
    if is_placeholder(site_url):
        return [f"site_url in mkdocs.yml is `{site_url or '(not set)'}`, a placeholder: set it to the address "
                "the site will be published at (for example https://plans.your-council.gov.uk/), so that "
                "printed pages, downloads and feeds give real, lasting addresses."]
    return []
