"""The build, one line per stage: load → validate → model → derive → charts → render → write.

Everything is read and checked before anything is written. This module knows nothing of
MkDocs; `generator.engines` adapt it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

from generator import gate, multilingual, opendata, scope
from generator.charts import jobs
from generator.charts.cache import ChartCache
from generator.charts.jobs import Drawing
from generator.charts.kinds import Chart
from generator.charts.numbers import csv_bytes
from generator.charts.specs import charts_by_page
from generator.cms.fields import with_form_fields
from generator.content import content_problems
from generator.deploy import deploy_problems
from generator.derived import Derived, derive_site
from generator.feeds import feeds
from generator.gitinfo import History, read_history
from generator.i18n import Language, Languages, use
from generator.i18n.addresses import localised, translated
from generator.lint import lint
from generator.load import load_plans
from generator.manifest import unlisted_problems
from generator.model import Site, build_model
from generator.pages import Asset, Output, Page, RepoLinks
from generator.problems import InputError, Problem, errors_in, raise_if_errors
from generator.redirects import moved_files, redirect_assets
from generator.render.common import ChartsByPage, keep_compiled_templates
from generator.render.site import render_site
from generator.validate import validate
from generator.write import write_output

Progress = Callable[[str], None]
"""Receives one line about how far a long build has got (a handful per build, never per page)."""


@dataclass(frozen=True)
class Build:
    """What a build produced, with the warnings found and how many charts were drawn."""

    site: Site
    output: Output
    warnings: list[Problem]
    history: History | None
    drawing: Drawing
    """The charts: those the cache lacked may still be being drawn (`drawing.wait()` before writing)."""

    @property
    def charts_drawn(self) -> int:
        """How many drawings the cache lacked (identical charts are drawn once)."""
        return self.drawing.to_draw

    @property
    def charts_reused(self) -> int:
        """How many charts needed no new drawing: already in the cache, or identical to another."""
        return self.drawing.reused


def check(plans_dir: Path, content_dir: Path | None = None, changed: scope.Scope = scope.EVERY_FILE) -> list[Problem]:
    """Everything the publication gate looks at: load, validate, gate and lint every plan.
    Returns the problems to show: gate findings are errors in the `changed` files, and
    warnings about other published files are summed up in one line."""
    try:
        _, problems = read_site(plans_dir, content_dir)
    except InputError as exc:
        return changed.apply(exc.problems)
    return changed.apply(problems)


def read_site(plans_dir: Path, content_dir: Path | None = None) -> tuple[Derived, list[Problem]]:
    """Load, validate, model and derive every plan, and check the hand-written pages (by
    default `content/` beside `plans/`); raise `InputError` listing every error at once.

    Returns the model with what was derived from it (`Derived.site` is the model) and every
    warning, including the pre-publication lint, and the
    publication gate's findings (errors that do not stop this call: see `generator.gate`)."""
    loaded = load_plans(plans_dir)
    validated = validate(loaded)
    root = plans_dir.parent
    content = content_dir or root / "content"
    problems = list(validated.problems) + content_problems(content, root)
    if errors_in(problems):  # listed with the gate's findings about how the files are written
        raise InputError(with_form_fields(problems + gate.gate(loaded, None, root, content), loaded, None))
    site = build_model(validated)
    derived = derive_site(site)
    found = problems + lint(loaded, derived, root) + unlisted_problems(site, root) + \
        gate.gate(loaded, site, root, content)
    return derived, sorted(with_form_fields(found, loaded, site))


def build_output(plans_dir: Path, cache_dir: Path | None = None, workers: int = 2,
                 links: RepoLinks | None = None, site_url: str = "",
                 site_name: str = "Council improvement plans", report: Progress | None = None,
                 fork: bool = True, background: bool = False, deploy: bool = False,
                 content_dir: Path | None = None, base: str | None = None,
                 languages: Languages | None = None) -> Build:
    """Everything the site needs, built in memory; nothing is written except the chart cache.

    Charts are drawn by `workers` processes, carrying on in the background while the pages are
    built when `background` is true (then call `build.drawing.wait()` before writing; pages
    are then packed, see `Page.pack`, for a builder that takes them one at a time). Pages
    are rendered by as many processes forked from this one unless `fork` is false (forking is
    unsafe in a process running threads). A `deploy` build also stops on `deploy_problems`,
    which include the publication gate's findings in the files changed since `base` (by default
    the commit before); other builds show them as warnings. The generated pages, charts and
    feeds are made once in each of the `languages` (`generator.multilingual`)."""
    say = report or (lambda message: None)
    derived, problems = read_site(plans_dir, content_dir)
    site = derived.site
    findings = [p for p in problems if gate.is_gate(p)]
    warnings = [p for p in problems if not gate.is_gate(p)]
    items = sum(1 for plan in site.plans for _ in plan.items())
    say(f"Read {len(site.plans)} plans ({items} actions and milestones, "
        f"{sum(len(p.updates) for p in site.plans)} updates)")
    history = read_history(plans_dir.parent)
    if deploy:
        changed = scope.changed(plans_dir.parent, base or "HEAD^")
        raise_if_errors(deploy_problems(history, site_url, scope.demote_outside(findings, changed)))
    warnings = sorted(warnings + gate.as_warnings(findings))
    languages = languages or Languages()
    by_language: dict[Language, ChartsByPage] = {}
    facts: dict[Language, Derived] = {}
    for language in languages.all:
        with use(language):
            # Derived again in each other language: the phrases made from a plan's own words
            # ("Activities and sub-activities") are joined in the language's words.
            facts[language] = derive_site(site) if language.prefix else derived
            by_language[language] = charts_by_page(facts[language])
    files = [(language, f) for language, by_page in by_language.items() for page_files in by_page.values()
             for f in page_files]
    cache = ChartCache(cache_dir or plans_dir.parent / ".cache" / "charts")
    keep_compiled_templates(cache.folder.parent / "templates")
    drawing = jobs.start([f.chart for _, f in files], cache, workers)
    if drawing.to_draw:
        say(f"Charts: drawing {drawing.to_draw} while the pages are built; {drawing.reused} reused from the cache")
    else:
        say(f"Charts: 0 drawn, {drawing.reused} reused from the cache")
    if not background:
        drawing.wait()
    pages: dict[Language, list[Page]] = {}
    assets: list[Asset] = []
    home_html = ""
    for language in languages.all:
        with use(language):
            rendered = render_site(facts[language], by_language[language], history, links, site_url,
                                   workers if fork else 1)
            language_feeds = feeds(facts[language], site_url, site_name, history)
        pages[language] = multilingual.readdressed(rendered.pages, language)
        assets += multilingual.readdressed_assets(language_feeds, language)
        if language.prefix:
            pages[language].append(multilingual.home_page(language, rendered.home_html, site_name))
        else:
            home_html = rendered.home_html
    every_page = multilingual.with_languages(pages, languages)
    output = Output(tuple(page.pack() if background else page for page in every_page), (), home_html,
                    multilingual.home_languages(languages))
    say(f"Pages: {len(output.pages)} rendered")
    assets += [Asset(localised(f.svg_path, language), source=drawing.paths[f.chart.slug]) for language, f in files]
    assets += [Asset(localised(f.csv_path, language), make=partial(_csv_pieces, f.chart)) for language, f in files]
    assets += opendata.open_data(site, site_url)
    assets += redirect_assets(site, site_url)
    for language in languages.translated:  # a renamed id's old addresses keep working in every language
        with use(language):
            moved_pages = [asset for asset in redirect_assets(site, site_url) if translated(asset.path)]
        assets += multilingual.readdressed_assets(moved_pages, language)
    assets += moved_files(site, assets)
    output = replace(output, assets=tuple(sorted(assets, key=lambda a: a.path)))
    return Build(site, output, warnings, history, drawing)


def _csv_pieces(chart: Chart) -> tuple[bytes]:
    return (csv_bytes(chart),)


def write_pages(plans_dir: Path, out: Path, cache_dir: Path | None = None) -> int:
    """Build every page in memory and write them to `out`; returns the page count."""
    build = build_output(plans_dir, cache_dir)
    write_output(build.output, out)
    return len(build.output.pages)
