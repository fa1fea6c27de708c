"""The local backend: lets the editing interface read and save plan files in this copy of the
repository, without an account (`python -m generator cms-backend`, started by `scripts/edit`).

It answers the part of Decap CMS's proxy protocol that the interface uses (`info`, `getEntry`,
`entriesByFolder`, `entriesByFiles`, `persistEntry`, `getMedia`): one JSON request per POST to
`/api/v1`, like Decap's own `decap-server` in its file mode, but it

- listens on 127.0.0.1 only and answers only the preview's own pages (their origin is checked,
  and every request must be JSON, so another website cannot make the browser save a file);
- reads and writes only YAML files inside the plans folder, and never renames or deletes one;
- refuses to save a file that changed on disk after the page read it (the page sends the
  version it read: see admin/src/conflicts.js);
- writes the file and nothing else: it never stages or commits. Committing is left to the
  editor, who writes the commit message (for a published update, it is published as the
  correction's note).
"""

from __future__ import annotations

import hashlib
import http.server
import json
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.files import write_atomic

MAX_REQUEST = 8 * 1024 * 1024
"""The largest request accepted, in bytes (a plan file is well under 1 MB)."""


class Refused(Exception):
    """A request the backend will not carry out; the message is shown to the editor."""

    def __init__(self, message: str, status: int = 422) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Repository:
    """The folder the interface's paths are relative to, and the plans folder inside it."""

    root: Path
    plans: Path

    def path(self, relative: Any, *, must_exist: bool = False) -> Path:
        """The file at `relative`, if it is a YAML file inside the plans folder."""
        if not isinstance(relative, str) or not relative or "\\" in relative or relative.startswith("/"):
            raise Refused(f"`{relative}` is not a path in the repository.")
        target = (self.root / relative).resolve()
        if not target.is_relative_to(self.plans.resolve()) or target.suffix not in (".yaml", ".yml"):
            raise Refused(f"`{relative}` is not a plan or update file; only files in "
                          f"{self.plans.relative_to(self.root).as_posix()}/ can be edited here.", 403)
        if must_exist and not target.is_file():
            raise Refused(f"`{relative}` does not exist.", 404)
        return target

    def folder(self, relative: Any) -> Path:
        """The folder at `relative`, if it is the plans folder or inside it."""
        if not isinstance(relative, str) or not relative or "\\" in relative or relative.startswith("/"):
            raise Refused(f"`{relative}` is not a folder in the repository.")
        target = (self.root / relative).resolve()
        if not target.is_relative_to(self.plans.resolve()):
            raise Refused(f"`{relative}` is not in {self.plans.relative_to(self.root).as_posix()}/.", 403)
        return target

    def relative(self, path: Path) -> str:
        """`path` as the interface names it: relative to the root, with `/`."""
        return path.resolve().relative_to(self.root.resolve()).as_posix()


def version(content: bytes) -> str:
    """A file's version as the interface sees it: the SHA-256 of its bytes (as `decap-server`)."""
    return hashlib.sha256(content).hexdigest()


# --- the protocol's actions ------------------------------------------------------------------


def answer(repo: Repository, request: dict[str, Any]) -> Any:
    """The answer to one request, or `Refused`."""
    action = request.get("action")
    params = request.get("params") or {}
    if not isinstance(params, dict):
        raise Refused("The request's `params` must be an object.")
    handlers: dict[str, Callable[[Repository, dict[str, Any]], Any]] = {
        "info": _info, "getEntry": _get_entry, "entriesByFolder": _entries_by_folder,
        "entriesByFiles": _entries_by_files, "persistEntry": _persist_entry,
        "getMedia": lambda repo, params: [], "getDeployPreview": lambda repo, params: None,
    }
    handler = handlers.get(str(action))
    if handler is None:
        raise Refused(f"The local backend cannot `{action}`: it only reads and saves plan and update files.")
    return handler(repo, params)


def _info(repo: Repository, params: dict[str, Any]) -> dict[str, Any]:
    # "simple": saving writes the file; the interface's review workflow is GitHub's (pull requests).
    return {"repo": repo.root.name, "publish_modes": ["simple"], "type": "local_fs"}


def _entry(repo: Repository, path: Path, label: str | None = None) -> dict[str, Any]:
    file: dict[str, Any] = {"path": repo.relative(path)}
    if label is not None:
        file["label"] = label
    try:
        content = path.read_bytes()
    except FileNotFoundError:
        return {"data": None, "file": {**file, "id": None}}
    return {"data": content.decode("utf-8"), "file": {**file, "id": version(content)}}


def _get_entry(repo: Repository, params: dict[str, Any]) -> dict[str, Any]:
    return _entry(repo, repo.path(params.get("path")))


def _entries_by_files(repo: Repository, params: dict[str, Any]) -> list[dict[str, Any]]:
    files = params.get("files") or []
    return [_entry(repo, repo.path(f.get("path")), f.get("label")) for f in files if isinstance(f, dict)]


def _entries_by_folder(repo: Repository, params: dict[str, Any]) -> list[dict[str, Any]]:
    folder = repo.folder(params.get("folder"))
    extension = str(params.get("extension") or "yaml")
    if extension not in ("yaml", "yml"):
        raise Refused(f"Only YAML files can be edited here, not `.{extension}` files.", 403)
    if not folder.is_dir():
        return []
    return [_entry(repo, path) for path in sorted(folder.glob(f"*.{extension}")) if path.is_file()]


def _persist_entry(repo: Repository, params: dict[str, Any]) -> dict[str, Any]:
    files = params.get("dataFiles") or ([params["entry"]] if params.get("entry") else [])
    if params.get("assets"):
        raise Refused("Files and images cannot be uploaded here: the plans hold text only.")
    base = params.get("plans_base")
    if not isinstance(base, dict):
        raise Refused("This page does not say which version of the file it edited, so nothing was saved. "
                      "Reload the page (an old copy of the editing interface may be open).")
    planned = []
    for data_file in files:
        if data_file.get("newPath"):
            raise Refused("Files are never renamed: a file's name is its page's permanent address.")
        path = repo.path(data_file.get("path"))
        raw = data_file.get("raw")
        if not isinstance(raw, str):
            raise Refused(f"The new text of `{repo.relative(path)}` is missing.")
        _check_unchanged(repo, path, base.get(data_file.get("path")))
        planned.append((path, raw.encode("utf-8")))
    _check_prefill(repo, params.get("plans_prefill"))
    for path, content in planned:
        write_atomic(path, content)
    return {"message": "entry persisted",
            "plans_versions": {repo.relative(path): version(content) for path, content in planned}}


def _check_unchanged(repo: Repository, path: Path, expected: Any) -> None:
    name = repo.relative(path)
    current = version(path.read_bytes()) if path.exists() else None
    if expected is None and current is not None:
        raise Refused(f"`{name}` already exists, so nothing was saved. Open it from the list to change it "
                      "(an update for a quarter is started once).", 409)
    if expected is not None and current != expected:
        raise Refused(f"`{name}` was changed on disk after you opened it (by another program, or in "
                      "another tab), so nothing was saved. Copy what you typed, reload the page to see "
                      "the file as it is now, and make your change again.", 409)


def _check_prefill(repo: Repository, prefill: Any) -> None:
    """A new update is prefilled from the latest update as it was when the page was loaded; if
    that update has changed since (edited in this session, say), the prefill is out of date."""
    if not isinstance(prefill, dict):
        return
    path = repo.path(prefill.get("path"))
    if not path.exists() or version(path.read_bytes()) != prefill.get("version"):
        raise Refused(f"This new update was prefilled from `{repo.relative(path)}` as it was when the page was "
                      "loaded, and that file has changed since, so nothing was saved. Reload the page and start "
                      "the new update again.", 409)


# --- HTTP -----------------------------------------------------------------------------------


class _Handler(http.server.BaseHTTPRequestHandler):
    server: _Server

    def do_OPTIONS(self) -> None:
        if not self._allowed():
            return
        self.send_response(204)
        self._cors()
        self.send_header("Access-Control-Allow-Methods", "POST")
        self.send_header("Access-Control-Allow-Headers", "Content-Type")
        self.send_header("Access-Control-Max-Age", "600")
        self.end_headers()

    def do_POST(self) -> None:
        if not self._allowed():
            return
        if self.path.split("?")[0] != "/api/v1":
            return self._reply(404, {"error": "Not found."})
        if not self.headers.get("Content-Type", "").startswith("application/json"):
            return self._reply(415, {"error": "Requests must be JSON."})
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_REQUEST:
            return self._reply(413, {"error": "The request is too large."})
        try:
            request = json.loads(self.rfile.read(length) or b"{}")
            if not isinstance(request, dict):
                raise Refused("The request must be a JSON object.")
            result = answer(self.server.repo, request)
        except Refused as refused:
            self._log_refusal(request, refused)
            return self._reply(refused.status, {"error": str(refused)})
        except (ValueError, UnicodeDecodeError):
            return self._reply(400, {"error": "The request is not valid JSON."})
        if request.get("action") == "persistEntry":
            for path in result["plans_versions"]:
                self.server.say(f"Saved {path}")
        self._reply(200, result)

    def _allowed(self) -> bool:
        """Only the preview's pages, reaching this server by its loopback name (a page from any
        other site, or a DNS name rebound to 127.0.0.1, is refused)."""
        host = self.headers.get("Host", "")
        origin = self.headers.get("Origin")
        if host not in self.server.hosts or (origin is not None and origin not in self.server.origins):
            self._reply(403, {"error": "Only the local preview may use this backend."}, cors=False)
            return False
        return True

    def _cors(self) -> None:
        origin = self.headers.get("Origin")
        if origin in self.server.origins:
            self.send_header("Access-Control-Allow-Origin", origin)
            self.send_header("Vary", "Origin")

    def _reply(self, status: int, body: Any, cors: bool = True) -> None:
        data = json.dumps(body, ensure_ascii=False).encode("utf-8")
        self.send_response(status)
        if cors:
            self._cors()
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(data)

    def _log_refusal(self, request: Any, refused: Refused) -> None:
        action = request.get("action") if isinstance(request, dict) else None
        self.server.say(f"Refused {action}: {refused}")

    def log_message(self, format: str, *args: Any) -> None:
        pass  # one line per save or refusal is enough (see `say`)


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, repo: Repository, port: int, origins: set[str], say: Callable[[str], None]) -> None:
        super().__init__(("127.0.0.1", port), _Handler)
        self.repo = repo
        self.origins = origins
        bound = self.server_address[1]
        self.hosts = {f"127.0.0.1:{bound}", f"localhost:{bound}"}
        self.say = say


def preview_origins(preview_port: int) -> set[str]:
    """The addresses the preview (`mkdocs serve`) is reached by on this computer."""
    return {f"http://127.0.0.1:{preview_port}", f"http://localhost:{preview_port}"}


def make_server(root: Path, plans: Path, port: int, origins: set[str],
                say: Callable[[str], None] | None = None) -> _Server:
    """A server bound to 127.0.0.1:`port` (0 for any free port); `serve_forever()` runs it."""
    def echo(line: str) -> None:
        sys.stderr.write(line + "\n")

    return _Server(Repository(root.resolve(), plans.resolve()), port, origins, say or echo)


@contextmanager
def running(root: Path, plans: Path, port: int, origins: set[str]) -> Iterator[str]:
    """Run the backend in a thread for the duration of the block; yields its address."""
    server = make_server(root, plans, port, origins, say=lambda line: None)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/api/v1"
    finally:
        server.shutdown()
        server.server_close()
