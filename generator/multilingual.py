"""The site in each of its languages: the generated pages rendered once per language, each
copy at its language's addresses (`generator.i18n.addresses`), told apart for search and
feeds, linked to its other copies (`hreflang`, a language switcher that keeps the reader on the
same item), and, in a language whose catalogue is a draft, saying so on every page."""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import replace

from generator import urls
from generator.i18n import Language, Languages, _, use
from generator.i18n.addresses import link, localised
from generator.pages import Alternate, Asset, Page

CONTACT = "contact/"
"""The hand-written page where readers report a problem (a draft translation links to it)."""


def readdressed(pages: Sequence[Page], language: Language) -> list[Page]:
    """`language`'s copies of the pages, at its addresses."""
    return [replace(page, url=localised(page.url, language), feed=localised(page.feed, language) if page.feed else "")
            for page in pages]


def readdressed_assets(assets: Sequence[Asset], language: Language) -> list[Asset]:
    """`language`'s copies of files (charts, feeds), at its addresses."""
    return [replace(asset, path=localised(asset.path, language)) for asset in assets]


def home_page(language: Language, overview_html: str, site_name: str) -> Page:
    """The home page of a translated language: how each plan is going (the overview the English
    home page shows), with links to the guides, which are in English."""
    with use(language):
        title = _("Improvement plans: how each plan is going")
        # The note above it already says the council's words are in English.
        intro = _("How each plan is going, as the council reported it.")
        guides = _("The guides to this site are in English:")
        how = html.escape(link("", "how-to-read/"))
        about = html.escape(link("", "about/"))
        body = (f"<h1>{html.escape(title)}</h1>\n<p>{html.escape(intro)}</p>\n{overview_html}\n"
                f'<p>{html.escape(guides)} <a href="{how}" lang="en">How to read this site</a>, '
                f'<a href="{about}" lang="en">About these plans</a>.</p>\n')
        return Page(localised("", language), title, intro, body)


def with_languages(by_language: dict[Language, list[Page]], languages: Languages) -> list[Page]:
    """Every page of every language, each linked to its copies in the others: `hreflang`
    alternates, a language switcher at the top of the page and, in a draft language, the draft
    notice. A site of one language is left as it was."""
    if len(languages.all) == 1:
        return by_language[languages.default]
    words = {language: _theme_words(language) for language in languages.all}
    urls_of = {language: {_unprefixed(p.url, language) for p in pages} for language, pages in by_language.items()}
    urls_of[languages.default].add("")  # the council's home page is hand-written (content/index.md)
    result: list[Page] = []
    for language, pages in by_language.items():
        for page in pages:
            base = _unprefixed(page.url, language)
            alternates = tuple(Alternate(other.code, other.name, localised(base, other))
                               for other in languages.all if base in urls_of[other])
            with use(language):
                top = _switcher(page.url, alternates, language) + _notices(page.url, language)
                # Search's kinds of page ("Latest position") in the page's language, as its filter shows them.
                index = replace(page.index, kind=_(page.index.kind)) if page.index is not None else None
            result.append(replace(page, html=top + page.html, language=language.code, alternates=alternates,
                                  words=words[language], index=index,
                                  prefix=language.prefix))
    return result


def home_languages(languages: Languages) -> str:
    """Links to the home page in each of the site's other languages, each named in itself and
    marked with its language, for the council's own home page (hand-written): "বাংলা · Cymraeg"."""
    links = [f'<a class="cp-language-link" href="{html.escape(language.prefix)}" lang="{language.code}">'
             f"{html.escape(language.name)}</a>" for language in languages.translated]
    return f'<span class="cp-languages-inline">{" · ".join(links)}</span>' if links else ""


def _unprefixed(url: str, language: Language) -> str:
    return url.removeprefix(language.prefix) if language.prefix else url


def _switcher(page_url: str, alternates: tuple[Alternate, ...], language: Language) -> str:
    """The links to this page in the site's other languages; the reader's place on the page
    (`#milestone-19-5`) is kept by `plans.js`."""
    items = []
    for alternate in alternates:
        name = html.escape(alternate.name)
        if alternate.language == language.code:
            items.append(f'<li><a aria-current="page" lang="{alternate.language}">{name}</a></li>')
        else:
            href = html.escape(urls.relative(page_url, alternate.url))
            # No `hreflang` here (the page's head lists the alternates): Material takes over clicks on
            # links that have one and drops the reader's place (#milestone-19-5) on the way.
            items.append(f'<li><a href="{href}" lang="{alternate.language}" data-cp-keep-place>{name}</a></li>')
    label = html.escape(_("Language"))
    return f'<nav class="cp-languages" aria-label="{label}"><ul>{"".join(items)}</ul></nav>\n'


def _notices(page_url: str, language: Language) -> str:
    """On a translated page: that the council's words are in English and, while the catalogue is
    a draft, that the translation of the site's own words is one."""
    if language.is_council:
        return ""
    parts = [html.escape(_("The plans' titles, commentary and status words are shown as the council "
                           "published them, in English."))]
    if language.draft:
        contact = html.escape(urls.relative(page_url, CONTACT))
        # Translators: the notice on every page of a language whose catalogue no fluent reader has
        # confirmed yet; the link goes to the contact page.
        parts.append(_('This translation of the site\'s own words is a draft. <a href="%(url)s">Report a problem</a>.',
                       url=contact))
    return f'<div class="cp-language-note" role="note"><p>{" ".join(parts)}</p></div>\n'


def _theme_words(language: Language) -> tuple[tuple[str, str], ...]:
    """The theme's own words in `language` (read by `theme/`), where the theme lists them."""
    from generator.i18n.theme_words import theme_words

    with use(language):
        return tuple(sorted(theme_words().items()))
