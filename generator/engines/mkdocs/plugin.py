"""The `plans` MkDocs plugin: hands the pipeline's pages and files to MkDocs, event by event.

- Plans are read and checked in `on_pre_build`, before MkDocs touches `site/`; missing chart
  drawings are then made in the background while the pages are built.
- Generated pages are added as empty files (`on_files`) with their settings set directly
  (`on_page_markdown`); each page's body, kept compressed, bypasses Markdown and is unpacked
  only while MkDocs builds that page (`on_page_context`), then dropped (`on_post_page`).
- Hand-written pages are finished by the core (`generator.content.finish_page`).
- Charts, downloads, feeds and the editing interface's files are written after the pages, then
  the written site is indexed for search (`on_post_build`, which runs after every other
  plugin's); `mkdocs build` writes into a staging folder that replaces `site/` only on success.
- `mkdocs serve` also watches `plans/`; while a file has errors, every page of the preview is
  the core's error page (`generator.errorpage`), until the next good save.
"""

from __future__ import annotations

import logging
import os
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.utils import CountHandler
from mkdocs.utils.templates import TemplateContext

from generator import address, contact, errorpage, gate, gitinfo, pipeline, report, search, text
from generator.charts.jobs import Drawing
from generator.cms.admin import admin_files
from generator.cms.config import CmsSettings, github_repo
from generator.content import finish_page, is_draft
from generator.deploy import history_problems
from generator.engines.mkdocs import pages
from generator.engines.mkdocs.logs import log, notice, say_once
from generator.engines.mkdocs.staging import Staging
from generator.gitinfo import History
from generator.i18n import Languages, read_languages
from generator.pages import Output, Page, RepoLinks
from generator.problems import InputError
from generator.render.site import last_updated_html
from generator.write import page_meta, write_assets

PROGRESS_FROM = 500
"""Sites with at least this many pages report MkDocs's progress through them."""
WARNINGS_SHOWN = 20
"""Build logs show this many data warnings at most (a large site could otherwise flood CI logs)."""


class PlansConfig(Config):  # type: ignore[no-untyped-call]
    """Settings for the `plans` plugin in `mkdocs.yml`."""

    plans_dir = c.Type(str, default="plans")
    """The folder holding the plan YAML files, relative to `mkdocs.yml`."""
    branch = c.Type(str, default="main")
    """The branch that `repo_url` edit links point at."""
    cache_dir = c.Type(str, default=".cache/charts")
    """Where drawn charts are kept between builds, keyed by a hash of their data and style."""
    deploy = c.Type(bool, default=False)
    """True for the build that will be published (`deploy: !ENV [PLANS_DEPLOY, false]`): checks
    that only warn elsewhere, such as a shallow clone's missing history and the publication gate,
    then stop the build."""
    base = c.Type(str, default="")
    """For the deploy build: the commit it is compared with (`base: !ENV [PLANS_BASE, ""]`); the
    publication gate checks the files changed since. Empty: the commit before."""
    cms_auth_url = c.Optional(c.Type(str))
    """The sign-in (OAuth) service the editing interface uses for GitHub, e.g.
    `https://auth.example.org` (see the README: Editing in a browser)."""
    cms_auth_endpoint = c.Optional(c.Type(str))
    """The path of that service's sign-in page, if it is not `auth`."""
    languages = c.ListOfItems(c.Type(str), default=["en"])
    """The site's languages, the council's first (`[en, bn, cy]`): each other language gets the
    generated pages under its own prefix (`/bn/plans/…`), in its message catalogue's words."""
    native_digits = c.ListOfItems(c.Type(str), default=[])
    """Languages whose numbers and dates are written in their own digits (`[bn]`: ০-৯), not 0-9."""


class PlansPlugin(BasePlugin[PlansConfig]):  # type: ignore[no-untyped-call]
    """Generates plan, recommendation and update pages from `plans/`."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self._command = "build"
        self._output: Output | None = None
        self._history: History | None = None
        self._links: RepoLinks | None = None
        self._pages: dict[str, Page] = {}
        self._staging = Staging()
        self._warnings = CountHandler()
        self._drawing: Drawing | None = None
        self._page_total = 0
        self._pages_done = 0
        self._started = 0.0
        self._placeholder = True
        self._languages = Languages()
        self._error_page: str | None = None
        """While the preview's files have errors: the page shown instead of every page."""
        self._known_pages: tuple[str, ...] = ()
        """The generated pages of the last good preview: shown as the error page while it fails."""

    # --- configuration ------------------------------------------------------------------

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self._command = command

    @event_priority(100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path).parent
        self._plans_dir = (root / self.config.plans_dir).resolve()
        self._cache_dir = (root / self.config.cache_dir).resolve()
        self._links = _repo_links(config, root, self.config.branch)
        self._contact, problems = contact.read_contact(config.extra.get("contact"))
        for problem in problems:
            log.warning(problem)
        if not self._contact.is_set:
            notice.warning(contact.UNSET)
        self._placeholder = address.is_placeholder(config.site_url or "")
        if self._placeholder:
            notice.warning(address.NOTICE.format(url=config.site_url or "not set"))
        _date_the_build(root)
        self._languages, problems = read_languages(self.config.languages, self.config.native_digits)
        for problem in problems:
            log.warning(problem)
        if self._command == "build":
            self._staging.start(config, root, self._plans_dir)
        if config.strict:  # MkDocs' own counter: a warning means MkDocs will abort after this build
            self._warnings = CountHandler(level=logging.WARNING)
            logging.getLogger("mkdocs").addHandler(self._warnings)
        return config

    # --- reading and checking the plans -------------------------------------------------

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        self._started = time.perf_counter()
        self._error_page = None
        try:
            build = pipeline.build_output(self._plans_dir, self._cache_dir, links=self._links,
                                          site_url=config.site_url or "", site_name=config.site_name,
                                          report=self._progress, fork=self._command == "build",
                                          background=True, deploy=self.config.deploy,
                                          content_dir=Path(config.docs_dir), base=self.config.base or None,
                                          languages=self._languages)
        except InputError as exc:
            self._staging.discard()
            for line in report.render(exc.problems, "lines").splitlines():
                log.error(line)
            if self._command == "serve":
                self._output, self._pages = None, {}
                self._error_page = errorpage.error_page(exc.problems)
                log.error("The preview shows these problems on every page until the files are fixed.")
                return
            raise Abort(f"The build stopped on {sum(p.is_error for p in exc.problems)} error(s), listed above; "
                        "nothing was built. `python -m generator check` lists the plan files' problems.") from None
        self._output = self._with_admin(build, config)
        self._history = build.history
        self._drawing = build.drawing
        for problem in history_problems(build.history):
            notice.warning("%s %s", problem.message, problem.hint)
        for problem in (p for p in build.warnings if gate.is_gate(p)):
            notice.warning("%s", report.render([problem], "lines").strip())
        for problem in [p for p in build.warnings if not gate.is_gate(p)][:WARNINGS_SHOWN]:
            log.info("plan data: %s", report.render([problem], "lines").strip())
        if len(build.warnings) > WARNINGS_SHOWN:
            log.info("plan data: … and %d more warnings; `python -m generator check` lists them all",
                     len(build.warnings) - WARNINGS_SHOWN)
        self._pages = {page.src_uri: page for page in self._output.pages}

    def _with_admin(self, build: pipeline.Build, config: MkDocsConfig) -> Output:
        settings = CmsSettings(repo=github_repo(config.repo_url or ""), branch=self.config.branch,
                               auth_url=self.config.cms_auth_url, auth_endpoint=self.config.cms_auth_endpoint,
                               site_url=config.site_url or "",
                               plans_path=os.path.relpath(self._plans_dir, Path(config.config_file_path).parent))
        admin = admin_files(build.site, settings, config.site_name)
        if admin.left_out:
            say_once(admin.left_out)
        return replace(build.output, assets=build.output.assets + admin.assets)

    def _progress(self, message: str) -> None:
        log.info("%s (%.0f s)", message, time.perf_counter() - self._started)

    # --- pages --------------------------------------------------------------------------

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if self._output is None:  # the preview's error page, at every address it had (see `on_post_page`)
            for uri in self._known_pages:
                if files.get_file_from_path(uri) is None:
                    files.append(File.generated(config, uri, content=""))
            return files
        self._known_pages = tuple(page.src_uri for page in self._output.pages)
        self._page_total = len(files.documentation_pages()) + len(self._output.pages)
        self._pages_done = 0
        for file in files.documentation_pages():
            if file.abs_src_path and is_draft(file.src_uri, Path(file.abs_src_path).read_text(encoding="utf-8")):
                file.inclusion = InclusionLevel.DRAFT  # built by `serve` only, never published
        for page in self._output.pages:
            # Empty: the front matter is set in `on_page_markdown` and the body handed over in
            # `on_page_context`, so MkDocs neither parses YAML nor Markdown for generated pages.
            files.append(File.generated(config, page.src_uri, content=""))
        return files

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        """While the site's address is a placeholder, no page (nor the sitemap, which MkDocs
        writes before the pages) presents a placeholder address as the page's own."""
        if self._placeholder:
            for file in files.documentation_pages():
                if file.page is not None:
                    file.page.canonical_url = None
        return nav

    def on_page_markdown(self, markdown: str, *, page: MkDocsPage, config: MkDocsConfig,
                         files: Files) -> str:
        generated = self._pages.get(page.file.src_uri)
        if generated is not None:
            page.meta = page_meta(generated)
            return ""
        page.meta = text.escape_values(page.meta)  # type: ignore[assignment] # Material inserts them as HTML
        return markdown

    def on_page_content(self, html_body: str, *, page: MkDocsPage, config: MkDocsConfig,
                        files: Files) -> str:
        generated = self._pages.get(page.file.src_uri)
        if generated is not None:
            page.toc = pages.toc(generated.toc)
            if self._links is not None:
                page.edit_url = self._links.edit(generated.source_refs[0]) if generated.source_refs else None
            return ""  # the body is unpacked when the page is built (`on_page_context`), one at a time
        pages.escape_titles(page)
        changed = self._history.last_changed([Path(page.file.abs_src_path)]) \
            if self._history is not None and page.file.abs_src_path else None
        return finish_page(html_body, home=page.file.src_uri == "index.md",
                           home_html=self._output.home_html if self._output else "",
                           contact_html=contact.contact_html(self._contact), changed_html=last_updated_html(changed),
                           languages_html=self._output.languages_html if self._output else "")

    def on_page_context(self, context: TemplateContext, /, *, page: MkDocsPage, config: MkDocsConfig,
                        nav: Navigation) -> TemplateContext:
        """Give a generated page its body just before it is built (and drop it after, in
        `on_post_page`), so only one page's HTML is unpacked at a time."""
        generated = self._pages.get(page.file.src_uri)
        if generated is not None:
            page.content = generated.body()
        return context

    def on_post_page(self, output: str, *, page: MkDocsPage, config: MkDocsConfig) -> str:
        """Drop a generated page's body once it is written; on large sites, say how far MkDocs
        has got, ten times in all."""
        if self._error_page is not None:
            return self._error_page
        if page.file.src_uri in self._pages:
            page.content = None
        self._pages_done += 1
        step = max(1, self._page_total // 10)
        done, total = self._pages_done, self._page_total
        if total >= PROGRESS_FROM and ((done % step == 0 and total - done >= step // 2) or done == total):
            drawing = self._drawing
            charts = f"; charts: {drawing.drawn} of {drawing.to_draw} drawn" if drawing and drawing.to_draw else ""
            self._progress(f"Pages: {done} of {total} built{charts}")
        return output

    def on_env(self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        """Keep the theme's compiled templates between builds (Jinja checks each one's source)."""
        folder = self._cache_dir.parent / "theme-templates"
        folder.mkdir(parents=True, exist_ok=True)
        env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(folder))
        return env

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        server.watch(str(self._plans_dir))
        custom_dir = config.theme.custom_dir
        if custom_dir:
            server.watch(custom_dir)  # MkDocs only watches the theme with --watch-theme
        return server

    # --- files, search and the swap -------------------------------------------------------

    @event_priority(-100)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """After every other plugin has written its files: the drawings, downloads, feeds and
        editing interface, then the search index, then the swap into place."""
        if self._error_page is not None:  # any address the failed preview lacks shows the problems too
            (Path(config.site_dir) / "404.html").write_text(self._error_page, encoding="utf-8")
            return
        if config.strict and self._warnings.get_counts():
            return  # MkDocs aborts next; the previous site stays as it was
        if self._drawing is not None and self._drawing.to_draw:
            self._progress(f"Charts: waiting for {self._drawing.to_draw - self._drawing.drawn} of "
                           f"{self._drawing.to_draw} drawings")
            self._drawing.wait()
            self._progress(f"Charts: {self._drawing.to_draw} drawn, {self._drawing.reused} reused from the cache")
        if self._output is not None:
            # Written here, one at a time, rather than handed to MkDocs as files: a large site's
            # would not all fit in memory. Forked workers only in `mkdocs build`: `serve` runs
            # a server thread, and forking a process with threads is not safe.
            write_assets(self._output.assets, Path(config.site_dir), workers=2 if self._command == "build" else 1)
            self._progress(f"Files: {len(self._output.assets)} charts, downloads and feeds written")
        self._index(Path(config.site_dir))
        self._staging.finish(config)

    def _index(self, site: Path) -> None:
        """Index the written site for search, before it is swapped into place: if indexing
        fails, the build fails and the previous site stays as it was."""
        try:
            done = search.index_site(site)
        except search.SearchIndexError as exc:
            raise Abort(f"Search index: {exc}") from None
        self._progress(f"Search: {done.pages} pages indexed, {done.bytes / 1e6:.1f} MB, in {done.seconds:.1f} s")

    def on_build_error(self, *, error: Exception) -> None:
        if self._drawing is not None:
            self._drawing.stop()
        self._staging.discard()

    def on_shutdown(self) -> None:
        if self._drawing is not None:
            self._drawing.stop()
        self._staging.discard()
        logging.getLogger("mkdocs").removeHandler(self._warnings)


def _repo_links(config: MkDocsConfig, root: Path, branch: str) -> RepoLinks | None:
    """Edit links need `repo_url` in mkdocs.yml (GitHub-style blob/edit addresses)."""
    if not config.repo_url:
        return None
    base = config.repo_url.rstrip("/")
    return RepoLinks(root, f"{base}/blob/{branch}/", f"{base}/edit/{branch}/")


def _date_the_build(root: Path) -> None:
    """MkDocs dates a build (the sitemap's dates) from `SOURCE_DATE_EPOCH` in the environment,
    the only place it reads one: set it to the last commit's time, so the same commit builds
    the same bytes."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return
    epoch = gitinfo.build_epoch(root)
    if epoch is None:
        notice.warning("No git history found: set SOURCE_DATE_EPOCH for a reproducible build.")
    else:
        os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
