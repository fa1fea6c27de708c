"""Lighthouse performance (mobile) of the home, a plan and a recommendation page of the sample.

Run by `scripts/benchmark lighthouse` (not part of the test suite's pass/fail). Lighthouse is
installed from `tests/lighthouse/package-lock.json` on first use and drives Debian's Chromium;
the site is served from 127.0.0.1 (gzipped, as static hosts do), so nothing leaves the machine.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import os
import subprocess
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOOL = ROOT / "tests" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
FLAGS = ("--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update "
         "--disable-sync --no-first-run")
PAGES = {
    "home": "",
    "plan": "plans/bvip-2017-18/",
    "recommendation": "plans/bvip-2017-18/recommendations/organisational-culture/",
}
"""The pages measured; the recommendation is the sample's largest (32 key milestones)."""


def _install() -> Path:
    binary = TOOL / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        env = {**os.environ, "CHROMEDRIVER_SKIP_DOWNLOAD": "true", "PUPPETEER_SKIP_DOWNLOAD": "1"}
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=TOOL, env=env, check=True,
                       capture_output=True)
    return binary


COMPRESSED = {".html", ".css", ".js", ".json", ".svg", ".xml", ".csv", ".txt"}
"""Served gzipped, as any static host (GitHub Pages, Netlify, a council's web server) does."""


def _serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    class Gzipping(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            path = Path(self.translate_path(self.path))
            if path.is_dir():
                path = path / "index.html"
            if not (path.is_file() and path.suffix in COMPRESSED and "gzip" in self.headers.get("Accept-Encoding", "")):
                super().do_GET()
                return
            body = gzip.compress(path.read_bytes(), 6)
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "max-age=600")
            self.end_headers()
            self.wfile.write(body)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Gzipping, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def scores(site: Path) -> dict[str, dict[str, float]]:
    """Page name -> performance score (0-100) and the main timings in milliseconds."""
    binary = _install()
    server, base = _serve(site)
    results: dict[str, dict[str, float]] = {}
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for name, path in PAGES.items():
                out = Path(tmp) / f"{name}.json"
                subprocess.run(
                    [str(binary), base + path, "--quiet", "--only-categories=performance", "--output=json",
                     f"--output-path={out}", f"--chrome-flags={FLAGS}"],
                    env={**os.environ, "CHROME_PATH": CHROMIUM}, check=True, capture_output=True,
                )
                report = json.loads(out.read_text())
                audits = report["audits"]
                results[name] = {
                    "score": round(report["categories"]["performance"]["score"] * 100),
                    "first contentful paint (ms)": audits["first-contentful-paint"]["numericValue"],
                    "largest contentful paint (ms)": audits["largest-contentful-paint"]["numericValue"],
                    "total blocking time (ms)": audits["total-blocking-time"]["numericValue"],
                    "cumulative layout shift": audits["cumulative-layout-shift"]["numericValue"],
                    "transfer size (KB)": audits["total-byte-weight"]["numericValue"] / 1000,
                }
    finally:
        server.shutdown()
    return results
