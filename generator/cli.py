"""The command line: `python -m generator <command>`.

Exit codes: 0 success, 1 a problem in the input files, 2 a mistake in the command itself,
3 a bug in the generator (with a traceback only under `--debug`).
"""

from __future__ import annotations

import argparse
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path

from generator import pipeline, report
from generator.problems import InputError, UsageError

EXIT_OK, EXIT_INPUT, EXIT_USAGE, EXIT_BUG = 0, 1, 2, 3


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command and return its exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help()
        return EXIT_USAGE
    try:
        code: int = args.run(args)
        return code
    except InputError as exc:
        sys.stdout.write(report.render(exc.problems, args.format))
        return EXIT_INPUT
    except UsageError as exc:
        sys.stderr.write(f"{parser.prog} {args.command}: error: {exc}\n")
        return EXIT_USAGE
    except Exception:  # noqa: BLE001 - the last line of defence: a bug, not bad input
        if args.debug:
            traceback.print_exc()
        else:
            sys.stderr.write(
                "The generator failed because of a bug, not because of your files.\n"
                "Run the same command with --debug and report what it prints.\n"
            )
        return EXIT_BUG


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m generator", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(title="commands")
    check = _command(commands, "check", "The publication gate: check every plan and update file without building "
                     "(what the pull-request check and the deploy build run).", _check)
    check.add_argument("files", nargs="*", type=Path, metavar="FILE",
                       help="check these files (the whole plan is still read); by default, the files changed since "
                       "the base")
    check.add_argument("--base", metavar="REF", help="the git commit or branch the change is compared with (default: "
                       "where this branch left main)")
    check.add_argument("--all", action="store_true", help="check every file as if it were new, and list every "
                       "warning")
    check.add_argument("--strict", action="store_true", help="fail on warnings as well as errors")
    pages = _command(commands, "pages", "Write the generated pages (Markdown with HTML) to a folder.", _pages)
    pages.add_argument("out", type=Path, help="folder to write the pages into (replaced whole)")
    pages.add_argument("--cache", type=Path, help="where drawn charts are kept (default: .cache/charts "
                       "beside the plans folder)")
    scaffold = _command(commands, "new-update",
                        "Start the next quarterly update file, prefilled with every item's last status.", _new_update)
    scaffold.add_argument("plan", help="the plan's id, e.g. bvip-2017-18")
    scaffold.add_argument("period", help='the quarter, e.g. "2017/18 Q3" (Q1 is April to June)')
    _command(commands, "schema", "Write the JSON Schemas that editors' tools use (plans/*.schema.json).", _schema)
    addresses = _command(commands, "urls", "List every public address; add new ones to public-urls.txt; "
                         "check that every address in it still works in a built site.", _urls)
    addresses.add_argument("--write", action="store_true", help="add the current addresses to public-urls.txt")
    addresses.add_argument("--check", type=Path, metavar="SITE", help="check public-urls.txt against a built site")
    catalogues = _command(commands, "catalogues", "Bring the message catalogues (the site's own words in each "
                          "language, generator/locale/) up to date with the code, or check them.", _catalogues)
    catalogues.add_argument("languages", nargs="*", metavar="LANG", help="the languages to update (e.g. bn cy); "
                            "by default every language that has a catalogue")
    catalogues.add_argument("--check", action="store_true", help="change nothing; list what is missing, untranslated "
                            "or has placeholders that differ from the English, and fail if anything is")
    _spreadsheet_commands(commands)
    _cms_commands(commands)
    return parser


def _cms_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    config = _command(commands, "cms-config", "Print (or write) the editing interface's configuration, "
                      "generated from the plans; the site build writes the same to /admin/config.yml.", _cms_config)
    config.add_argument("--repo", metavar="OWNER/NAME", help="the site's GitHub repository (default: none, "
                        "local editing only; the site build takes it from repo_url in mkdocs.yml)")
    config.add_argument("--branch", default="main", help="the branch edits are proposed to (default: main)")
    config.add_argument("--auth-url", metavar="URL", help="the sign-in (OAuth) service for GitHub")
    config.add_argument("--auth-endpoint", metavar="PATH", help="that service's sign-in path, if not `auth`")
    config.add_argument("--site-url", default="", metavar="URL", help="the public site's address")
    config.add_argument("--write", type=Path, metavar="FILE", help="write it to FILE instead of printing it")
    backend = _command(commands, "cms-backend", "Let the editing interface open and save the plan files "
                       "here, on this computer (scripts/edit starts it with the preview). Listens on "
                       "127.0.0.1 only; writes files, never commits.", _cms_backend)
    backend.add_argument("--port", type=int, default=8081, help="the port to listen on (default: 8081)")
    backend.add_argument("--preview-port", type=int, default=8000,
                         help="the port of the preview serving /admin/ (default: 8000)")


def _spreadsheet_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    export = _command(commands, "export", "Write a plan (and its updates) to a spreadsheet: CSV or XLSX.", _export)
    export.add_argument("plan", help="the plan's id, e.g. bvip-2017-18")
    which = export.add_mutually_exclusive_group()
    which.add_argument("--update", metavar="PERIOD", help='add one update\'s progress, e.g. "2017/18 Q2"')
    which.add_argument("--all-updates", action="store_true", help="add one sheet per update (XLSX only)")
    export.add_argument("--to", type=Path, required=True, metavar="FILE", help="the .csv or .xlsx file to write")
    imports = _command(commands, "import", "Write a plan's YAML (and an update's) from a CSV or XLSX spreadsheet.",
                       _import)
    imports.add_argument("source", type=Path, metavar="FILE", help="the .csv or .xlsx file to read")
    imports.add_argument("--plan", required=True, metavar="PLAN_ID", help="the plan's id (its folder in plans/)")
    imports.add_argument("--mapping", type=Path, metavar="MAPPING.yaml",
                         help="headings → fields, and the plan's and update's other fields")
    imports.add_argument("--sheet", metavar="NAME", help="the sheet to read (XLSX; default: Plan, or the update's)")
    imports.add_argument("--update", metavar="PERIOD", help='read this update from the sheet, e.g. "2017/18 Q2" '
                         "(by default: every sheet named after a period, or the update a CSV export holds)")
    imports.add_argument("--force", action="store_true", help="change files that exist (only what the sheet "
                         "changed; every other line and comment stays)")


def _command(commands: argparse._SubParsersAction[argparse.ArgumentParser], name: str, help_text: str,
             run: Callable[[argparse.Namespace], int]) -> argparse.ArgumentParser:
    sub = commands.add_parser(name, help=help_text, description=help_text)
    sub.set_defaults(command=name)
    sub.add_argument("--plans", type=Path, default=Path("plans"), help="the plans folder (default: plans)")
    sub.add_argument("--format", choices=report.FORMATS, default=report.default_format(),
                     help="how to print problems (default: github under GitHub Actions, else text)")
    sub.add_argument("--debug", action="store_true", help="show a traceback when the generator fails")
    sub.set_defaults(run=run)
    return sub


def _check(args: argparse.Namespace) -> int:
    from generator import scope

    root = args.plans.resolve().parent
    if args.all:
        changed = scope.EVERY_FILE
    elif args.files:
        missing = [path for path in args.files if not path.exists()]
        if missing:
            raise UsageError(f"there is no file `{missing[0]}`.")
        changed = scope.named(root, args.files)
    else:
        changed = scope.changed(root, args.base)
    problems = pipeline.check(args.plans, changed=changed)
    sys.stdout.write(report.render(problems, args.format))
    failing = [p for p in problems if p.is_error or args.strict]
    return EXIT_INPUT if failing else EXIT_OK


def _new_update(args: argparse.Namespace) -> int:
    from generator.scaffold import new_update

    path = new_update(args.plans, args.plan, args.period)
    sys.stdout.write(f"Wrote {path}. Fill in the lines marked [insert ...], change what moved, then run check.\n")
    return EXIT_OK


def _schema(args: argparse.Namespace) -> int:
    from generator.jsonschema import write_schemas

    for path in write_schemas(args.plans):
        sys.stdout.write(f"Wrote {path}\n")
    return EXIT_OK


def _export(args: argparse.Namespace) -> int:
    from generator.spreadsheets import export_plan

    sheets = export_plan(args.plans, args.plan, args.to, args.update, args.all_updates)
    sys.stdout.write(f"Wrote {args.to} (sheets: {', '.join(sheets)})\n")
    return EXIT_OK


def _import(args: argparse.Namespace) -> int:
    from generator.spreadsheets import import_spreadsheet

    result = import_spreadsheet(args.source, args.plan, args.plans, args.mapping, args.sheet, args.update,
                                args.force)
    for written in result.files:
        path = written.path.as_posix()
        if written.state == "unchanged":
            sys.stdout.write(f"Unchanged {path}\n")
        else:
            sys.stdout.write(f"Wrote {path}" + (f": {written.changes}" if written.changes else "") + "\n")
    if result.warnings:
        sys.stdout.write(report.render(result.warnings, args.format))
    return EXIT_OK


def _urls(args: argparse.Namespace) -> int:
    from generator.manifest import MANIFEST, gone, public_urls, read_manifest, unresolved, write_manifest

    root = args.plans.resolve().parent
    manifest = root / MANIFEST
    if args.check:
        problems = unresolved(read_manifest(manifest), args.check)
        sys.stdout.write("".join(f"{line}\n" for line in problems) or "Every address in the manifest works.\n")
        return EXIT_INPUT if problems else EXIT_OK
    site = pipeline.read_site(args.plans)[0].site
    current = public_urls(site, root / "content")
    if args.write:
        added = write_manifest(manifest, current)
        sys.stdout.write(f"Added {len(added)} new address(es) to {MANIFEST}.\n")
        lost = gone(site, root / "content", read_manifest(manifest))
        if lost:  # never removed: the check says which renamed or removed id lost them
            sys.stdout.write(f"{len(lost)} listed address(es) would stop working and stay listed; "
                             "`python -m generator check` says why.\n")
    else:
        sys.stdout.write("".join(f"{url}\n" for url in current))
    return EXIT_OK


def _pages(args: argparse.Namespace) -> int:
    from generator.sitedir import project_folders, unsafe_output

    reason = unsafe_output(args.out, [*project_folders(args.plans.resolve().parent), args.plans])
    if reason:
        sys.stderr.write(f"python -m generator pages: error: {reason}\n")
        return EXIT_USAGE
    count = pipeline.write_pages(args.plans, args.out, args.cache)
    sys.stdout.write(f"Wrote {count} pages to {args.out}\n")
    return EXIT_OK


def _catalogues(args: argparse.Namespace) -> int:
    from generator.i18n import catalogues, messages

    codes = args.languages or catalogues.catalogue_codes()
    if args.check:
        found = messages.problems(codes)
        sys.stdout.write("".join(f"{line}\n" for line in found))
        sys.stdout.write(f"{len(found)} problem(s) in the catalogues.\n" if found else "The catalogues are complete.\n")
        return EXIT_INPUT if found else EXIT_OK
    for path in messages.write_all(codes):
        sys.stdout.write(f"Wrote {path}\n")
    return EXIT_OK


def _cms_config(args: argparse.Namespace) -> int:
    from generator.cms.config import CmsSettings, cms_config, config_text

    site = pipeline.read_site(args.plans)[0].site
    settings = CmsSettings(repo=args.repo, branch=args.branch, auth_url=args.auth_url,
                           auth_endpoint=args.auth_endpoint, site_url=args.site_url,
                           plans_path=_relative_to_repository(args.plans))
    text = config_text(cms_config(site, settings))
    if args.write:
        args.write.write_text(text, encoding="utf-8")
        sys.stdout.write(f"Wrote {args.write}\n")
    else:
        sys.stdout.write(text)
    return EXIT_OK


def _relative_to_repository(plans: Path) -> str:
    """The plans folder as the editing interface names it: relative to the repository's root,
    which is the folder above it."""
    return plans.resolve().name


def _cms_backend(args: argparse.Namespace) -> int:
    from generator.cms.backend import make_server, preview_origins

    plans = args.plans.resolve()
    try:
        server = make_server(plans.parent, plans, args.port, preview_origins(args.preview_port))
    except OSError as exc:
        sys.stderr.write(f"python -m generator cms-backend: error: cannot listen on 127.0.0.1:{args.port} "
                         f"({exc.strerror}). Is it already running? Choose another with --port.\n")
        return EXIT_USAGE
    sys.stderr.write(f"The editing interface's local backend is listening on http://127.0.0.1:{args.port}/api/v1 "
                     f"for the preview on port {args.preview_port}. It saves files in {plans}; "
                     "commit them yourself. Ctrl+C stops it.\n")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return EXIT_OK
