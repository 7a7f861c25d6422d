"""Interface texts of our own templates, in every language of the table.

Material's own texts come from its language files (Khmer from
``overrides/partials/languages/km.html``); the few texts our templates add (the notice on an
untranslated page, the 404 page) live in one YAML file, one entry per text and one line per
language, so a missing translation is easy to see and is an error at build time.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from travinh_site.content.frontmatter import yaml_problem
from travinh_site.content.languages import Languages
from travinh_site.errors import Problem, SiteError


def load(path: Path, languages: Languages, shown_as: str) -> dict[str, dict[str, str]]:
    """Texts by language code then key; every key must have every language."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8-sig")) or {}
    except FileNotFoundError:
        raise SiteError(
            Problem(
                shown_as,
                "is missing.",
                "restore it from git.",
                problem_vi="tệp này bị thiếu.",
                fix_vi="khôi phục tệp từ git.",
            )
        ) from None
    except yaml.YAMLError as error:
        raise SiteError(yaml_problem(error, shown_as)) from None
    problems = []
    texts: dict[str, dict[str, str]] = {language.code: {} for language in languages}
    for key, by_language in data.items():
        for language in languages:
            value = by_language.get(language.code) if isinstance(by_language, dict) else None
            if not value:
                problems.append(
                    Problem(
                        shown_as,
                        f"the text '{key}' has no '{language.code}' ({language.name}) version.",
                        f"add a line '{language.code}: ...' under '{key}:'.",
                        problem_vi=f"dòng chữ '{key}' chưa có bản '{language.code}' "
                        f"({language.name}).",
                        fix_vi=f"thêm một dòng '{language.code}: ...' dưới '{key}:'.",
                    )
                )
            else:
                texts[language.code][key] = str(value).strip()
    if problems:
        raise SiteError(*problems)
    return texts
