"""`mkdocs build` writes into a staging folder that replaces `site/` only when the build
succeeded (the swap itself is the core's `generator.sitedir`)."""

from __future__ import annotations

import shutil
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort

from generator import sitedir


class Staging:
    """The folder a build writes into, and the `site/` it will replace."""

    def __init__(self) -> None:
        self.final: Path | None = None
        self.folder: Path | None = None

    def start(self, config: MkDocsConfig, root: Path, plans_dir: Path) -> None:
        """Point MkDocs at a new staging folder beside `site/` (refusing an output folder that
        would replace the project)."""
        final = Path(config.site_dir).resolve()
        reason = sitedir.unsafe_output(final, [*sitedir.project_folders(root), Path(config.docs_dir), plans_dir])
        if reason:
            raise Abort(reason)
        self.final = final
        self.folder = sitedir.stage(final)
        config.site_dir = str(self.folder)

    def finish(self, config: MkDocsConfig) -> None:
        """Put the finished site in place of `site/`, in one step."""
        if self.folder is None or self.final is None:
            return
        sitedir.swap_into_place(self.folder, self.final)
        config.site_dir = str(self.final)
        self.folder = None

    def discard(self) -> None:
        """Remove a staging folder whose build failed (`site/` stays as it was)."""
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None
