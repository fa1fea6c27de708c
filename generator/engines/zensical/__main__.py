"""`python -m generator.engines.zensical build|serve [--config mkdocs.yml] [--port 8000]`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator import report
from generator.engines.zensical.build import build, serve
from generator.problems import InputError


def _say(message: str) -> None:
    print(f"INFO    -  {message}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    """Run the command; 0 on success, 1 when the plan files have errors."""
    parser = argparse.ArgumentParser(prog="python -m generator.engines.zensical",
                                     description="Build or preview the site with Zensical.")
    parser.add_argument("command", choices=("build", "serve"))
    parser.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="the site's configuration")
    parser.add_argument("--port", type=int, default=8000, help="the preview's port on 127.0.0.1 (serve)")
    args = parser.parse_args(argv)
    try:
        if args.command == "build":
            site = build(args.config, _say)
            _say(f"Documentation built in {site}")
        else:
            serve(args.config, _say, args.port)
    except InputError as exc:
        sys.stderr.write(report.render(exc.problems, "lines"))
        print(f"The build stopped on {sum(p.is_error for p in exc.problems)} error(s), listed above; nothing was "
              "built.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
