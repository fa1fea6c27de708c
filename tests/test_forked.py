"""The forked paths large sites take (pages rendered by two workers, files written by two) give
byte for byte what the serial paths give: the thresholds are lowered so the sample takes them."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from generator import write
from generator.charts.specs import charts_by_page
from generator.opendata import open_data
from generator.pipeline import read_site
from generator.render import site as render_site_module
from generator.render.site import render_site
from tests.conftest import ROOT


def _digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_pages_rendered_by_forked_workers_are_the_serial_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    derived, _ = read_site(ROOT / "plans")
    by_page = charts_by_page(derived)
    serial = render_site(derived, by_page, workers=1)
    monkeypatch.setattr(render_site_module, "PARALLEL_ITEMS", 0)
    forked = render_site(derived, by_page, workers=2)
    assert [(p.url, p.html) for p in forked.pages] == [(p.url, p.html) for p in serial.pages]
    assert len(serial.pages) > 100


def test_files_written_by_forked_workers_are_the_serial_files(monkeypatch: pytest.MonkeyPatch,
                                                              tmp_path: Path) -> None:
    derived_site, _ = read_site(ROOT / "plans")
    site = derived_site.site
    assets = open_data(site, "https://plans.council.gov.uk/")
    write.write_assets(assets, tmp_path / "serial", workers=1)
    monkeypatch.setattr(write, "PARALLEL_ASSETS", 0)
    write.write_assets(assets, tmp_path / "forked", workers=2)
    assert _digest(tmp_path / "forked") == _digest(tmp_path / "serial")
    assert len(_digest(tmp_path / "serial")) > 20
