"""Content safety (travinh_site.security.safety): unsafe HTML in a page stops the build with the
file, the line and the fix; allowed frames pass; code examples are text."""

from __future__ import annotations

import re

import markdown
import pytest

from tests.conftest import TinySite
from travinh_site.security import safety

YOUTUBE = "https://www.youtube-nocookie.com/embed/"
EXTENSIONS = ["attr_list", "md_in_html", "pymdownx.superfences"]


def problems_of(source: str, frames: tuple[str, ...] = ()) -> list[str]:
    """The problems of a page body, rendered as the site renders Markdown (English lines)."""
    html = markdown.markdown(source, extensions=EXTENSIONS)
    rules = safety.frame_rules(frames)
    found = safety.check_page(html, source, "docs/x.md", 1, rules)
    assert all(problem.problem_vi and problem.fix_vi for problem in found)  # for the editors
    return [problem.english() for problem in found]


# Columns: Markdown of a page; the start of the problem reported (with its line), or None.
CASES = [
    ("Text.\n\n<script>alert(1)</script>\n", "docs/x.md:3: a <script> element is not allowed"),
    ("<SCRIPT src='https://evil.example/x.js'></SCRIPT>\n", "docs/x.md:1: a <script> element"),
    # Comments that browsers close at once ("<!-->", "<!--->") or with "--!>": what follows runs.
    ("<div><!--><script>alert(1)</script></div>\n", "docs/x.md:1: a <script> element"),
    ("<div><!---><script>alert(1)</script></div>\n", "docs/x.md:1: a <script> element"),
    ("<div><!-- x --!><script>alert(1)</script></div>\n", "docs/x.md:1: a <script> element"),
    # A style (or script) ends at "</style" followed by a space or "/" too: then markup again.
    ("<style>p{}</style x><img src=a onerror=alert(1)>\n", "docs/x.md:1: the attribute 'onerror'"),
    ("<style>p{}</style/><img src=a onerror=alert(1)>\n", "docs/x.md:1: the attribute 'onerror'"),
    ("[x](javascript:alert(1))\n", "docs/x.md:1: the href of <a> is a 'javascript:' address"),
    # Character references and tabs do not hide the scheme (browsers decode and drop them).
    ("\n[x](JaVa&#x53;cript:alert(1))\n", "docs/x.md:2: the href of <a> is a 'javascript:'"),
    ('<a href="java\tscript:alert(1)">x</a>\n', "docs/x.md:1: the href of <a> is a 'javascript:'"),
    ("[x][r]\n\n[r]: vbscript:msgbox\n", "docs/x.md:3: the href of <a> is a 'vbscript:' address"),
    ('<img src="a.png" alt="" onerror="alert(1)">\n', "docs/x.md:1: the attribute 'onerror'"),
    # attr_list sets attributes too.
    ('[x](y.md){ onclick="alert(1)" }\n', "docs/x.md:1: the attribute 'onclick' on <a>"),
    ('<iframe src="https://evil.example/x"></iframe>\n', "docs/x.md:1: the <iframe> shows"),
    (f'<iframe src="{YOUTUBE}abc" srcdoc="<b>x</b>"></iframe>\n', "docs/x.md:1: the <iframe>"),
    (f'<iframe src="{YOUTUBE}abc"></iframe>\n', "docs/x.md:1: the <iframe> has no title"),
    (f'<iframe src="{YOUTUBE}abc" title="Ao Bà Om"></iframe>\n', None),
    # A look-alike host is not the allowed one.
    (
        '<iframe src="https://www.youtube-nocookie.com.evil.example/embed/x" title="x"></iframe>\n',
        "docs/x.md:1: the <iframe> shows",
    ),
    ('<form action="https://evil.example/"><input name="p"></form>\n', "docs/x.md:1: a <form>"),
    (
        '<meta http-equiv="refresh" content="0;url=https://evil.example/">\n',
        "docs/x.md:1: a <meta>",
    ),
    ('<object data="x.swf"></object>\n', "docs/x.md:1: a <object> element is not allowed"),
    ('<a href="data:text/html,&lt;b&gt;x">x</a>\n', "docs/x.md:1: the href of <a> is a 'data:'"),
    ('<img src="data:image/png;base64,AAAA" alt="dot">\n', None),
    (
        "<style>@import url('https://evil.example/x.css');</style>\n",
        "docs/x.md:1: a <style> element imports styles from 'https://evil.example/x.css'",
    ),
    (
        "<style>p { background: url(//evil.example/x.png) }</style>\n",
        "docs/x.md:1: a <style> element loads '//evil.example/x.png'",
    ),
    ("<style>p { background: url(../assets/images/x.png) }</style>\n", None),
    (
        '<p style="background:url(https://evil.example/t.png)">x</p>\n',
        "docs/x.md:1: the style attribute of <p> loads",
    ),
    (
        '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>\n',
        "docs/x.md:1: the xlink:href of <a>",
    ),
    (
        '<svg><set attributeName="href" to="javascript:alert(1)"/></svg>\n',
        "docs/x.md:1: the to of <set>",
    ),
    # What the browser fetches by itself from another host: a request from every visitor.
    (
        "Text.\n\n![x](https://evil.example/track.png)\n",
        "docs/x.md:3: the src of <img> loads 'https://evil.example/track.png' from another site",
    ),
    ('<img alt="" src="//evil.example/t.png">\n', "docs/x.md:1: the src of <img> loads"),
    # Browsers read "\" as "/" in a URL: "\\host" is "//host".
    ('<img alt="" src="\\\\evil.example/t.png">\n', "docs/x.md:1: the src of <img> loads"),
    ('<img alt="" src="HTTPS://evil.example/t.png">\n', "docs/x.md:1: the src of <img> loads"),
    (
        '<img alt="" src="a.png"\n  srcset="a.png 1x, https://evil.example/t.png 2x">\n',
        "docs/x.md:2: the srcset of <img> loads 'https://evil.example/t.png'",
    ),
    (
        '<picture><source srcset="https://evil.example/t.avif"><img src="a.png" alt="">'
        "</picture>\n",
        "docs/x.md:1: the srcset of <source> loads",
    ),
    ('<video src="https://evil.example/v.mp4"></video>\n', "docs/x.md:1: the src of <video>"),
    ('<video poster="https://evil.example/p.png"></video>\n', "docs/x.md:1: the poster of"),
    ('<svg><image href="https://evil.example/t.png"/></svg>\n', "docs/x.md:1: the href of <image>"),
    ('<svg><use href="https://evil.example/s.svg#a"/></svg>\n', "docs/x.md:1: the href of <use>"),
    (
        '<table background="https://evil.example/t.png"><tr><td>x</td></tr></table>\n',
        "docs/x.md:1: the background of <table> loads",
    ),
    ('<a href="x.md" ping="https://evil.example/p">x</a>\n', "docs/x.md:1: the ping of <a> loads"),
    # Links, citations and mail addresses are followed only when a visitor chooses to.
    ('<a href="https://example.org/">x</a> [y](mailto:a@example.org)\n', None),
    ('<blockquote cite="https://example.org/">x</blockquote>\n', None),
    # CSS escapes, image-set(), strings and @import without a space spell remote addresses too.
    (
        "<style>p{background:\\75 rl(https://evil.example/t.png)}</style>\n",
        "docs/x.md:1: a <style> element loads 'https://evil.example/t.png'",
    ),
    (
        "\n<style>p{background:url(h\\74tps://evil.example/t.png)}</style>\n",
        "docs/x.md:2: a <style> element loads 'https://evil.example/t.png'",
    ),
    (
        '<p style="background:u\\72l(https://evil.example/t.png)">x</p>\n',
        "docs/x.md:1: the style attribute of <p> loads 'https://evil.example/t.png'",
    ),
    (
        "<style>p{background:image-set('https://evil.example/t.png' 1x)}</style>\n",
        "docs/x.md:1: a <style> element loads 'https://evil.example/t.png'",
    ),
    (
        '<style>@import"https://evil.example/x.css";</style>\n',
        "docs/x.md:1: a <style> element imports styles from 'https://evil.example/x.css'",
    ),
    # In an inline SVG, <style> holds character references and markup, not raw text.
    (
        "<svg><style>p{background:u&#114;l(https://evil.example/t.png)}</style></svg>\n",
        "docs/x.md:1: a <style> element loads 'https://evil.example/t.png'",
    ),
    (
        "<svg><style><img src=a onerror=alert(1)></style></svg>\n",
        "docs/x.md:1: the attribute 'onerror' on <img>",
    ),
    # Content laid over the page, and a <style> that would swallow the rest of it.
    (
        '<div style="position: fixed; inset: 0">x</div>\n',
        "docs/x.md:1: the style attribute of <div> sets 'position: fixed'",
    ),
    # Stacked above Material's header and tabs (seen in Chromium: a negative margin with it).
    (
        '<p style="position: relative; z-index: 10; margin-top: -400px">x</p>\n',
        "docs/x.md:1: the style attribute of <p> sets 'z-index: 10', which can lay content over",
    ),
    (
        "<style>.tv-x { position: sticky; Z-Index :99 }</style>\n",
        "docs/x.md:1: a <style> element sets 'z-index: 99'",
    ),
    ("<style>p{color:red}\n\nMore\n", "docs/x.md:1: a <style> is never closed"),
    # Elements whose content browsers do not read as markup: what hides there would run.
    # (A <textarea>'s content is text to browsers: the <img> in it is no element.)
    (
        "<textarea><img src=x onerror=alert(1)></textarea>\n",
        "docs/x.md:1: a <textarea> element is not allowed",
    ),
    ("<xmp>x</xmp>\n", "docs/x.md:1: a <xmp> element is not allowed"),
    # Examples in code are text, not HTML.
    ("Use `<script>` carefully.\n\n```html\n<script>alert(1)</script>\n```\n", None),
    ("    <script>indented code</script>\n", None),
    ("<!-- <script>alert(1)</script> -->\n", None),
    # Ordinary content passes.
    ("# Title\n\n[A page](../du-lich/ao-ba-om.md) and <https://example.org/>.\n", None),
    ("<figure markdown>\n![Ao](a.svg)\n<figcaption>Ao Bà Om</figcaption>\n</figure>\n", None),
]


@pytest.mark.parametrize(("source", "expected"), CASES)
def test_unsafe_html_is_refused_with_its_line(source: str, expected: str | None):
    problems = problems_of(source, (YOUTUBE,))
    if expected is None:
        assert problems == []
    else:
        assert len(problems) == 1 and problems[0].startswith(expected), problems
        assert " Fix: " in problems[0]


def test_each_finding_gets_the_line_of_its_own_occurrence():
    source = (
        "# T\n\n```\n<script>in code</script>\n```\n\n"  # lines 3-5: code, ignored
        "<script>one()</script>\n\n"  # line 7
        "Text [a](javascript:a()) and [b](javascript:b()).\n\n"  # line 9
        "<script>two()</script>\n"  # line 11
    )
    lines = [re.match(r"docs/x.md:(\d+):", p).group(1) for p in problems_of(source)]
    assert lines == ["7", "9", "9", "11"]


@pytest.mark.parametrize(
    "prefix",
    ["http://maps.example/embed/", "https://maps.example", "https://maps.example/embed", "x"],
)
def test_allowed_frames_must_be_https_prefixes_ending_with_a_slash(prefix: str):
    with pytest.raises(ValueError, match="allowed_iframes entry"):
        safety.frame_rules([prefix])


def test_unsafe_page_stops_the_build_with_file_line_and_fix(tiny_site: TinySite):
    tiny_site.write(
        "docs_km/index.md",
        "---\ntitle: ទំព័រដើម\ndescription: ទំព័រដើម។\n---\n\n# ទំព័រដើម\n\n"
        '<a href="javascript:alert(1)">ចុច</a>\n\n<script>steal()</script>\n',
    )
    result = tiny_site.build()
    assert result.returncode != 0
    assert (
        "docs_km/index.md:8: the href of <a> is a 'javascript:' address, which runs a program "
        "when used. Fix: link to a page of the site or to a web address (https://…) instead."
    ) in result.output
    assert "docs_km/index.md:10: a <script> element is not allowed in a page" in result.output
    assert "docs_km/index.md:10: không được dùng thẻ <script> trong trang" in result.output
    assert "Traceback" not in result.output


def test_a_frame_from_an_allowed_address_is_built_and_allowed_by_the_policy(tiny_site: TinySite):
    config = tiny_site.root / "mkdocs.yml"
    config.write_text(
        config.read_text("utf-8").replace("allowed_iframes: []", f"allowed_iframes: [{YOUTUBE}]"),
        encoding="utf-8",
    )
    tiny_site.write(
        "docs_en/index.md",
        "---\ntitle: Home\ndescription: Home.\n---\n\n# Home\n\n"
        f'<iframe src="{YOUTUBE}abc" title="A film of Ba Om Pond"></iframe>\n',
    )
    result = tiny_site.build()
    assert result.returncode == 0, result.output
    assert f'<iframe src="{YOUTUBE}abc"' in result.text("en/index.html")
    assert f"frame-src {YOUTUBE};" in result.text("_headers")
    assert f"frame-src {YOUTUBE};" in result.text("en/index.html")  # the page's own policy
    assert 'fullscreen=("https://www.youtube-nocookie.com")' in result.text("_headers")


def test_a_misconfigured_allowed_frame_names_the_setting(tiny_site: TinySite):
    config = tiny_site.root / "mkdocs.yml"
    config.write_text(
        config.read_text("utf-8").replace("allowed_iframes: []", "allowed_iframes: [x.org]"),
        encoding="utf-8",
    )
    result = tiny_site.build()
    assert result.returncode != 0
    assert "mkdocs.yml: allowed_iframes entry 'x.org' must be the beginning of https" in (
        result.output
    )


def test_markup_read_as_text_by_browsers_is_refused_with_what_hides_in_it():
    # Browsers that run scripts read <noscript> as text up to "</noscript", wherever it is:
    # the <img> after it is an element, in an attribute value to a reader of markup.
    source = '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></p></noscript>\n'
    problems = problems_of(source)
    assert problems[0].startswith("docs/x.md:1: a <noscript> element is not allowed")
    assert problems[1].startswith("docs/x.md:1: the attribute 'onerror' on <img>")
    assert len(problems) == 2


@pytest.mark.parametrize(
    ("rendered", "problem", "fix_vi"),
    [
        ("<p>a</p><!-- b", "a comment <!-- is never closed", "hãy đóng nó bằng -->"),
        ('<p title="x>y', "a tag (or a quoted attribute value) is never closed", "hãy đóng nó"),
        ("<style>p{}", "a <style> is never closed", "hãy đóng nó bằng </style>"),
    ],
)
def test_what_is_left_open_at_the_end_of_a_page_is_refused(rendered, problem, fix_vi):
    # What Markdown lets through raw (it escapes most such text): the rest of the page
    # would be swallowed.
    findings = safety.inspect(rendered)
    assert [finding.problem.split(":")[0] for finding in findings] == [problem]
    assert findings[0].fix_vi.startswith(fix_vi) and " or " not in findings[0].fix_vi
