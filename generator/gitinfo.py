"""Stage 1, load: read the git history of the plan and content files (one `git log` call).

It gives each page its "last updated" date and each published update its corrections.

The one rule for what counts as a correction: a commit on the main line, after the one that
first published an update file, that changes what the update says. Versions are compared as
data with every status and id resolved through the plan as it is now (`generator.resolve`), so
comments, layout, a status written as its label instead of its id, and an id written by its
new name after a rename (`former_ids`) are never corrections. Without git history the site
still builds, with no dates.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from generator.load import read_yaml
from generator.problems import Problem
from generator.resolve import Names


@dataclass(frozen=True)
class Commit:
    """One commit that touched a file."""

    sha: str
    when: datetime
    subject: str

    @property
    def day(self) -> date:
        """The commit's date (UTC)."""
        return self.when.date()


@dataclass(frozen=True)
class History:
    """Commits per file (repository-relative POSIX path), oldest first."""

    root: Path
    commits: dict[str, tuple[Commit, ...]] = field(default_factory=dict)
    data_changes: dict[str, tuple[Commit, ...]] = field(default_factory=dict)
    """Per file, the commits after the first that changed its data (not only comments or layout)."""
    shallow: bool = False
    """True in a shallow clone (`git clone --depth`): the older commits are missing, so the
    corrections and "last updated" dates read from it are wrong."""

    def _key(self, path: Path) -> str:
        try:
            return path.resolve().relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()

    def of(self, path: Path) -> tuple[Commit, ...]:
        """Every commit that changed `path`, oldest first."""
        return self.commits.get(self._key(path), ())

    def last_changed(self, paths: tuple[Path, ...] | list[Path]) -> date | None:
        """The date of the latest commit that changed any of `paths`."""
        days = [commits[-1].when for p in paths if (commits := self.of(p))]
        return max(days).date() if days else None

    def corrections(self, path: Path) -> tuple[Commit, ...]:
        """Commits that changed a published file's data after the commit that first published it.

        A commit that only changes comments or layout is not a correction."""
        return self.data_changes.get(self._key(path), ())


def build_epoch(root: Path) -> int | None:
    """When the last commit was made, in seconds since 1970: the date of a build of that commit,
    so the same commit always builds the same bytes. None outside a git repository."""
    try:
        stamp = _git(root, "log", "-1", "--format=%ct").strip()
    except (OSError, subprocess.CalledProcessError):
        return None
    return int(stamp) if stamp.isdigit() else None


def read_history(root: Path, folders: tuple[str, ...] = ("plans", "content")) -> History | None:
    """The history of `folders` under `root`, or None when `root` is not in a git work tree.

    Only the main line counts (`--first-parent`): a pull request merged with a merge commit is
    one publication, whatever commits its branch had."""
    try:
        top, shallow = _git(root, "rev-parse", "--show-toplevel", "--is-shallow-repository").splitlines()
        log = _git(root, "log", "--first-parent", "--diff-merges=first-parent", "--no-renames",
                   "--format=%x00%H%x09%ct%x09%s%x1f%b%x1e", "--name-only", "--", *folders)
    except (OSError, subprocess.CalledProcessError):
        return None
    newest_first: dict[str, list[Commit]] = {}
    for block in log.split("\x00")[1:]:
        header, _, names = block.partition("\x1e")
        head, _, body = header.partition("\x1f")
        sha, stamp, subject = head.split("\t", 2)
        commit = Commit(sha, datetime.fromtimestamp(int(stamp), tz=UTC), _reason(subject, body))
        for name in names.split("\n"):
            if name.strip():
                newest_first.setdefault(name.strip(), []).append(commit)
    commits = {name: tuple(reversed(found)) for name, found in newest_first.items()}
    return History(Path(top).resolve(), commits, _data_changes(root, Path(top), commits), shallow == "true")


def _git(root: Path, *args: str) -> str:
    # A commit message git cannot convert to UTF-8 (a wrong `i18n.commitEncoding`) comes out as
    # raw bytes; it is shown with replacement characters rather than stopping every later build.
    return subprocess.run(["git", *args], cwd=root, capture_output=True, encoding="utf-8", errors="replace",
                          check=True).stdout


def _reason(subject: str, body: str) -> str:
    """A merged pull request's title (the body's first line) says more than "Merge pull request #12"."""
    if subject.startswith(("Merge pull request", "Merge branch")):
        first = next((line.strip() for line in body.splitlines() if line.strip()), "")
        return first or subject
    return subject


def _data_changes(root: Path, top: Path, commits: dict[str, tuple[Commit, ...]]) -> dict[str, tuple[Commit, ...]]:
    """For each update file, the later commits whose version of the file says something different."""
    wanted = [(name, found) for name, found in commits.items() if "/updates/" in name and len(found) > 1]
    if not wanted:
        return {}
    requests = [f"{commit.sha}:{name}" for name, found in wanted for commit in found]
    contents = _cat_files(root, requests)
    result: dict[str, tuple[Commit, ...]] = {}
    plans: dict[str, Names] = {}
    for name, found in wanted:
        folder = name.rsplit("/updates/", 1)[0]
        names = plans.setdefault(folder, _names(top / folder / "plan.yaml"))
        versions = [names.update_data(_data(contents.get(f"{commit.sha}:{name}"))) for commit in found]
        changed = [commit for commit, before, after in zip(found[1:], versions[:-1], versions[1:], strict=True)
                   if after != before]
        if changed:
            result[name] = tuple(changed)
    return result


def _cat_files(root: Path, requests: list[str]) -> dict[str, str | None]:
    """Many file versions in one `git cat-file --batch` call."""
    out = subprocess.run(["git", "cat-file", "--batch"], cwd=root, input=("\n".join(requests) + "\n").encode(),
                         capture_output=True, check=True).stdout
    result: dict[str, str | None] = {}
    position = 0
    for request in requests:
        header_end = out.index(b"\n", position)
        header = out[position:header_end].decode()
        if header.endswith("missing"):
            result[request] = None
            position = header_end + 1
            continue
        size = int(header.split()[2])
        start = header_end + 1
        result[request] = out[start:start + size].decode("utf-8", errors="replace")
        position = start + size + 1
    return result


def _names(plan_file: Path) -> Names:
    """How the plan (as it is now) lets its updates write statuses and ids."""
    try:
        text = plan_file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return Names()
    data = _data(text)
    return Names.of(data) if isinstance(data, dict) else Names()


def _data(text: str | None) -> object:
    """A file's data with comments and layout ignored; unreadable text counts as itself. Old
    versions are read as carefully as the current files (an alias bomb or a file nested
    thousands deep once committed must not break every later build)."""
    if text is None:
        return None
    problems: list[Problem] = []
    read = read_yaml(text, "", problems)
    return text if read is None or problems else read[0]
