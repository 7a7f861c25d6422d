"""The editors' preview settings (travinh-preview), on tiny sites built for real."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import TinySite


def files(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def test_a_published_build_ignores_only(tiny_site: TinySite, monkeypatch: pytest.MonkeyPatch):
    """ONLY is for the preview: a build for publishing always has every language."""
    monkeypatch.setenv("TRAVINH_ONLY", "km")
    result = tiny_site.build()
    assert result.returncode == 0, result.output
    assert (result.site / "en/index.html").is_file()


def test_the_preview_settings_change_nothing_in_the_output_of_a_site_without_drafts(
    tiny_site: TinySite, monkeypatch: pytest.MonkeyPatch
):
    """TRAVINH_PREVIEW (what `make serve` sets) shows drafts and allows ONLY; a finished site
    comes out the same."""
    plain = tiny_site.build(site_dir="plain")
    monkeypatch.setenv("TRAVINH_PREVIEW", "true")
    preview = tiny_site.build(site_dir="preview")
    assert plain.returncode == preview.returncode == 0, plain.output + preview.output
    assert files(preview.site) == files(plain.site)


def test_only_one_language_is_built_besides_the_default_one(
    tiny_site: TinySite, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("TRAVINH_PREVIEW", "true")  # as make serve ONLY=km sets them
    monkeypatch.setenv("TRAVINH_ONLY", "km")
    result = tiny_site.build()
    assert result.returncode == 0, result.output
    assert (result.site / "index.html").is_file()
    assert (result.site / "km/du-lich/ao-ba-om.html").is_file()  # falls back to Vietnamese
    assert not (result.site / "en").exists()


def test_an_unknown_language_is_a_clear_error(tiny_site: TinySite, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("TRAVINH_PREVIEW", "true")
    monkeypatch.setenv("TRAVINH_ONLY", "fr")
    result = tiny_site.build()
    assert result.returncode != 0
    assert (
        "ONLY=fr: trang web không có ngôn ngữ 'fr'. Cách sửa: dùng một trong các mã: vi, en, km "
        "(ví dụ: make serve ONLY=km).\n"
        "  ONLY=fr: the site has no language 'fr'. Fix: use one of: vi, en, km (for example: "
        "make serve ONLY=km)."
    ) in result.output
    assert "Traceback" not in result.output


def test_compiled_templates_are_reused_and_an_edited_template_is_compiled_again():
    from jinja2 import DictLoader, Environment

    from travinh_site.site.plugin import _CompiledTemplates

    class Counted(_CompiledTemplates):
        compiled = 0

        def dump_bytecode(self, bucket) -> None:  # called only after compiling
            self.compiled += 1
            super().dump_bytecode(bucket)

    cache = Counted()
    sources = {"page.html": "Hello {{ name }}"}

    def render() -> str:  # a new environment each time, as MkDocs makes one per build
        environment = Environment(loader=DictLoader(sources), bytecode_cache=cache)
        return environment.get_template("page.html").render(name="Trà Vinh")

    assert (render(), cache.compiled) == ("Hello Trà Vinh", 1)
    assert (render(), cache.compiled) == ("Hello Trà Vinh", 1)  # from the cache
    sources["page.html"] = "Xin chào {{ name }}"
    assert (render(), cache.compiled) == ("Xin chào Trà Vinh", 2)
