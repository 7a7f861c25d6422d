"""What a page does not give yet, said to its visitors: the ``notice`` of an editors' todo item.

A ``todo:`` item is a note for editors. When it leaves a gap a visitor would look for (an
address, opening hours, whom to contact), the Vietnamese page marks it with a notice, one of
the standard phrases below::

    todo:
      - Nguồn cho lễ Sene Đôlta.                 # a note for editors only
      - text: Các bước thủ tục đầu tư, có nguồn chính thức.
        notice: investment-procedure             # the page says it is not yet published
        ask: true                                # ... and whom to ask meanwhile

Every language of the page, translated or not, then shows a small note "Not yet published on
this page: …" in its own words: the phrases are interface texts (``overrides/strings.yml``,
``notice.<name>``, one line per language, and ``notice.ask``, the one contact the facts
support: the authorities of Vinh Long province). Translations need not repeat the notices; the
Vietnamese page's are the ones shown. The schema (:mod:`.schema`) checks the names.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

# The standard phrases, by name (the texts are notice.<name> in overrides/strings.yml).
NOTICES = (
    "investor-contact",
    "investment-procedure",
    "investment-incentives",
    "project-list",
    "park-land",
    "park-infrastructure",
    "operator-contact",
    "opening-hours",
    "visiting-guidance",
    "getting-there",
    "accommodation",
    "current-address",
    "beach-services",
    "festival-dates",
    "performances",
    "craft-shops",
    "press-contact",
    "text-licence",
    "foreign-information-body",
    "export-figures",
    "ocop-list",
)
ITEM_KEYS = ("text", "notice", "ask")
TITLE_TEXT = "notice.title"
ASK_TEXT = "notice.ask"


@dataclass(frozen=True)
class Missing:
    """What a page tells its visitors it does not give yet."""

    notices: tuple[str, ...]  # names of NOTICES, in the order of the todo list, once each
    ask: bool  # whether to say whom to ask meanwhile

    @property
    def texts(self) -> tuple[str, ...]:
        """The interface texts it shows."""
        return tuple(f"notice.{name}" for name in self.notices)


def texts() -> list[str]:
    """Every interface text a notice may show (for the build to require them)."""
    return [TITLE_TEXT, ASK_TEXT, *(f"notice.{name}" for name in NOTICES)]


def missing(meta: Mapping[str, Any]) -> Missing | None:
    """The notices of a page's front matter (its todo items with a known ``notice``)."""
    todo = meta.get("todo")
    if not isinstance(todo, list):
        return None
    names: list[str] = []
    ask = False
    for item in todo:
        if not isinstance(item, Mapping):
            continue
        name = item.get("notice")
        if name in NOTICES and name not in names:
            names.append(name)
            ask = ask or item.get("ask") is True
    return Missing(tuple(names), ask) if names else None
