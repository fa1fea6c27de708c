"""Every message the site writes, found in the code and the templates, and the catalogues
checked against them.

`python -m generator catalogues` writes the template (`generator/locale/messages.pot`) from the
code and brings each language's catalogue up to date with it (new messages added untranslated,
gone ones dropped, translations and the review header kept). `problems()` lists what stops a
release: a catalogue behind the code, a message untranslated or marked fuzzy, a translation
whose placeholders differ from the English (`%(count)s` missing or misspelt would break the
page), or plural forms that do not match the language's rules.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_file
from babel.messages.pofile import write_po

import generator.i18n.catalogues as catalogues

GENERATOR = Path(__file__).resolve().parent.parent
"""The generator package: its Python modules and page templates hold the messages."""
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None}
"""The functions whose first argument (and second, for plurals) is a message."""
COMMENT_TAGS = ["Translators:"]
"""Comments above a message that are passed on to translators."""
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")
"""A named placeholder in a message: `%(count)s`."""
TAG = re.compile(r"</?[a-z][^>]*>")
"""HTML in a message (`<a href="%(url)s">`, `</strong>`): a translation keeps the same tags."""


def _sources() -> Iterator[tuple[Path, str]]:
    for path in sorted(GENERATOR.rglob("*.py")):
        yield path, "python"
    for path in sorted((GENERATOR / "templates").rglob("*.html")):
        yield path, "jinja2.ext:babel_extract"


def extract() -> Catalog:
    """Every message in the code and templates, with where it is used and its translators' notes."""
    catalog = Catalog(project="council-plans-generator", version="1", charset="utf-8", fuzzy=False)
    for path, method in _sources():
        options = {"extensions": "jinja2.ext.i18n", "newstyle_gettext": "true"} if method != "python" else {}
        for line, message, comments, context in extract_from_file(method, str(path), keywords=KEYWORDS,
                                                                   comment_tags=COMMENT_TAGS, options=options,
                                                                   strip_comment_tags=True):
            where = (path.relative_to(GENERATOR.parent).as_posix(), line)
            catalog.add(message, None, [where], auto_comments=comments, context=context,
                        flags=("python-format",) if _has_placeholders(message) else ())
    return catalog


def _has_placeholders(message: str | tuple[str, ...]) -> bool:
    texts = message if isinstance(message, tuple) else (message,)
    return any(PLACEHOLDER.search(t) for t in texts)


def template_text(catalog: Catalog) -> bytes:
    """The template as written to disk: stable from build to build (no dates, no line numbers)."""
    out = io.BytesIO()
    write_po(out, catalog, width=100, omit_header=False, sort_output=True, include_lineno=False)
    return _stable(out.getvalue())


def _stable(text: bytes) -> bytes:
    return re.sub(rb'"(POT-Creation-Date|PO-Revision-Date|Generated-By): [^"]*"\n', b"", text)


def update(code: str, template: Catalog) -> bytes:
    """Language `code`'s catalogue brought up to date with `template`, its header's review fields kept."""
    path = catalogues.po_path(code)
    kept = catalogues.header_fields(code) if path.is_file() else {}
    if path.is_file():
        catalog = catalogues.read(code)
    else:
        catalog = Catalog(locale=code.replace("-", "_"), project="council-plans-generator", version="1")
    catalog.update(template, no_fuzzy_matching=True)
    catalog.fuzzy = False
    catalog.obsolete.clear()
    out = io.BytesIO()
    write_po(out, catalog, width=100, sort_output=True, include_lineno=False, ignore_obsolete=True)
    text = _stable(out.getvalue()).decode("utf-8")
    # CLDR's plural rules as Babel computes them (Welsh: six forms), which `problems` expects; a new
    # catalogue would otherwise get Babel's older table (five for Welsh).
    forms = f'"Plural-Forms: {catalogues.plural_forms(code)}\\n"'
    text = re.sub(r'"Plural-Forms: [^"]*\\n"', lambda _m: forms, text, count=1)
    extra = "".join(f'"{name}: {kept.get(name, default)}\\n"\n' for name, default in
                    ((catalogues.STATUS_HEADER, catalogues.DRAFT), (catalogues.REVIEWER_HEADER, "")))
    text = text.replace('"Content-Transfer-Encoding: 8bit\\n"\n', '"Content-Transfer-Encoding: 8bit\\n"\n' + extra, 1)
    return text.encode("utf-8")


def write_all(codes: list[str]) -> list[Path]:
    """Write the template and bring each named language's catalogue up to date; returns the files written."""
    template = extract()
    written = [catalogues.template_path()]
    catalogues.template_path().parent.mkdir(parents=True, exist_ok=True)
    catalogues.template_path().write_bytes(template_text(template))
    for code in codes:
        path = catalogues.po_path(code)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(update(code, template))
        written.append(path)
    return written


def problems(codes: list[str] | None = None) -> list[str]:
    """What is wrong with the catalogues, one sentence each (nothing when all is well)."""
    template = extract()
    found: list[str] = []
    on_disk = catalogues.template_path()
    if not on_disk.is_file() or on_disk.read_bytes() != template_text(template):
        found.append(f"{_shown(on_disk)} is not up to date with the code: run `python -m generator catalogues`.")
    for code in codes if codes is not None else catalogues.catalogue_codes():
        found += _catalogue_problems(code, template)
    return found


def _catalogue_problems(code: str, template: Catalog) -> list[str]:
    path = _shown(catalogues.po_path(code))
    if not catalogues.has_catalogue(code):
        return [f"{path}: missing. Run `python -m generator catalogues {code}`."]
    catalog = catalogues.read(code)
    found = []
    expected_forms = catalogues.plural_forms(code)
    if _forms(catalog) != expected_forms.split(";")[0].strip():
        found.append(f"{path}: the header's Plural-Forms should be `{expected_forms}` (the language's rules).")
    for message in template:
        if not message.id:
            continue
        have = catalog.get(message.id, context=message.context)
        if have is None:
            found.append(f"{path}: {_quoted(message)} is missing. Run `python -m generator catalogues {code}`.")
        elif have.fuzzy or not _translated(have):
            found.append(f"{path}: {_quoted(message)} is not translated yet.")
        else:
            found += [f"{path}: {_quoted(message)}: {p}" for p in _placeholder_problems(message, have)]
    return found


def _forms(catalog: Catalog) -> str:
    return f"nplurals={catalog.num_plurals}"


def _translated(message: Message) -> bool:
    strings = message.string if isinstance(message.string, (list, tuple)) else (message.string,)
    return all(strings)


def _placeholder_problems(source: Message, translation: Message) -> list[str]:
    ids = tuple(str(i) for i in source.id) if isinstance(source.id, (list, tuple)) else (str(source.id),)
    # Every form keeps the placeholders both English forms share; a plural form may use those of
    # either ("%(recommendation)s" or "%(recommendations)s"), as a language's grammar needs.
    wanted = set.intersection(*(set(PLACEHOLDER.findall(i)) for i in ids))
    allowed = set().union(*(set(PLACEHOLDER.findall(i)) for i in ids))
    given = translation.string
    strings = [str(t or "") for t in given] if isinstance(given, (list, tuple)) else [str(given or "")]
    found = []
    for n, text in enumerate(strings):
        have = set(PLACEHOLDER.findall(text))
        # A plural form for one thing may leave the count out ("un", "একটি"); every other name must be there.
        missing = wanted - have - ({"count", "num"} if isinstance(source.id, tuple) else set())
        extra = have - allowed
        which = f" (form {n})" if len(strings) > 1 else ""
        if missing:
            found.append(f"the translation{which} lacks {', '.join(f'%({m})s' for m in sorted(missing))}.")
        if extra:
            found.append(f"the translation{which} has {', '.join(f'%({m})s' for m in sorted(extra))}, "
                         "which the English does not.")
        if sorted(TAG.findall(text)) not in (sorted(TAG.findall(ids[0])), sorted(TAG.findall(ids[-1]))):
            found.append(f"the translation{which} does not have the same HTML tags as the English "
                         f"({' '.join(TAG.findall(ids[0])) or 'none'}).")
        try:
            text % {name: "" for name in have}
        except (ValueError, TypeError, KeyError):
            found.append(f"the translation{which} has a stray `%` (write `%%` for a percent sign).")
    return found


def _quoted(message: Message) -> str:
    first = message.id[0] if isinstance(message.id, tuple) else message.id
    return f"“{first[:60]}”"


def _shown(path: Path) -> str:
    return path.relative_to(GENERATOR.parent).as_posix()
