"""The editing interface's configuration is generated from the plans and matches them; its
files are in the built site under /admin/ only, without source maps."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator import schema
from generator.cli import main
from generator.cms import admin
from generator.cms.config import CmsSettings, cms_config, config_text, github_repo
from generator.cms.form import FileKind, form_label
from generator.load import load_plans
from generator.model import Plan, Site
from generator.pipeline import read_site
from generator.scaffold import new_update
from tests.browser import require
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def site() -> Site:
    return read_site(ROOT / "plans")[0].site


@pytest.fixture(scope="module")
def config(site: Site) -> dict[str, Any]:
    return cms_config(site, CmsSettings(site_url="https://plans.example.org/"))


def _collection(config: dict[str, Any], name: str) -> dict[str, Any]:
    return next(c for c in config["collections"] if c["name"] == name)


def _field(fields: list[dict[str, Any]], *path: str) -> dict[str, Any]:
    field: dict[str, Any] = {"fields": fields}
    for name in path:
        field = next(f for f in field["fields"] if f["name"] == name)
    return field


def test_each_plan_has_a_collection_of_its_updates_with_its_own_items_statuses_and_sources(
        config: dict[str, Any], site: Site) -> None:
    assert [c["name"] for c in config["collections"]] == ["plans"] + [p.id for p in site.plans]
    for plan in site.plans:
        updates = _collection(config, plan.id)
        assert updates["folder"] == f"plans/{plan.id}/updates"
        assert (updates["label"], updates["create"], updates["delete"]) == (plan.title, True, False)
        status = _field(updates["fields"], "progress", "status")
        assert [(o["label"], o["value"]) for o in status["options"]] == [(s.label, s.id) for s in plan.statuses]
        source = _field(updates["fields"], "source")
        assert [o["value"] for o in source["options"]] == [s.id for s in plan.sources]
        milestones = _field(updates["fields"], "progress", "milestone")["items"]
        actions = _field(updates["fields"], "progress", "action")["items"]
        assert set(milestones) == {i.id for i in plan.items() if i.kind == "milestone"}
        assert set(actions) == {i.id for i in plan.items() if i.kind == "action"}
        summaries = _field(updates["fields"], "summaries", "recommendation")["items"]
        assert list(summaries) == [r.id for r in plan.recommendations]
    plans = _collection(config, "plans")
    assert [(f["name"], f["file"]) for f in plans["files"]] == [(p.id, f"plans/{p.id}/plan.yaml") for p in site.plans]


def test_an_entry_is_shown_by_its_reference_text_and_printed_deadline(config: dict[str, Any]) -> None:
    items = _field(_collection(config, "bvip-2017-18")["fields"], "progress", "milestone")["items"]
    assert items["1-4"] == {
        "reference": "Key milestone 1-4",
        "summary": "Key milestone 1-4: Train 40/50 experienced poll clerks to act as presiding officers in May 2018, "
                   "to be…",
        "text": "Train 40/50 experienced poll clerks to act as presiding officers in May 2018, to be placed with an "
                "experienced PO at a double station.",
        "deadline": "Jun-17",
    }


def test_help_text_is_the_schema_docstring(config: dict[str, Any]) -> None:
    fields = _collection(config, "bvip-2017-18")["fields"]
    assert _field(fields, "progress", "percent")["hint"] == schema.Progress.model_fields["percent"].description
    assert _field(fields, "progress", "commentary")["hint"] == "The update's commentary on this item, word for word."
    lead = _field(_collection(config, "plans")["files"][0]["fields"], "recommendations", "actions", "lead")
    assert lead["hint"] == "Lead officer or responsibility exactly as published (names and job titles)."


def test_field_rules_mirror_the_schema(config: dict[str, Any]) -> None:
    fields = _collection(config, "cpc-2023")["fields"]
    percent = _field(fields, "progress", "percent")
    assert (percent["widget"], percent["value_type"], percent["min"], percent["max"], percent["required"]) == (
        "number", "int", 0, 100, False)
    for name in ("title", "date", "source"):
        assert _field(fields, name)["required"] is True
    assert _field(fields, "progress", "status")["required"] is True
    plan_fields = _collection(config, "plans")["files"][0]["fields"]
    source_id = _field(plan_fields, "sources", "id")
    slug = next(m.pattern for m in schema.Source.model_fields["id"].metadata if hasattr(m, "pattern"))
    assert source_id["pattern"][0] == slug
    assert re.match(_field(plan_fields, "sources", "url")["pattern"][0], "javascript:alert(1)") is None


def test_published_entries_cannot_be_added_removed_or_reordered(config: dict[str, Any]) -> None:
    locked = {"allow_add": False, "allow_remove": False, "allow_reorder": False}
    updates = _collection(config, "bvip-2017-18")["fields"]
    plan = _collection(config, "plans")["files"][0]["fields"]
    for field in (_field(updates, "progress"), _field(updates, "summaries"), _field(plan, "recommendations"),
                  _field(plan, "recommendations", "actions"), _field(plan, "recommendations", "actions", "milestones")):
        assert {key: field[key] for key in locked} == locked
    sources = _field(plan, "sources")
    assert (sources["allow_add"], sources["allow_remove"], sources["allow_reorder"]) == (True, False, False)


def test_a_new_update_starts_from_the_text_new_update_writes(config: dict[str, Any], tmp_path: Path) -> None:
    shutil.copytree(ROOT / "plans", tmp_path / "plans")
    for plan_id, period in (("bvip-2017-18", "2017/18 Q3"), ("cpc-2023", "2023/24 Q4")):
        written = new_update(tmp_path / "plans", plan_id, period).read_text(encoding="utf-8")
        assert _field(_collection(config, plan_id)["fields"], "__original")["default"] == written


def test_the_configuration_reads_back_the_same(config: dict[str, Any]) -> None:
    text = config_text(config)
    assert text.startswith("# The editing interface's configuration (Decap CMS), generated from the plans")
    assert yaml.safe_load(text) == config
    # Decap reads YAML 1.2, PyYAML 1.1: text either would read as a number or a yes/no is quoted.
    awkward = config_text({"a": "0o17", "b": "yes", "c": "1_000", "d": "2017-18", "e": "On Target"})
    assert awkward.splitlines()[-5:] == ['a: "0o17"', 'b: "yes"', 'c: "1_000"', "d: 2017-18", "e: On Target"]


def test_github_addresses_name_the_repository() -> None:
    assert github_repo("https://github.com/example/plans") == "example/plans"
    assert github_repo("https://github.com/example/plans.git/") == "example/plans"
    assert github_repo("https://gitlab.com/example/plans") is None


def test_cms_config_command_prints_what_the_site_build_writes(sample_site: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    require(admin.DECAP / "decap-cms.js")
    assert main(["cms-config", "--plans", str(ROOT / "plans"), "--site-url", "https://plans.example.org/"]) == 0
    assert capsys.readouterr().out == (sample_site / "admin" / "config.yml").read_text(encoding="utf-8")


def test_the_site_has_the_editing_interface_under_admin_only_without_source_maps(sample_site: Path) -> None:
    require(admin.DECAP / "decap-cms.js")
    files = {p.relative_to(sample_site).as_posix() for p in sample_site.rglob("*") if p.is_file()}
    decap = {f for f in files if "decap-cms" in f or f.endswith(".wasm")}
    assert {"admin/index.html", "admin/config.yml", "admin/plans-cms.js", "admin/admin.css",
            "admin/decap-cms.js"} <= files
    assert decap and all(f.startswith("admin/") for f in decap)
    assert not [f for f in files if f.startswith("admin/") and f.endswith(".map")]
    scripts = [sample_site / f for f in files if f.startswith("admin/") and f.endswith(".js")]
    assert not [s for s in scripts if b"sourceMappingURL" in s.read_bytes()]
    page = (sample_site / "admin" / "index.html").read_text()
    assert "script-src 'self'" in page and "https://" not in page


def test_the_bundle_of_our_module_is_reproducible(tmp_path: Path) -> None:
    require(admin.MODULES / ".bin" / "esbuild")
    first = admin.module_bundle(tmp_path / "a").read_bytes()
    assert admin.module_bundle(tmp_path / "b").read_bytes() == first
    assert b"registerCustomFormat" in first and b"sourceMappingURL" not in first


def test_without_the_npm_packages_admin_is_left_out_with_what_to_do(site: Site,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(admin, "DECAP", ROOT / "missing")
    monkeypatch.setattr(admin, "MODULES", ROOT / "missing")
    files = admin.admin_files(site, CmsSettings(), "Plans")
    assert files.assets == ()
    assert files.left_out == (
        "The editing interface (/admin/) was left out of the site: the npm packages decap-cms, esbuild and yaml "
        f"are not installed. To add it, run `npm ci` in {ROOT} (scripts/build-site does it when npm is "
        "installed), then build again.")


# --- naming the form field for a place in a file (for the publication gate's messages) -------------


@pytest.fixture(scope="module")
def bvip(site: Site) -> Plan:
    return next(p for p in site.plans if p.id == "bvip-2017-18")


def test_form_label_names_the_field_that_edits_a_place_in_a_file(bvip: Plan) -> None:
    assert form_label("update", ("progress", 3, "percent")) == "Actions and Milestones › entry 4 › % complete"
    data = load_plans(ROOT / "plans").plans[0].updates[0].data
    assert form_label("update", ("progress", 3, "percent"), bvip, data) == (
        "Activities and Key milestones › Key milestone 1-4 › % complete")
    assert form_label("update", ("notes", 1), bvip) == "Transcription notes › Transcription note 2"
    plan_data = load_plans(ROOT / "plans").plans[0].plan
    assert plan_data is not None
    assert form_label("plan", ("recommendations", 0, "actions", 0, "milestones", 0, "lead"), bvip,
                      plan_data.data) == ("Areas › Area: Elections › Activities › Activity 1 › Key milestones › "
                                          "Key milestone 1-1 › Lead Officer (as printed)")
    assert form_label("update", ("progress", 0, "evidence", 0, "title")) is None  # edited in the file only
    assert form_label("plan", ("statuses", 0, "label")) is None


def test_every_form_field_has_the_label_form_label_gives(config: dict[str, Any], bvip: Plan) -> None:
    def walk(fields: list[dict[str, Any]], path: tuple[str | int, ...], labels: tuple[str, ...],
             kind: FileKind) -> int:
        count = 0
        for field in fields:
            if field["widget"] == "hidden":
                continue
            here, named = (*path, field["name"]), (*labels, field["label"])
            assert form_label(kind, here, bvip) == " › ".join(named)
            count += 1
            if "fields" in field:
                count += walk(field["fields"], (*here, 0), (*named, "entry 1"), kind)
        return count

    updates = _collection(config, "bvip-2017-18")["fields"]
    plan = _collection(config, "plans")["files"][0]["fields"]
    assert walk(updates, (), (), "update") == 18
    assert walk(plan, (), (), "plan") == 22
