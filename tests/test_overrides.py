"""The templates in overrides/ that are copies of Material's stay copies of the Material that
is installed: an upgrade that changes one of the originals is noticed, not silently hidden by
our older copy."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import material
import pytest

from tests.conftest import PROJECT

MATERIAL_TEMPLATES = Path(material.__file__).parent / "templates"
# The line each copy's header comment carries (overrides/base.html shows it).
COPIED_FROM = re.compile(
    r"Copied from mkdocs-material (?P<version>\S+)'s material/templates/(?P<original>\S+),"
    r" whose sha256 is\s+(?P<sha256>[0-9a-f]{64})"
)


def copies() -> dict[str, re.Match[str]]:
    found = {}
    for path in sorted((PROJECT / "overrides").rglob("*.html")):
        match = COPIED_FROM.search(path.read_text(encoding="utf-8"))
        if match:
            found[path.relative_to(PROJECT).as_posix()] = match
    return found


# A copy's header comment, then Material's file with the one change the comment describes.
CHANGES = {
    "overrides/base.html": [
        (
            '    <input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer"'
            ' autocomplete="off">\n'
            '    <input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search"'
            ' autocomplete="off">\n',
            '    <form id="__toggles" autocomplete="off" hidden></form>\n'
            '    <input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer"'
            ' form="__toggles">\n'
            '    <input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search"'
            ' form="__toggles">\n',
        ),
    ],
    "overrides/partials/nav-item.html": [
        (
            ' tabindex="{{ tabindex }}">',
            '{% if tabindex %} tabindex="{{ tabindex }}"{% endif %}>',
        ),
    ],
    "overrides/partials/toc.html": [
        (
            '<label class="md-nav__title" for="__toc">',
            '<label class="md-nav__title"{% if page.file.inclusion.is_in_nav() %}'
            ' for="__toc"{% endif %}>',
        ),
    ],
}


def test_the_copies_declare_their_original():
    assert {
        "overrides/base.html",
        "overrides/partials/nav-item.html",
        "overrides/partials/toc.html",
    } <= set(copies())


@pytest.mark.parametrize("copy", sorted(copies()))
def test_the_original_is_the_one_copied(copy):
    match = copies()[copy]
    original = MATERIAL_TEMPLATES / match["original"]
    assert original.is_file(), f"Material no longer has {match['original']} (used by {copy})"
    installed = hashlib.sha256(original.read_bytes()).hexdigest()
    assert installed == match["sha256"], (
        f"{copy} is a copy of Material {match['version']}'s {match['original']}, which the "
        f"installed Material (material/templates/{match['original']}) has changed: compare "
        "the two, copy the new file, apply our change again and record its sha256."
    )


@pytest.mark.parametrize("copy", sorted(CHANGES))
def test_the_copy_differs_from_its_original_only_by_its_change(copy):
    text = (PROJECT / copy).read_text(encoding="utf-8")
    body = text[text.index("-#}\n") + len("-#}\n") :]
    original = (MATERIAL_TEMPLATES / copies()[copy]["original"]).read_text(encoding="utf-8")
    expected = original[original.index("-#}\n") + len("-#}\n") :]  # "generated, do not edit"
    for old, new in CHANGES[copy]:
        assert old in expected
        expected = expected.replace(old, new)
    assert body == expected
