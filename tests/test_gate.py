"""The publication gate as an editor meets it: `check` in a site repository, where "changed" comes
from git, and the deploy build. (The messages of each case are pinned by the fixtures in
`tests/fixtures/invalid/`.)"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from generator import pipeline
from generator.cli import main
from generator.problems import InputError
from tests.conftest import FIXTURES, ROOT

Q2 = "plans/bvip-2017-18/updates/2017-18-q2.yaml"
Q3 = "plans/bvip-2017-18/updates/2017-18-q3.yaml"
PLACEHOLDERS = [
    f"{Q3}:6:8: error: `[insert the title printed on the report]` is a placeholder left by `new-update`, not "
    "published text. (Replace it with the words printed on the report, or delete the line if the report has none.) "
    "In the editing form: Title (as printed). [insert-placeholder]",
    f"{Q3}:7:7: error: `[insert the date printed on the report, e.g. 14th September 2017]` is a placeholder left by "
    "`new-update`, not published text. (Replace it with the words printed on the report, or delete the line if the "
    "report has none.) In the editing form: Date (as printed). [insert-placeholder]",
    f"{Q3}:8:10: error: `[insert the meeting the update goes to]` is a placeholder left by `new-update`, not "
    "published text. (Replace it with the words printed on the report, or delete the line if the report has none.) "
    "In the editing form: Meeting. [insert-placeholder]",
    f"{Q3}:10:10: error: `[insert the summary of key achievements, in the council's words]` is a placeholder left by "
    "`new-update`, not published text. (Replace it with the words printed on the report, or delete the line if the "
    "report has none.) In the editing form: Summary. [insert-placeholder]",
]


def _git(repo: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Editor", "GIT_AUTHOR_EMAIL": "editor@example.org",
           "GIT_COMMITTER_NAME": "Editor", "GIT_COMMITTER_EMAIL": "editor@example.org"}
    return subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=True).stdout


@pytest.fixture()
def site_repo(tmp_path: Path) -> Path:
    """A site repository holding the sample plans on `main`, with an editor's branch checked out."""
    repo = tmp_path / "site"
    repo.mkdir()
    for name in ("plans", "content"):
        shutil.copytree(ROOT / name, repo / name)
    for name in ("public-urls.txt", "mkdocs.yml"):  # the site's languages are in mkdocs.yml
        shutil.copy(ROOT / name, repo)
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "Publish")
    _git(repo, "switch", "-q", "-c", "q3")
    return repo


def _check(repo: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str]]:
    cwd = Path.cwd()
    os.chdir(repo)
    try:
        code = main(["check", "--format", "lines", *args])
    finally:
        os.chdir(cwd)
    return code, capsys.readouterr().out.splitlines()


def test_a_new_update_with_placeholders_fails_and_published_warnings_are_one_line(
        site_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Before: exit 0, the four placeholders among 16 warnings, 11 of them about the published Q2 file."""
    assert main(["new-update", "--plans", str(site_repo / "plans"), "bvip-2017-18", "2017/18 Q3"]) == 0
    capsys.readouterr()
    untouched = (f"{Q2}:1:1: warning: 11 more warnings about published files this change (compared with `main`) "
                 f"does not touch ({Q2}: 11). (They are about text already published, which stays as it is. "
                 "`python -m generator check --all` lists them.) [untouched-files]")
    code, lines = _check(site_repo, capsys)
    assert code == 1
    assert lines[:5] == [untouched, *PLACEHOLDERS]
    # 7 pages in each of 3 languages, and 2 downloads (the open data is in one language)
    assert lines[5].startswith("public-urls.txt:1:1: warning: 23 new public address(es) are not listed yet")
    assert len(lines) == 6
    code, named = _check(site_repo, capsys, Q3)  # the named file, checked with the whole plan read
    assert (code, named[1:5]) == (1, PLACEHOLDERS)
    assert named[0].startswith(f"{Q2}:1:1: warning: 11 more warnings about files not named on the command line")
    code, every = _check(site_repo, capsys, "--all")
    assert code == 1 and sum("[on-track-after-deadline]" in line for line in every) == 11


def test_the_gate_never_asks_for_an_edit_of_a_published_update(site_repo: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    """A published file with a gate finding (here a `#` that cut a commentary) does not stop a change
    to another file; the same text in a changed file does."""
    _git(site_repo, "switch", "-q", "main")
    q2 = site_repo / Q2
    q2.write_text(q2.read_text().replace("    commentary: Initial training to take place in December 2017",
                                         "    commentary: Initial training #1 to take place in December 2017", 1))
    _git(site_repo, "commit", "-q", "-am", "Publish a commentary cut by a comment")
    _git(site_repo, "switch", "-q", "q3")
    _git(site_repo, "merge", "-q", "main")
    plan = site_repo / "plans/cpc-2023/plan.yaml"
    plan.write_text(plan.read_text() + "\n")
    code, lines = _check(site_repo, capsys)
    assert code == 0
    assert lines == [f"{Q2}:1:1: warning: 12 more warnings about published files this change (compared with "
                     f"`main`) does not touch ({Q2}: 12). (They are about text already published, which stays as it "
                     "is. `python -m generator check --all` lists them.) [untouched-files]"]
    q2.write_text(q2.read_text() + "\n")  # now the editor's change touches it
    code, lines = _check(site_repo, capsys)
    assert code == 1
    assert [line for line in lines if "error" in line] == [
        f"{Q2}:169:34: error: The text is cut at `#1 to take place in December 2017 with additional mandatory…`: "
        "YAML reads a space followed by `#` as the start of a comment, so only `Initial training` "
        "would be published. (Wrap the whole text in double quotes, or write it as a block: `|-` after the field "
        "name and the text on the next lines, indented. A note for editors goes on a line of its own, starting with "
        "`#`.) In the editing form: Activities and Key milestones › Key milestone 1-4 › Commentary. [comment-cut]"]


def test_the_deploy_build_stops_on_the_gate_in_the_files_just_changed(tmp_path: Path) -> None:
    repo = tmp_path / "site"
    shutil.copytree(FIXTURES / "demo" / "plans", repo / "plans")
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "Publish")
    update = repo / "plans/demo-trends/updates/2022-23-q4.yaml"
    update.write_text(update.read_text().replace("title: ", 'title: "[insert the title printed on the report]"\n'
                                                 "# was: ", 1))
    _git(repo, "commit", "-q", "-am", "Start the Q4 update")
    with pytest.raises(InputError) as caught:
        pipeline.build_output(repo / "plans", tmp_path / "cache", site_url="https://plans.council.gov.uk/",
                              deploy=True, fork=False)
    assert [(p.file, p.rule) for p in caught.value.problems if p.is_error] == [
        ("plans/demo-trends/updates/2022-23-q4.yaml", "insert-placeholder")]
    head = _git(repo, "rev-parse", "HEAD").strip()
    with pytest.raises(InputError) as caught:  # compared with the last commit, nothing changed: only the preview warns
        pipeline.build_output(repo / "plans", tmp_path / "cache", site_url="https://plans.example.org/",
                              deploy=True, fork=False, base=head)
    assert [(p.field, p.rule) for p in caught.value.problems if p.is_error] == [("site_url", "")]
    build = pipeline.build_output(repo / "plans", tmp_path / "cache", fork=False, workers=1)
    assert [p.severity.value for p in build.warnings if p.rule == "insert-placeholder"] == ["warning"]


def test_a_renamed_plan_keeps_its_downloads_and_feed_at_their_old_addresses(tmp_path: Path) -> None:
    """Files cannot redirect: each is also written at its old address, so no listed address is lost."""
    from generator.redirects import moved_files

    for name in ("plans", "content"):
        shutil.copytree(ROOT / name, tmp_path / name)
    for name in ("public-urls.txt", "mkdocs.yml"):
        shutil.copy(ROOT / name, tmp_path)
    plan = tmp_path / "plans/cpc-2023"
    text = (plan / "plan.yaml").read_text().replace("id: cpc-2023\n", "id: cpc-2023-24\nformer_ids: [cpc-2023]\n", 1)
    (plan / "plan.yaml").write_text(text)
    plan.rename(tmp_path / "plans/cpc-2023-24")
    derived_site, problems = pipeline.read_site(tmp_path / "plans")
    site = derived_site.site
    assert [p for p in problems if p.rule == "address-gone"] == []
    build = pipeline.build_output(tmp_path / "plans", tmp_path / "cache", fork=False, workers=1)
    copies = moved_files(site, list(build.output.assets))
    assert {a.path for a in copies} >= {"plans/cpc-2023/feed.xml", "plans/cpc-2023/data/cpc-2023.json",
                                        "plans/cpc-2023/updates/2023-24-q3/data/cpc-2023-2023-24-q3-progress.csv"}
    assert {a.path for a in copies} <= {a.path for a in build.output.assets}
