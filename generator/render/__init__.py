"""Stage 6, render: turn the model into pages (HTML bodies with titles and tables of contents).

One module per kind of page (`overview`, `plan`, `recommendation`, `update`, `pack`), the
tables of items they share (`rows`), the exceptions (`exceptions`), what every page shares
(`common`), and the whole site (`site`).
"""

from __future__ import annotations

from generator.render.common import keep_compiled_templates
from generator.render.site import last_updated_html, render_site

__all__ = ["keep_compiled_templates", "last_updated_html", "render_site"]
