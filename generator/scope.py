"""Which files a change touches, from git: the gate applies to them, and warnings are listed
for them; warnings about published files nobody touched are summed up in one line.

A file counts as changed when it differs from the base (by default where the branch left the
main line: `git merge-base HEAD main`), is not yet committed, or is named on the command line.
Without a usable git history (a folder that is not the repository's top, or a base git does not
know) every file counts as changed: the strictest reading, never a weaker one.
"""

from __future__ import annotations

import subprocess
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

from generator import gate
from generator.files import display_path
from generator.problems import Problem, Severity

FOLDERS = ("plans", "content", "public-urls.txt")
BASES = ("origin/main", "main", "origin/master", "master")
"""Where a branch is compared from when no base is given (the first that exists)."""


@dataclass(frozen=True)
class Scope:
    """The files a change touches (repository-relative POSIX paths), or every file."""

    files: frozenset[str] | None
    """None: every file counts as changed."""
    outside: str = "published files this change does not touch"
    """The files outside the scope, in words, for the summary line."""

    def covers(self, name: str) -> bool:
        """True when the file `name` counts as changed."""
        return self.files is None or name in self.files

    def apply(self, problems: list[Problem]) -> list[Problem]:
        """The problems to show: gate findings in files outside the scope become warnings, and
        warnings about those files are summed up in one line (errors are always shown)."""
        shown: list[Problem] = []
        untouched: Counter[str] = Counter()
        for problem in problems:
            if self._shown(problem):
                shown.append(problem)
            else:
                untouched[problem.file] += 1
        if untouched:
            shown.append(_summary(untouched, self.outside))
        return shown


    def _shown(self, problem: Problem) -> bool:
        if self.covers(problem.file) or problem.rule in gate.SITE_WIDE or not problem.file.startswith("plans/"):
            return True
        return problem.is_error and not gate.is_gate(problem)


EVERY_FILE = Scope(None)


def _summary(untouched: Counter[str], outside: str) -> Problem:
    total = sum(untouched.values())
    files = sorted(untouched)
    listed = "; ".join(f"{name}: {untouched[name]}" for name in files[:3]) + ("; …" if len(files) > 3 else "")
    return Problem(files[0], 1, 1, "", f"{total} more warning{'s' if total > 1 else ''} about {outside} "
                   f"({listed}).",
                   "They are about text already published, which stays as it is. `python -m generator check --all` "
                   "lists them.", Severity.warning, "untouched-files")


def named(root: Path, paths: list[Path]) -> Scope:
    """The files named on the command line."""
    names = [display_path(path, root) for path in paths]
    return Scope(frozenset(names), "files not named on the command line")


def changed(root: Path, base: str | None = None) -> Scope:
    """The files under `root` that differ from `base` (by default the merge base with the main
    line), plus uncommitted and new ones; every file when git cannot tell."""
    try:
        top = Path(_git(root, "rev-parse", "--show-toplevel").strip()).resolve()
    except (OSError, subprocess.CalledProcessError):
        return EVERY_FILE
    if top != root.resolve():
        return EVERY_FILE  # a folder inside another repository (a test fixture, a copy): no history of its own
    ref = base or next((name for name in BASES if _exists(root, name)), None)
    try:
        since = _git(root, "merge-base", "HEAD", ref).strip() if ref else _git(root, "rev-parse", "HEAD").strip()
        names = _git(root, "diff", "--name-only", "--no-renames", since, "--", *FOLDERS).split("\n")
        names += _git(root, "ls-files", "--others", "--exclude-standard", "--", *FOLDERS).split("\n")
    except (OSError, subprocess.CalledProcessError):
        return EVERY_FILE
    compared = f"`{ref}`" if ref else "the last commit"
    return Scope(frozenset(name for name in names if name),
                 f"published files this change (compared with {compared}) does not touch")


def _exists(root: Path, ref: str) -> bool:
    try:
        _git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    except (OSError, subprocess.CalledProcessError):
        return False
    return True


def _git(root: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=root, capture_output=True, encoding="utf-8", errors="replace",
                          check=True).stdout


def demote_outside(problems: list[Problem], scope: Scope) -> list[Problem]:
    """Gate findings in files outside `scope` as warnings (the deploy build keeps every other)."""
    return [replace(p, severity=Severity.warning) if gate.is_gate(p) and p.rule not in gate.SITE_WIDE
            and not scope.covers(p.file) else p for p in problems]
