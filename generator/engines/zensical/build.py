"""Building the site with Zensical, Material for MkDocs' maintained successor.

Zensical runs no third-party MkDocs plugins (it ignores them), so the site is handed to it
whole: the core writes every page, finished, and every file into a working folder
(`generator.export`), Zensical builds that folder with the site's own `mkdocs.yml` settings and
theme overrides, and the written site is indexed for search (Pagefind) before it replaces
`site/` in one step, as the MkDocs build does. `serve` previews it, writing the pages again
whenever a plan, update or hand-written page is saved.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml

from generator import address, contact, gitinfo, pipeline, search, sitedir
from generator.cms.admin import admin_files
from generator.cms.config import CmsSettings, github_repo
from generator.export import MarkdownSettings, export_site
from generator.i18n import Languages, read_languages
from generator.problems import InputError

WORK = Path(".cache") / "zensical"
"""Where the pages are written for Zensical and its configuration kept, inside the project."""


@dataclass(frozen=True)
class Settings:
    """What a build needs from the site's `mkdocs.yml`."""

    root: Path
    raw: dict[str, Any]
    plans_dir: Path
    content_dir: Path
    site_dir: Path
    cache_dir: Path
    site_url: str
    site_name: str
    contact: contact.Contact
    markdown: MarkdownSettings
    raw_plugin: dict[str, Any]
    """The `plans` plugin's settings (the MkDocs engine's; read here for the same options)."""
    languages: Languages
    """The site's languages (the plugin's `languages` and `native_digits`)."""


class _Loader(yaml.SafeLoader):
    """mkdocs.yml as data; `!ENV [NAME, default]` read from the environment, as MkDocs does."""


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    values = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else [loader.construct_scalar(node)]  # type: ignore[arg-type]
    *names, default = values if len(values) > 1 else (*values, None)
    for name in names:
        if str(name) in os.environ:
            return yaml.safe_load(os.environ[str(name)])
    return default


_Loader.add_constructor("!ENV", _env)


def read_settings(config_file: Path) -> Settings:
    """The settings of the site whose configuration is `config_file`."""
    raw = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_Loader)
    root = config_file.parent.resolve()
    plans: dict[str, Any] = {}
    for entry in raw.get("plugins") or []:
        if isinstance(entry, dict) and "plans" in entry:
            plans = entry["plans"] or {}
    extensions: list[str] = []
    configs: dict[str, dict[str, Any]] = {}
    for entry in raw.get("markdown_extensions") or []:
        name, options = (next(iter(entry.items())) if isinstance(entry, dict) else (entry, None))
        extensions.append(name)
        if options:
            configs[name] = options
    found, problems = contact.read_contact((raw.get("extra") or {}).get("contact"))
    languages, language_problems = read_languages(plans.get("languages"), plans.get("native_digits") or ())
    for problem in problems + language_problems:
        print(f"WARNING -  {problem}", file=sys.stderr)
    return Settings(root, raw, root / plans.get("plans_dir", "plans"), root / raw.get("docs_dir", "docs"),
                    root / raw.get("site_dir", "site"), root / plans.get("cache_dir", ".cache/charts"),
                    raw.get("site_url") or "", raw.get("site_name") or "", found,
                    MarkdownSettings(tuple(extensions), configs), plans, languages)


def zensical_config(settings: Settings, docs: Path, site: Path) -> dict[str, Any]:
    """The configuration Zensical builds with (written beside `docs` and `site`, which it wants
    as paths relative to it): the site's own, pointed at the written pages, with its built-in
    search off (the site's search is Pagefind) and the classic look (Material's)."""
    config = {key: value for key, value in settings.raw.items() if key not in ("plugins", "not_in_nav")}
    config["docs_dir"] = os.path.relpath(docs, docs.parent)
    config["site_dir"] = os.path.relpath(site, docs.parent)
    config["plugins"] = [{"search": {"enabled": False}}]
    theme = dict(config.get("theme") or {})
    if theme.get("custom_dir"):
        theme["custom_dir"] = os.path.relpath(settings.root / theme["custom_dir"], docs.parent)
    theme.setdefault("variant", "classic")
    config["theme"] = theme
    return config


def write_pages(settings: Settings, docs: Path, say: Callable[[str], None], fork: bool = True) -> None:
    """Read and check the plans, then write every page and file for Zensical into `docs` (with
    `fork`, pages of a large site are rendered in forked workers: never while threads run)."""
    os.environ.setdefault("SOURCE_DATE_EPOCH", str(gitinfo.build_epoch(settings.root) or 0))
    build = pipeline.build_output(settings.plans_dir, settings.cache_dir, site_url=settings.site_url,
                                  site_name=settings.site_name, report=say, fork=fork,
                                  content_dir=settings.content_dir, languages=settings.languages)
    plans = settings.raw_plugin
    cms = CmsSettings(repo=github_repo(settings.raw.get("repo_url") or ""), branch=plans.get("branch", "main"),
                      auth_url=plans.get("cms_auth_url"), auth_endpoint=plans.get("cms_auth_endpoint"),
                      site_url=settings.site_url, plans_path=os.path.relpath(settings.plans_dir, settings.root))
    admin = admin_files(build.site, cms, settings.site_name)
    if admin.left_out:
        say(admin.left_out)
    output = replace(build.output, assets=build.output.assets + admin.assets)
    pages = export_site(output, settings.content_dir, docs, settings.markdown, settings.contact, build.history)
    say(f"Pages: {pages} written for Zensical")


def build(config_file: Path, say: Callable[[str], None]) -> Path:
    """Build the site with Zensical into its `site_dir`, which is replaced only when the build
    succeeded; returns that folder."""
    settings = read_settings(config_file)
    work = settings.root / WORK
    docs = work / "docs"
    final = settings.site_dir.resolve()
    reason = sitedir.unsafe_output(final, [*sitedir.project_folders(settings.root), settings.content_dir,
                                           settings.plans_dir])
    if reason:
        raise SystemExit(reason)
    if address.is_placeholder(settings.site_url):
        say(address.NOTICE.format(url=settings.site_url or "not set"))
    write_pages(settings, docs, say)
    built = work / "site"  # Zensical writes only inside the folder of its configuration
    shutil.rmtree(built, ignore_errors=True)
    config = work / "zensical.yml"
    config.write_text(yaml.safe_dump(zensical_config(settings, docs, built), sort_keys=True), encoding="utf-8")
    started = time.perf_counter()
    if subprocess.run([*_zensical(), "build", "--clean", "-f", str(config)], cwd=settings.root,
                      check=False).returncode:
        raise SystemExit("Zensical could not build the site (its messages are above); site/ is unchanged.")
    say(f"Zensical built the site in {time.perf_counter() - started:.1f} s")
    (built / "search.json").unlink(missing_ok=True)  # its own index, written even with its search off
    staging = sitedir.stage(final)
    try:
        staging.rmdir()
        built.rename(staging)
        done = search.index_site(staging)
        say(f"Search: {done.pages} pages indexed, {done.bytes / 1e6:.1f} MB, in {done.seconds:.1f} s")
        sitedir.swap_into_place(staging, final)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return final


def serve(config_file: Path, say: Callable[[str], None], port: int = 8000) -> None:
    """Preview the site with `zensical serve`, writing the pages again (so Zensical reloads them)
    whenever a file in `plans/` or the hand-written pages is saved."""
    from watchdog.events import FileSystemEvent, FileSystemEventHandler
    from watchdog.observers import Observer

    settings = read_settings(config_file)
    work = settings.root / WORK
    docs = work / "docs"
    write_pages(settings, docs, say)
    config = work / "zensical.yml"
    config.write_text(yaml.safe_dump(zensical_config(settings, docs, work / "site"), sort_keys=True),
                      encoding="utf-8")

    changed = threading.Event()

    class Rewrite(FileSystemEventHandler):
        def on_any_event(self, event: FileSystemEvent) -> None:
            if event.event_type in ("modified", "created", "deleted", "moved"):
                changed.set()

    def rewrite() -> None:  # once the saves have stopped for half a second
        while True:
            changed.wait()
            while changed.wait(0.5):
                changed.clear()
            try:
                write_pages(settings, docs, say, fork=False)
            except InputError as exc:
                say(f"The plan files have {len(exc.problems)} problem(s); the preview keeps the last good pages. "
                    "`python -m generator check` lists them.")

    threading.Thread(target=rewrite, daemon=True).start()

    observer = Observer()
    for folder in (settings.plans_dir, settings.content_dir):
        observer.schedule(Rewrite(), str(folder), recursive=True)
    observer.start()
    try:
        subprocess.run([*_zensical(), "serve", "-f", str(config), "--dev-addr", f"127.0.0.1:{port}"],
                       cwd=settings.root, check=False)
    finally:
        observer.stop()
        observer.join()


def _zensical() -> list[str]:
    found = shutil.which("zensical", path=str(Path(sys.executable).parent))
    if found is None:
        raise SystemExit("Zensical is not installed: run `scripts/setup zensical` (or scripts/build-site "
                         "--engine zensical, which does it).")
    return [found]
