"""Translation stamps (travinh_site.content.stamps)."""

from __future__ import annotations

from travinh_site.content import frontmatter
from travinh_site.content.stamps import Stamp, read_stamp, source_hash, with_stamp

SOURCE = "---\ntitle: Ao Bà Om\ndescription: Di tích.\n---\n\n# Ao Bà Om\n\nAo rộng.\n"


def test_hash_ignores_what_does_not_change_the_meaning():
    resaved = SOURCE.replace("\n", "\r\n").replace("Ao rộng.", "Ao rộng.   \n\n\n")
    decomposed = SOURCE.replace("rộng", "ro\u0323\u0302ng")  # NFD form of the same letters
    assert source_hash(resaved) == source_hash(SOURCE) == source_hash(decomposed)


def test_hash_changes_with_the_title_the_description_or_the_body():
    changed = [
        SOURCE.replace("title: Ao Bà Om", "title: Ao Bà Om (Trà Vinh)"),
        SOURCE.replace("Di tích.", "Di tích quốc gia."),
        SOURCE.replace("Ao rộng.", "Ao rộng 300 m."),
    ]
    assert len({source_hash(text) for text in [SOURCE, *changed]}) == 4
    assert len(source_hash(SOURCE)) == 16


def test_with_stamp_replaces_only_the_translation_block():
    translation = (
        "---\ntitle: Ba Om Pond\ntranslation:\n  source_hash: old\n  status: draft\n"
        "description: A relic.\n---\n\n# Ba Om Pond\n"
    )
    updated = with_stamp(
        translation, Stamp(source_hash="9f2c4e1a7b3d5c60", source_commit="4e5d6c7")
    )
    meta, body, _line = frontmatter.split(updated, "docs_en/x.md")
    assert meta == {
        "title": "Ba Om Pond",
        "description": "A relic.",
        "translation": {"source_hash": "9f2c4e1a7b3d5c60", "source_commit": "4e5d6c7"},
    }
    assert body == "\n# Ba Om Pond\n"
    assert read_stamp(meta) == Stamp("9f2c4e1a7b3d5c60", "4e5d6c7", draft=False)


def test_with_stamp_adds_front_matter_where_there_is_none():
    updated = with_stamp("# Ba Om Pond\n", Stamp(source_hash="abc", draft=True))
    meta, body, _line = frontmatter.split(updated, "docs_en/x.md")
    assert read_stamp(meta) == Stamp("abc", None, draft=True)
    assert body.strip() == "# Ba Om Pond"


def test_the_summary_mark_is_read_and_written():
    translation = "---\ntitle: Plan\ntranslation:\n  source_hash: old\n  summary: true\n---\n"
    stamp = read_stamp(frontmatter.split(translation, "docs_en/x.md")[0])
    assert stamp.summary
    updated = with_stamp(translation, Stamp(source_hash="new", summary=stamp.summary))
    assert read_stamp(frontmatter.split(updated, "docs_en/x.md")[0]) == Stamp(
        "new", None, draft=False, summary=True
    )
