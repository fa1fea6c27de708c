"""The editing interface's configuration (Decap CMS's `config.yml`), generated from the plans:
one collection of quarterly updates per plan, and the plan files themselves.

Each field comes from `generator.cms.form`; what depends on the plan (its status words, its
items' references and text, its sources, the prefilled next update) is filled in here.
"""

from __future__ import annotations

import hashlib
import re
import typing
from dataclasses import dataclass
from typing import Any

import yaml
from pydantic import BaseModel

from generator import schema
from generator.cms.entries import catalogue
from generator.cms.form import PLAN_FORM, UPDATE_FORM, FileKind, FormField
from generator.model import Plan, Site
from generator.scaffold import update_yaml

LOCAL_BACKEND = "http://127.0.0.1:8081/api/v1"
"""Where the editing interface looks for the local backend (`python -m generator cms-backend`)
when it is opened from this computer."""
ORIGINAL = "__original"
"""The hidden field holding the file's text as opened (see admin/src/inplace.js)."""
FORMATS: dict[FileKind, str] = {"plan": "plan-yaml", "update": "update-yaml"}
"""Our file formats, registered in the browser (admin/src/main.js): they edit files in place."""
PLANS_COLLECTION = "plans"
"""The collection holding the plan files; each plan's updates are a collection named by its id."""
HEADER = ("# The editing interface's configuration (Decap CMS), generated from the plans by\n"
          "# `python -m generator cms-config`; the site build writes it to /admin/config.yml.\n"
          "# Edit the plans (or the generator), not this file.\n")


@dataclass(frozen=True)
class CmsSettings:
    """Where the editing interface saves, and where it links to."""

    repo: str | None = None
    """The site's GitHub repository as `owner/name`; without it, only local editing works."""
    branch: str = "main"
    """The branch edits are proposed to (each edit becomes a pull request against it)."""
    auth_url: str | None = None
    """The address of the sign-in (OAuth) service for GitHub, e.g. `https://auth.example.org`."""
    auth_endpoint: str | None = None
    """The path of the sign-in service's start page, if not `auth`."""
    site_url: str = ""
    """The public site's address, for "view live" links."""
    local_backend: str = LOCAL_BACKEND
    """Where the local backend listens; a page opened from this computer uses it when it answers."""
    plans_path: str = "plans"
    """The plans folder, relative to the repository's root."""


def cms_config(site: Site, settings: CmsSettings) -> dict[str, Any]:
    """The whole configuration, as data."""
    backend: dict[str, Any] = {"name": "github", "branch": settings.branch}
    if settings.repo:
        backend["repo"] = settings.repo
    if settings.auth_url:
        backend["base_url"] = settings.auth_url
    if settings.auth_endpoint:
        backend["auth_endpoint"] = settings.auth_endpoint
    config: dict[str, Any] = {
        "backend": backend,
        "publish_mode": "editorial_workflow",
        "local_backend": {"url": settings.local_backend},
    }
    if settings.site_url:
        config["site_url"] = config["display_url"] = settings.site_url
    config.update({
        # Decap insists on a media folder; the form has no file or image fields, and the
        # interface's media library is hidden (admin/src/admin.css).
        "media_folder": f"{settings.plans_path}/.media",
        "slug": {"encoding": "ascii", "clean_accents": True},
        "plans_key_order": {kind: key_order(model) for kind, model in
                            (("plan", schema.Plan), ("update", schema.Update))},
        "collections": [_plans_collection(site, settings)] + [
            _updates_collection(plan, settings) for plan in site.plans],
    })
    return config


def config_text(config: dict[str, Any]) -> str:
    """The configuration as YAML that reads back the same under YAML 1.1 and 1.2."""
    return HEADER + yaml.dump(config, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=10**9)


def key_order(model: type[BaseModel]) -> dict[str, Any]:
    """The schema's order of keys for a file and each part of it, where new keys are placed:
    `{"keys": [...], "children": {"progress": {"items": {"keys": [...]}}}}`."""
    order: dict[str, Any] = {"keys": list(model.model_fields)}
    children: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        inner, many = _model_in(info.annotation)
        if inner is not None:
            children[name] = {"items": key_order(inner)} if many else key_order(inner)
    if children:
        order["children"] = children
    return order


def _model_in(annotation: Any) -> tuple[type[BaseModel] | None, bool]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation, False
    for arg in typing.get_args(annotation):
        inner, many = _model_in(arg)
        if inner is not None:
            return inner, many or typing.get_origin(annotation) is list
    return None, False


def github_repo(repo_url: str) -> str | None:
    """`owner/name` from a GitHub address such as `https://github.com/owner/name` (the site's
    `repo_url`); None for other addresses."""
    match = re.fullmatch(r"https://github\.com/([\w.-]+)/([\w.-]+?)(?:\.git)?/?", repo_url.strip())
    return f"{match.group(1)}/{match.group(2)}" if match else None


# --- collections -----------------------------------------------------------------------------


def _plans_collection(site: Site, settings: CmsSettings) -> dict[str, Any]:
    return {
        "name": PLANS_COLLECTION,
        "label": "Plans",
        "label_singular": "plan",
        "description": "Each plan's titles, leads, deadlines and source documents. Quarterly updates are "
                       "edited in the plan's own list.",
        "format": FORMATS["plan"],
        "extension": "yaml",
        "editor": {"preview": True},
        "files": [{
            "name": plan.id,
            "label": plan.title,
            "file": f"{settings.plans_path}/{plan.id}/plan.yaml",
            "preview_path": f"plans/{plan.id}/",
            "fields": [_original()] + [_field(f, plan) for f in PLAN_FORM],
        } for plan in site.plans],
    }


def _updates_collection(plan: Plan, settings: CmsSettings) -> dict[str, Any]:
    folder = f"{settings.plans_path}/{plan.id}/updates"
    collection: dict[str, Any] = {
        "name": plan.id,
        "label": plan.title,
        "label_singular": "quarterly update",
        "description": f"The quarterly updates of the {plan.title}, one file per quarter.",
        "folder": folder,
        "extension": "yaml",
        "format": FORMATS["update"],
        "create": plan.latest is not None,
        "delete": False,
        "slug": "{{period}}",
        "identifier_field": "period",
        "summary": "{{period}}: {{title}}",
        "preview_path": f"plans/{plan.id}/updates/{{{{slug}}}}/",
        "editor": {"preview": True},
        "fields": [_original(plan, settings)] + [_field(f, plan) for f in UPDATE_FORM],
    }
    return collection


def _original(plan: Plan | None = None, settings: CmsSettings | None = None) -> dict[str, Any]:
    """The hidden field carrying the file's text. A new update starts from the text that
    `new-update` writes for the quarter after the latest (the form's defaults are read from it);
    the version of the latest update it was prefilled from goes with it, so that the local
    backend can refuse a new update prefilled from an update changed since."""
    field: dict[str, Any] = {"name": ORIGINAL, "label": "File as opened", "widget": "hidden"}
    if plan is not None and plan.latest is not None and settings is not None:
        latest = plan.latest
        field["default"] = update_yaml(plan, latest.period.following(), latest)
        field["plans_prefilled_from"] = {
            "path": f"{settings.plans_path}/{plan.id}/updates/{latest.file.name}",
            "version": hashlib.sha256(latest.file.read_bytes()).hexdigest(),
        }
    return field


def _field(form: FormField, plan: Plan, names: str = "") -> dict[str, Any]:
    field: dict[str, Any] = {"name": form.name, "label": form.labelled(plan.terms), "widget": form.widget,
                             "required": form.required}
    if form.hint and form.widget != "plans-item":  # an item's block describes itself
        field["hint"] = form.hint
    field.update(form.options)
    if form.widget == "select":
        field["options"] = _choices(form.name, plan)
    elif form.widget == "plans-item":
        # In a plan's own form (`id`), the deadline is a field of its own below the item.
        kind = names if form.name == "id" else form.name
        field["items"] = catalogue(plan, "recommendation" if kind == "summary" else kind, deadlines=form.name != "id")
    elif form.widget == "list":
        field["label_singular"] = form.single.label if form.single else _singular(form, plan)
        field["collapsed"] = True
        if form.single is not None:
            field["field"] = _field(form.single, plan)
        else:
            field["summary"] = form.summary
            field["fields"] = [_field(f, plan, form.names) for f in form.fields]
    return field


def _choices(name: str, plan: Plan) -> list[dict[str, str]]:
    if name == "status":
        return [{"label": status.label, "value": status.id} for status in plan.statuses]
    return [{"label": f"{source.title} ({source.date.printed})", "value": source.id} for source in plan.sources]


def _singular(form: FormField, plan: Plan) -> str:
    words = {"progress": "entry", "summary": "summary", "source": "source document"}
    return words.get(form.names) or getattr(plan.terms, form.names, form.names).lower()


# --- YAML that means the same to every reader ---------------------------------------------------

# Decap reads the configuration as YAML 1.2, PyYAML writes 1.1: quote every string that either
# version would read as something else (`0o17`, `1_000`, `yes`).
_NOT_TEXT = re.compile(r"^(?:[-+]?(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?|0[oxb][\da-fA-F_]+"
                       r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|~|null|Null|NULL|true|True|TRUE|false|False"
                       r"|FALSE|y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF|)$")


class _Dumper(yaml.SafeDumper):
    pass


def _represent_text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if "\n" in value:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    if _NOT_TEXT.match(value):
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"')
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


_Dumper.add_representer(str, _represent_text)

