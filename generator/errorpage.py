"""The page the live preview shows while a file has errors: every problem, with its file, line,
column, field and hint, instead of a stale page and a terminal the editor may not be watching.

The page reloads itself once the problems it lists have changed (a good save rebuilds the site),
so it works at any address, even one the failed build could not make. Every text is escaped.
"""

from __future__ import annotations

import hashlib
import re
from html import escape

from generator.problems import Problem

MARKER = "data-plans-preview-error"
"""The attribute that marks the error page (its value identifies the problems shown)."""


def error_page(problems: list[Problem]) -> str:
    """A complete HTML page listing every error (and how many warnings there are)."""
    errors = [p for p in problems if p.is_error]
    warnings = len(problems) - len(errors)
    key = hashlib.sha256("\n".join(f"{p.file}:{p.line}:{p.column}:{p.message}" for p in errors).encode()).hexdigest()
    noun = "problem" if len(errors) == 1 else "problems"
    items = "\n".join(_item(p) for p in errors)
    also = (f"<p>There {'is' if warnings == 1 else 'are'} also {warnings} warning{'' if warnings == 1 else 's'}: "
            "<code>python -m generator check</code> lists them.</p>") if warnings else ""
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Preview stopped: {len(errors)} {noun} to fix</title>
<style>
body {{ font: 1.125rem/1.5 system-ui, sans-serif; margin: 0; color: #0b0c0c; background: #fff; }}
main {{ max-width: 48rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }}
h1 {{ font-size: 1.75rem; line-height: 1.2; }}
.problem {{ border-left: 0.3rem solid #d4351c; padding: 0.25rem 0 0.25rem 1rem; margin: 0 0 1.5rem; }}
.where {{ font-weight: bold; overflow-wrap: anywhere; margin: 0; }}
.field {{ color: #484949; overflow-wrap: anywhere; margin: 0; }}
.message {{ margin: 0.25rem 0; }}
.hint {{ margin: 0; }}
code {{ font-family: ui-monospace, monospace; font-size: 0.95em; overflow-wrap: anywhere; }}
ol {{ list-style: none; padding: 0; }}
</style>
</head>
<body {MARKER}="{key}">
<main>
<h1>The preview stopped: {len(errors)} {noun} to fix</h1>
<p>Nothing on the site changes until {'it is' if len(errors) == 1 else 'they are'} fixed. Save the file and this
page reloads by itself. The same list is in the terminal running <code>mkdocs serve</code>.</p>
<ol>
{items}
</ol>
{also}
</main>
<script>
(function () {{
  var key = document.body.getAttribute("{MARKER}");
  var timer = setInterval(function () {{
    fetch(location.href, {{cache: "no-store"}}).then(function (response) {{ return response.text(); }})
      .then(function (text) {{
        if (text.indexOf('{MARKER}="' + key + '"') < 0) {{ clearInterval(timer); location.reload(); }}
      }}).catch(function () {{}});
  }}, 1500);
}})();
</script>
</body>
</html>
"""


def _item(problem: Problem) -> str:
    field = f'<p class="field">Field: <code>{escape(problem.field)}</code></p>' if problem.field else ""
    hint = f'<p class="hint"><strong>Hint:</strong> {_words(problem.hint)}</p>' if problem.hint else ""
    return (f'<li class="problem"><p class="where">{escape(problem.file)}, line {problem.line}, column '
            f'{problem.column}</p>{field}<p class="message">{_words(problem.message)}</p>{hint}</li>')


def _words(text: str) -> str:
    """A message escaped, with its `quoted` words as code (the quotes are added after escaping)."""
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", escape(text))
