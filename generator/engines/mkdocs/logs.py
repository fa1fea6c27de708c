"""The adapter's messages in MkDocs' log, and the few that must not fail `--strict`."""

from __future__ import annotations

import functools
import logging

log = logging.getLogger("mkdocs.plugins.plans")
"""MkDocs' own log for the plugin (its warnings fail `mkdocs build --strict`)."""


def _outside_strict_logger() -> logging.Logger:
    logger = logging.getLogger("generator.build")
    if not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("WARNING -  %(message)s"))
        logger.addHandler(handler)
        logger.propagate = False
    return logger


notice = _outside_strict_logger()
"""Warnings that must not fail `--strict` (a copy without git history, a placeholder address):
they concern how the site is built, not what it says."""


@functools.cache
def say_once(message: str) -> None:
    """A note given once per process, however often `mkdocs serve` rebuilds."""
    notice.warning(message)
