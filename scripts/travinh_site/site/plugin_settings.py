"""The ``plugins`` setting of mkdocs.yml, read without loading MkDocs' configuration (which
starts every plugin): for the steps that must cost next to nothing (how many processes to
build with, whether any image needs encoding) and for the commands that need one plugin only.

MkDocs accepts the setting as a list (``- i18n: {...}``, ``- search``) or as a mapping
(``i18n: {...}``); both are read here.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path
from typing import Any

import yaml
from mkdocs.exceptions import MkDocsException
from mkdocs.utils.yaml import yaml_load

from travinh_site.content.frontmatter import yaml_problem
from travinh_site.errors import Problem, SiteError

Plugins = list[Any] | dict[str, Any]


def read(config_file: Path) -> Plugins:
    """The ``plugins`` setting of ``config_file`` as written (empty if it has none)."""
    try:
        with open(config_file, encoding="utf-8") as handle:
            data = yaml_load(handle)  # MkDocs' own reader: !ENV, !relative and INHERIT
    except (OSError, MkDocsException) as error:
        syntax = error.__context__  # MkDocs wraps YAML's own error, which has the line
        if isinstance(syntax, yaml.YAMLError):
            raise SiteError(yaml_problem(syntax, config_file.name)) from None
        reason = getattr(error, "strerror", None) or str(error)
        raise SiteError(
            Problem(
                config_file.name,
                f"cannot be read: {reason}.",
                problem_vi=f"không đọc được tệp: {reason}.",
            )
        ) from None
    plugins = data.get("plugins") if isinstance(data, dict) else None
    return plugins if isinstance(plugins, list | dict) else []


def options(plugins: Plugins, name: str) -> dict[str, Any] | None:
    """The options written for the plugin ``name`` ({} if none); None if it is not listed."""
    if isinstance(plugins, dict):
        return (plugins[name] or {}) if name in plugins else None
    for entry in plugins:
        if entry == name:
            return {}
        if isinstance(entry, dict) and name in entry:
            return entry[name] or {}
    return None


def only(plugins: Plugins, names: Collection[str]) -> Plugins:
    """The setting with the plugins ``names`` only, in the form it was written."""
    if isinstance(plugins, dict):
        return {name: value for name, value in plugins.items() if name in names}
    return [
        entry
        for entry in plugins
        if (isinstance(entry, str) and entry in names)
        or (isinstance(entry, dict) and any(key in names for key in entry))
    ]
