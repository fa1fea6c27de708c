"""The files of the editing interface under /admin/ of the built site: its page, its
configuration, Decap CMS (copied from the npm package, without source maps) and our own module
for it (bundled with its `yaml` library by esbuild, cached by a hash of its sources).

Decap CMS, the yaml library and esbuild are npm packages (`package.json`); where they are not
installed, the site is built without /admin/ and the build says so once.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from generator.cms.config import CmsSettings, cms_config, config_text
from generator.model import Site
from generator.pages import Asset

TOOLS = Path(__file__).resolve().parents[2]
"""The generator's own folder: its `admin/` sources and the `node_modules/` they need."""
SOURCES = TOOLS / "admin" / "src"
MODULES = TOOLS / "node_modules"
DECAP = MODULES / "decap-cms" / "dist"
BUNDLES = TOOLS / ".cache" / "admin"
"""Where bundles of our module are kept, by a hash of what they are made from (they depend on
the generator's files only, not on the site's)."""
FOLDER = "admin"
BUNDLE = "plans-cms.js"
STYLE = "admin.css"
ESBUILD_OPTIONS = ("--bundle", "--format=iife", "--target=es2020", "--minify", "--legal-comments=eof",
                   "--charset=utf8")
INSTALL_HINT = ("The editing interface (/admin/) was left out of the site: {reason}. To add it, run "
                "`npm ci` in {folder} (scripts/build-site does it when npm is installed), then build again.")
_SOURCE_MAP = re.compile(rb"\n?//# sourceMappingURL=[^\n]*\n?$")


class Unavailable(Exception):
    """The interface's packages are missing, so /admin/ cannot be built."""


@dataclass(frozen=True)
class AdminFiles:
    """The files under /admin/, or why there are none."""

    assets: tuple[Asset, ...]
    left_out: str = ""
    """Why /admin/ was left out, with what to do, when it was."""


def admin_files(site: Site, settings: CmsSettings, site_name: str) -> AdminFiles:
    """Every file of /admin/ for this site; none, with the reason, if the packages are missing."""
    try:
        _check_installed()
        bundle = module_bundle()
        decap = decap_files()
    except Unavailable as missing:
        return AdminFiles((), INSTALL_HINT.format(reason=missing, folder=TOOLS))
    config = config_text(cms_config(site, settings))
    assets = [
        Asset(f"{FOLDER}/index.html", page(site_name).encode("utf-8")),
        Asset(f"{FOLDER}/config.yml", config.encode("utf-8")),
        Asset(f"{FOLDER}/{BUNDLE}", source=bundle),
        Asset(f"{FOLDER}/{STYLE}", source=SOURCES / STYLE),
    ]
    assets += [Asset(f"{FOLDER}/{path.name}", make=partial(_without_source_map, path)) for path in decap]
    return AdminFiles(tuple(sorted(assets, key=lambda a: a.path)))


def page(site_name: str) -> str:
    """The interface's page. Its scripts come from this folder only: the policy also keeps out
    the script `mkdocs serve` adds to reload pages, which would reload the form while an
    editor types. Decap CMS compiles its configuration checks at run time (`unsafe-eval`)."""
    title = html.escape(f"Edit the plans – {site_name}")
    return (
        "<!doctype html>\n"
        '<html lang="en">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="robots" content="noindex">\n'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"script-src 'self' 'unsafe-eval'; "
        "object-src 'none'; base-uri 'self'\">\n"
        f"<title>{title}</title>\n"
        '<link rel="icon" href="../assets/images/favicon.png">\n'
        f'<link rel="stylesheet" href="{STYLE}">\n'
        f'<script src="{BUNDLE}"></script>\n'
        '<script src="decap-cms.js"></script>\n'
        "</head>\n"
        "<body>\n"
        "<noscript>The editing interface needs JavaScript. The plan files can also be edited as text: "
        "see the editors' guide.</noscript>\n"
        "</body>\n"
        "</html>\n"
    )


def _check_installed() -> None:
    needed = {"decap-cms": DECAP / "decap-cms.js", "esbuild": MODULES / ".bin" / "esbuild",
              "yaml": MODULES / "yaml" / "package.json"}
    missing = [name for name, path in needed.items() if not path.exists()]
    if missing:
        names = missing[0] if len(missing) == 1 else ", ".join(missing[:-1]) + " and " + missing[-1]
        raise Unavailable(f"the npm package{'s' if len(missing) > 1 else ''} {names} "
                          f"{'are' if len(missing) > 1 else 'is'} not installed")


def decap_files() -> list[Path]:
    """Decap CMS's browser files: the main script, the parts it loads on demand, and their
    licence notices (not the second copy named `cms.js`, nor any source map)."""
    return sorted(p for p in DECAP.iterdir() if p.is_file() and re.fullmatch(
        r"(?:\d+\.)?decap-cms\.js(?:\.LICENSE\.txt)?|[0-9a-f]+\.wasm", p.name))


def _without_source_map(path: Path) -> Iterator[bytes]:
    data = path.read_bytes()
    yield _SOURCE_MAP.sub(b"\n", data) if path.suffix == ".js" else data


def module_bundle(cache: Path = BUNDLES) -> Path:
    """Our module bundled into one script (`admin/src/main.js` and the yaml library), made by
    esbuild once per version of its sources and kept in `cache`."""
    esbuild = MODULES / ".bin" / "esbuild"
    key = _bundle_key()
    target = cache / f"plans-cms-{key}.js"
    if target.exists():
        return target
    cache.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=cache) as work:
        out = Path(work) / BUNDLE
        try:
            subprocess.run([str(esbuild), str(SOURCES / "main.js"), *ESBUILD_OPTIONS, f"--outfile={out}",
                            "--log-level=error"], cwd=TOOLS, check=True, capture_output=True, text=True)
        except (OSError, subprocess.CalledProcessError) as failed:
            detail = getattr(failed, "stderr", "") or str(failed)
            raise Unavailable(f"esbuild could not bundle admin/src ({detail.strip()})") from None
        out.replace(target)
    return target


def _bundle_key() -> str:
    digest = hashlib.sha256(json.dumps(ESBUILD_OPTIONS).encode())
    for path in sorted(SOURCES.glob("*.js")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    for package in ("esbuild", "yaml"):
        digest.update((MODULES / package / "package.json").read_bytes())
    return digest.hexdigest()[:16]

