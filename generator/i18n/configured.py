"""The languages a project's `mkdocs.yml` names (the `plans` plugin's `languages` and
`native_digits`), for the commands that run without a site engine: the list of public
addresses (`python -m generator urls`) and the checks. Both engines read the same settings."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from generator.i18n.languages import Languages, read_languages

CONFIG = "mkdocs.yml"


class _Loader(yaml.SafeLoader):
    """The configuration as data; tags such as `!ENV` read as their default, which no language
    setting uses."""


def _tagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    return None


_Loader.add_multi_constructor("!", _tagged)


def site_languages(root: Path) -> Languages:
    """The languages of the project at `root` (English alone when it names none or cannot be read;
    the build reports a misnamed language)."""
    try:
        raw = yaml.load((root / CONFIG).read_text(encoding="utf-8"), Loader=_Loader) or {}
    except (OSError, yaml.YAMLError):
        return Languages()
    for entry in raw.get("plugins") or [] if isinstance(raw, dict) else []:
        if isinstance(entry, dict) and isinstance(entry.get("plans"), dict):
            settings = entry["plans"]
            languages, _ = read_languages(settings.get("languages"), settings.get("native_digits") or ())
            return languages
    return Languages()
