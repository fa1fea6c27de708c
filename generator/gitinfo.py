"""Stage 1, load: read the git history of the plan and content files (one `git log` call).

It gives each page its "last updated" date and each published update its corrections: any
commit that changed an update file after the commit that first published it. Without git
history the site still builds, with no dates.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path


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
        """Commits that changed a published file after the commit that first published it."""
        return self.of(path)[1:]


def read_history(root: Path, folders: tuple[str, ...] = ("plans", "content")) -> History | None:
    """The history of `folders` under `root`, or None when `root` is not in a git work tree."""
    try:
        top = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=root, capture_output=True,
                             text=True, check=True).stdout.strip()
        log = subprocess.run(
            ["git", "log", "--no-renames", "--format=%x00%H%x09%ct%x09%s", "--name-only", "--", *folders],
            cwd=root, capture_output=True, text=True, check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    top_path = Path(top).resolve()
    newest_first: dict[str, list[Commit]] = {}
    for block in log.split("\x00")[1:]:
        header, _, names = block.partition("\n")
        sha, stamp, subject = header.split("\t", 2)
        commit = Commit(sha, datetime.fromtimestamp(int(stamp), tz=UTC), subject)
        for name in names.split("\n"):
            if name.strip():
                newest_first.setdefault(name.strip(), []).append(commit)
    return History(top_path, {name: tuple(reversed(commits)) for name, commits in newest_first.items()})


def long_date(day: date) -> str:
    """`14 September 2017`: the date style of the council's own reports."""
    return f"{day.day} {day.strftime('%B %Y')}"
