"""The Markdown reference scanner and checker (travinh_site.content.links)."""

from __future__ import annotations

import pytest

from travinh_site.content.links import Reference, check, find_references

SOURCE = """\
Intro with [a link](page.md "title") and ![an image](../assets/images/x.jpg).

```python
print("[not a link](code.md)")
```

Text with `[code span](span.md)` and a [link whose text
wraps](wrapped.md) onto the next line.

    ~~~
    ![fenced too](fenced.png)
    ~~~

[ref]: reference.md
<img src="raw.png" alt="raw"> <a href='raw.md'>raw</a>
[external](https://example.org/x.md) [anchor](#top) [mail](mailto:a@b.c)
"""


def test_finds_every_reference_with_its_line_and_kind():
    found = find_references(SOURCE, first_line=5)
    assert found == [
        Reference(5, "page.md", False, "a link"),
        Reference(5, "../assets/images/x.jpg", True, "an image"),
        Reference(11, "wrapped.md", False, "link whose text\nwraps"),
        Reference(18, "reference.md", False, "ref", syntax="definition"),
        Reference(19, "raw.png", True, syntax="html"),
        Reference(19, "raw.md", False, syntax="html"),
        Reference(20, "https://example.org/x.md", False, "external"),
        Reference(20, "#top", False, "anchor"),
        Reference(20, "mailto:a@b.c", False, "mail"),
    ]


def test_angle_bracket_destinations_may_hold_spaces():
    assert find_references("[x](<my page.md>)") == [Reference(1, "my page.md", False, "x")]


def test_an_attribute_list_after_an_image_is_kept():
    (image,) = find_references("![](x.svg){ .decorative }\n")
    assert (image.text, image.attributes) == ("", " .decorative ")


EXISTING = {"vi/index.md", "vi/du-lich/ao-ba-om.md", "vi/du-lich/index.md", "assets/images/a.jpg"}


def problems_for(target: str, *, is_image: bool = False, src: str = "vi/du-lich/x.md") -> list:
    return check(
        [Reference(3, target, is_image)],
        src,
        "docs/du-lich/x.md",
        EXISTING.__contains__,
        lambda: EXISTING,
    )


@pytest.mark.parametrize(
    "target",
    [
        "ao-ba-om.md",
        "ao-ba-om.md#lich-su",
        "../index.md",
        "./",  # a folder link resolves to its index.md
        "../../assets/images/a.jpg",
        "https://example.org/",
        "#anchor",
        "ao%2Dba-om.md",  # percent-encoded
    ],
)
def test_links_that_resolve_pass(target: str):
    assert problems_for(target) == []


def test_a_typo_gets_the_closest_existing_page_relative_to_the_file():
    (problem,) = problems_for("ao-ba-on.md")
    assert str(problem) == (
        "docs/du-lich/x.md:3: liên kết 'ao-ba-on.md' trỏ tới một tệp không tồn tại. "
        "Cách sửa: có phải ý bạn là 'ao-ba-om.md'?\n"
        "  docs/du-lich/x.md:3: the link 'ao-ba-on.md' points to a file that does not exist. "
        "Fix: did you mean 'ao-ba-om.md'?"
    )


def test_a_wrong_folder_depth_gets_the_right_relative_path():
    (problem,) = problems_for("../assets/images/a.jpg", is_image=True)
    assert problem.fix == "did you mean '../../assets/images/a.jpg'?"


def test_links_may_not_leave_the_site():
    (problem,) = problems_for("../../../secret.md")
    assert "does not exist" in problem.problem


def test_root_relative_links_are_refused():
    (problem,) = problems_for("/du-lich/ao-ba-om.md")
    assert "starts with '/'" in problem.problem and problem.line == 3


def test_nothing_similar_gives_a_plain_fix():
    (problem,) = problems_for("zzzz.png", is_image=True)
    assert problem.fix.startswith("put the image in assets/images/")
