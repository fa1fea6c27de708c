"""What a build that will be published must pass, beyond what every build checks.

Previews and pull-request builds only warn about these; the deploy build (the `plans` plugin's
`deploy` option, `PLANS_DEPLOY=true` in the deploy workflow) stops on them. Each check returns
problems and never raises, so the list can grow without changing its callers.
"""

from __future__ import annotations

from collections.abc import Sequence

from generator import address
from generator.gitinfo import History
from generator.problems import Problem, Severity

HISTORY_HINT = ("Build from a clone with the full history: `git fetch --unshallow`, or `fetch-depth: 0` "
                "with actions/checkout.")


def history_problems(history: History | None, severity: Severity = Severity.warning) -> list[Problem]:
    """A build without its full git history would publish an empty or partial corrections
    record and wrong "last updated" dates."""
    if history is None:
        return [Problem(".git", 1, 1, "", 'No git history found: pages show no "last updated" dates and no '
                        "corrections.", HISTORY_HINT, severity)]
    if history.shallow:
        return [Problem(".git", 1, 1, "", "This is a shallow clone (`git clone --depth`): the corrections record "
                        'would be lost and "last updated" dates would move to the newest commit.', HISTORY_HINT,
                        severity)]
    return []


def address_problems(site_url: str) -> list[Problem]:
    """A site published at a placeholder address would print, cite and feed addresses that lead
    nowhere."""
    return [Problem("mkdocs.yml", 1, 1, "site_url", message,
                    "Set `site_url:` in mkdocs.yml to the site's public address (every other build only warns).",
                    Severity.error) for message in address.deploy_problems(site_url)]


def deploy_problems(history: History | None, site_url: str = "", gate: Sequence[Problem] = ()) -> list[Problem]:
    """Every problem that stops a deploy build: these, and the publication gate's findings
    (`generator.gate`, errors in the files the change touched)."""
    return history_problems(history, Severity.error) + address_problems(site_url) + list(gate)
