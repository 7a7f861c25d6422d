"""Say what is missing: an editors' todo item marked `notice:` tells visitors, in their own
language, that the page does not give it yet (content.notices, the schema, the theme's
partials/missing.html), on tiny real sites."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from tests.conftest import DEFAULT_NAV, PROJECT, TinySite, read_languages
from travinh_site.content import notices, schema
from travinh_site.site import strings

SOURCE = schema.Page("docs/dau-tu/x.md", is_source=True)


def problems(todo: str) -> list[tuple[int | None, str, str]]:
    text = f"---\ntitle: Đầu tư\ndescription: Đầu tư.\ntodo:\n{todo}---\n"
    return [(p.line, p.problem, p.fix) for p in schema.check(text, SOURCE)]


def test_a_notice_is_a_todo_item_with_settings():
    todo = (
        "  - Một ghi chú cho biên tập viên.\n"
        "  - text: Các bước thủ tục đầu tư, có nguồn chính thức.\n"
        "    notice: investment-procedure\n"
        "    ask: true\n"
    )
    assert problems(todo) == []
    meta = {"todo": ["x", {"text": "y", "notice": "opening-hours"}, {"notice": "opening-hours"}]}
    assert notices.missing(meta) == notices.Missing(("opening-hours",), False)
    assert notices.missing({"todo": ["x"]}) is None


@pytest.mark.parametrize(
    ("todo", "line", "says", "fix"),
    [
        (
            "  - text: Giờ mở cửa.\n    notice: opening-hour\n",
            6,
            "'opening-hour' is not one of the notices for visitors.",
            "did you mean 'opening-hours'?",
        ),
        (
            "  - notice: opening-hours\n",
            5,
            "item 1 of 'todo' has no 'text' (the note for editors).",
            "write the note after 'text:'",
        ),
        (
            "  - text: Giờ mở cửa.\n    notic: opening-hours\n",
            5,  # the item (its 'notice' is missing) comes first, then the misspelt setting
            "item 1 of 'todo' is written with settings but has no 'notice'.",
            "add 'notice: <name>'",
        ),
        (
            "  - text: Giờ mở cửa.\n    notice: opening-hours\n    ask: yes please\n",
            7,
            "'ask' must be true or false.",
            "write 'ask: true'",
        ),
    ],
)
def test_each_mistake_in_a_notice_is_located_and_explained(
    todo: str, line: int, says: str, fix: str
):
    found = problems(todo)
    assert (line, says) in [(at, problem) for at, problem, _fix in found], found
    assert any(problem == says and hint.startswith(fix) for _at, problem, hint in found)


def test_a_note_with_a_colon_is_still_reported_as_text_to_quote():
    """ "Năm xây: chưa rõ" is a note YAML reads as a field, not a notice."""
    (found,) = problems("  - Năm xây: chưa rõ\n")
    assert "must be text, but YAML reads it as a group of fields" in found[1]


PAGE = """---
title: {title}
description: {title}.
{todo}---

# {title}

{body}
"""
TODO = """todo:
  - Một ghi chú chỉ cho biên tập viên.
  - text: Các bước thủ tục đầu tư, có nguồn chính thức.
    notice: investment-procedure
    ask: true
  - text: Ưu đãi đầu tư.
    notice: investment-incentives
"""


@pytest.fixture
def notice_site(tiny_site: TinySite) -> TinySite:
    tiny_site.write("docs/dau-tu.md", PAGE.format(title="Đầu tư", todo=TODO, body="Nội dung."))
    # The English page is translated (its own todo list, plain notes); the Khmer one is not.
    tiny_site.write(
        "docs_en/dau-tu.md",
        PAGE.format(title="Investing", todo="todo:\n  - A note.\n", body="Text."),
    )
    tiny_site.set_nav([*DEFAULT_NAV, {"Đầu tư": "dau-tu.md"}])
    return tiny_site


def note(html: str) -> BeautifulSoup | None:
    return BeautifulSoup(html, "html.parser").select_one("aside.tv-missing")


def test_every_language_says_what_the_page_does_not_give_yet(notice_site: TinySite):
    result = notice_site.build()
    assert result.returncode == 0, result.output
    vi = note(result.text("dau-tu.html"))
    assert vi is not None and vi["role"] == "note"
    assert vi.select_one(".admonition-title").get_text() == "Chưa công bố trên trang này"
    assert [li.get_text() for li in vi.select("li")] == [
        "các bước thủ tục đầu tư",
        "các ưu đãi đầu tư đang áp dụng",
    ]  # the plain note is not shown
    assert "chính quyền tỉnh Vĩnh Long" in vi.select_one("p:not(.admonition-title)").get_text()
    en = note(result.text("en/dau-tu.html"))  # from the Vietnamese page's todo, in English
    assert en is not None
    assert [li.get_text() for li in en.select("li")] == [
        "the steps of the investment procedure",
        "the investment incentives in force",
    ]
    assert "ask the authorities of Vinh Long province" in en.get_text()
    km_page = result.text("km/dau-tu.html")  # not translated: the Vietnamese text is shown...
    km = note(km_page)
    assert km is not None  # ... with the notice in Khmer, outside the Vietnamese passage
    assert km.select_one(".admonition-title").get_text() == "មិនទាន់ចុះផ្សាយនៅលើទំព័រនេះ"
    assert km.find_parent(attrs={"lang": "vi"}) is None
    assert "ជំហាននៃនីតិវិធីវិនិយោគ" in km.get_text()
    assert note(result.text("index.html")) is None  # a page without notices shows none


def test_without_ask_no_contact_is_named(notice_site: TinySite):
    notice_site.write(
        "docs/dau-tu.md",
        PAGE.format(
            title="Đầu tư",
            todo="todo:\n  - text: Ưu đãi đầu tư.\n    notice: investment-incentives\n",
            body="Nội dung.",
        ),
    )
    result = notice_site.build()
    assert result.returncode == 0, result.output
    vi = note(result.text("dau-tu.html"))
    assert vi is not None and "Vĩnh Long" not in vi.get_text()


def test_a_wrong_notice_fails_the_build_with_the_closest_name(notice_site: TinySite):
    notice_site.write(
        "docs/dau-tu.md",
        PAGE.format(
            title="Đầu tư",
            todo="todo:\n  - text: Ưu đãi.\n    notice: investment-incentive\n",
            body="Nội dung.",
        ),
    )
    result = notice_site.build()
    assert result.returncode != 0
    assert (
        "docs/dau-tu.md:6: 'investment-incentive' không phải một thông báo cho người xem. "
        "Cách sửa: có phải ý bạn là 'investment-incentives'?" in result.output
    )
    assert "Traceback" not in result.output


def test_every_notice_has_its_text_in_every_language():
    texts = strings.load(PROJECT / "overrides/strings.yml", read_languages(), "strings.yml")
    for code, by_key in texts.items():
        assert set(notices.texts()) <= set(by_key), code


@pytest.mark.parametrize(("guide", "code"), [("EDITING.md", "vi"), ("EDITING.en.md", "en")])
def test_the_guides_list_every_notice_with_the_text_it_shows(guide: str, code: str):
    texts = strings.load(PROJECT / "overrides/strings.yml", read_languages(), "strings.yml")
    table = (PROJECT / guide).read_text(encoding="utf-8")
    for name in notices.NOTICES:
        assert f"| `{name}` | {texts[code][f'notice.{name}']} |" in table, name
