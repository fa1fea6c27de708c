"""The output folder: refuse one that holds anything but a site, build beside it, swap it in.

A build writes into a staging folder next to the output folder and replaces it only when it
succeeded. The output folder is checked first: it may not be the project (or hold it), nor hold
another git repository, because the swap deletes what was there (`scripts/build-at <ref> .`
once deleted the whole repository). The swap exchanges the two folders atomically where the
system can (Linux `renameat2`), so the site is never missing; it keeps the old site's own
dot-files (a `.git` of a GitHub Pages checkout, `.nojekyll`), as plain MkDocs does. Staging
folders of builds that were killed are removed by the next build.

Run as `python -m generator.sitedir FOLDER` to check a folder (used by `scripts/build-at`).
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

LEGACY_AGE = 3600
"""Staging folders named without a process id (older versions) are stale after this many seconds."""


def unsafe_output(out: Path, project: Sequence[Path]) -> str | None:
    """Why `out` must not be replaced by a site, or None. `project` lists the folders the build
    reads (the project, its content and plans, its git work trees)."""
    out = out.resolve()
    for folder in project:
        folder = folder.resolve()
        if folder == out:
            return (f"The output folder {out} is the project's own folder ({folder.name}); building there would "
                    "replace the project with the site. Choose another folder, e.g. site/.")
        if out in folder.parents:
            return (f"The output folder {out} holds the project ({folder}); building there would delete it. "
                    "Choose another folder, e.g. site/.")
    if ".git" in out.parts:
        return f"The output folder {out} is inside a git repository's own folder (.git). Choose another folder."
    if (out / ".git").exists() and not _is_site(out):
        return (f"The output folder {out} holds a git repository (.git) and is not a built site; building there "
                "would delete it. Choose a new or empty folder.")
    tracked = _tracked(out)
    if tracked:
        return (f"The output folder {out} holds files kept in git ({tracked}); building there would delete them. "
                "Choose another folder, e.g. site/.")
    return None


def _tracked(out: Path) -> str:
    """A file kept in git under `out`, if any (`scripts/build-at main scripts` must not
    replace the scripts)."""
    if not out.is_dir():
        return ""
    try:
        listed = subprocess.run(["git", "ls-files", "-z", "--", "."], cwd=out, capture_output=True,
                                check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return ""  # not in a git work tree
    first = listed.split(b"\0", 1)[0]
    return os.fsdecode(first)


def _is_site(folder: Path) -> bool:
    """A built site (its `.git` is then the site's own, e.g. a GitHub Pages checkout) or a folder
    holding nothing but dot-files and a `CNAME`."""
    names = {p.name for p in folder.iterdir() if not p.name.startswith(".")}
    return "index.html" in names or names <= {"CNAME"}


def project_folders(root: Path) -> list[Path]:
    """`root` and the git work trees it belongs to (its own and the main one)."""
    folders = [root]
    with contextlib.suppress(OSError, subprocess.CalledProcessError):
        top, common = subprocess.run(["git", "rev-parse", "--show-toplevel", "--git-common-dir"], cwd=root,
                                     capture_output=True, text=True, check=True).stdout.splitlines()
        folders += [Path(top), (root / common).resolve().parent]
    return folders


# --- staging and swapping ---------------------------------------------------------------


def stage(out: Path) -> Path:
    """A new, empty staging folder beside `out`, with the permissions a new folder gets (a
    temporary folder's 0700 made a site served straight from disk answer 403). Staging folders
    of killed builds are removed first."""
    out.parent.mkdir(parents=True, exist_ok=True)
    remove_stale(out)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-new-{os.getpid()}-", dir=out.parent))
    staging.chmod(0o777 & ~_umask())
    return staging


def swap_into_place(staging: Path, out: Path) -> None:
    """Replace `out` by `staging`. Readers see the old site or the new one, never a half-written
    one and (where the system can exchange two folders) never none."""
    if not out.exists():
        staging.rename(out)
        return
    _keep_dot_entries(out, staging)
    if _exchange(staging, out):
        shutil.rmtree(staging, ignore_errors=True)  # it now holds the old site
        return
    old = out.with_name(f".{out.name}-old-{os.getpid()}")
    out.rename(old)
    staging.rename(out)
    shutil.rmtree(old, ignore_errors=True)


def remove_stale(out: Path) -> None:
    """Remove the staging folders next to `out` left by builds that were killed, first moving
    back any dot-file of the site (its `.git`) that a killed swap left in one."""
    pattern = re.compile(rf"^\.{re.escape(out.name)}-(?:new|old)-(?:(\d+)(?:-.*)?|[a-z0-9_]{{8}})$")
    for entry in sorted(out.parent.iterdir()) if out.parent.is_dir() else ():
        match = pattern.match(entry.name)
        if not match or not entry.is_dir() or entry.is_symlink():
            continue
        pid = int(match.group(1)) if match.group(1) else None
        if pid == os.getpid() or (pid is not None and _alive(pid)):
            continue
        if pid is None and time.time() - entry.stat().st_mtime < LEGACY_AGE:
            continue
        if not out.exists() and "-old-" in entry.name:
            entry.rename(out)  # killed between the two renames of a swap: the previous site comes back
            continue
        if out.is_dir():
            _keep_dot_entries(entry, out)
        shutil.rmtree(entry, ignore_errors=True)


def _keep_dot_entries(source: Path, target: Path) -> None:
    for entry in sorted(source.iterdir()):
        if entry.name.startswith(".") and not (target / entry.name).exists():
            entry.rename(target / entry.name)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(first: Path, second: Path) -> bool:
    """Swap two folders in one step (Linux `renameat2(RENAME_EXCHANGE)`); False where the
    system or its file system cannot."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    if renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(second))


def _umask() -> int:
    try:
        status = Path("/proc/self/status").read_text()
        return int(re.search(r"^Umask:\s*([0-7]+)", status, re.M).group(1), 8)  # type: ignore[union-attr]
    except (OSError, AttributeError):
        mask = os.umask(0o022)
        os.umask(mask)
        return mask


def main(argv: Sequence[str]) -> int:
    """Exit 2 with the reason when the folder given must not receive a build."""
    if len(argv) != 1:
        sys.stderr.write("usage: python -m generator.sitedir FOLDER\n")
        return 2
    reason = unsafe_output(Path(argv[0]), project_folders(Path.cwd()))
    if reason:
        sys.stderr.write(reason + "\n")
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
