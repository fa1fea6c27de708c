"""Two things every part of the generator does with files, defined once: naming a file as the
project names it (relative to its root), and writing a file whole or not at all."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def display_path(path: Path, root: Path) -> str:
    """`path` as editors see it, relative to the project's `root` with `/` (`plans/x/plan.yaml`);
    a path outside the root is shown as given."""
    try:  # abspath, not resolve: a symbolic link is named as the link, not as what it points to
        return Path(os.path.abspath(path)).relative_to(os.path.abspath(root)).as_posix()
    except ValueError:
        return path.as_posix()


def write_atomic(path: Path, content: bytes) -> None:
    """Write `path` whole or not at all (a reader, or a build killed half-way, never sees half a
    file), keeping the permissions of the file it replaces."""
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(content)
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
