"""Reading mkdocs.yml's plugins without loading MkDocs' configuration (plugin_settings)."""

from __future__ import annotations

from pathlib import Path

import pytest

from travinh_site.commands import build
from travinh_site.errors import SiteError
from travinh_site.images import config as images_config
from travinh_site.site import plugin_settings

AS_LIST = """\
plugins:
  - search
  - i18n:
      languages: [{locale: vi, default: true}, {locale: en}, {locale: km}]
  - travinh-images:
      fallback_width: 640
"""
# MkDocs also accepts the plugins as a mapping.
AS_MAPPING = """\
plugins:
  search: {}
  i18n:
    languages: [{locale: vi, default: true}, {locale: en}, {locale: km}]
  travinh-images:
    fallback_width: 640
"""


@pytest.mark.parametrize("text", [AS_LIST, AS_MAPPING], ids=["list", "mapping"])
def test_both_forms_of_the_setting_are_read(tmp_path: Path, text: str):
    config = tmp_path / "mkdocs.yml"
    config.write_text(text, encoding="utf-8")
    plugins = plugin_settings.read(config)
    assert plugin_settings.options(plugins, "search") == {}
    assert plugin_settings.options(plugins, "travinh-images") == {"fallback_width": 640}
    assert plugin_settings.options(plugins, "travinh-data") is None
    i18n_only = plugin_settings.only(plugins, {"i18n"})
    assert type(i18n_only) is type(plugins)  # the form it was written in, for MkDocs
    assert plugin_settings.options(i18n_only, "i18n") == plugin_settings.options(plugins, "i18n")
    assert plugin_settings.options(i18n_only, "search") is None
    assert build.language_count(tmp_path) == 3
    assert images_config.read_settings(config).fallback_width == 640


def test_an_unreadable_file_is_a_problem_with_its_line(tmp_path: Path):
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\nplugins: [\n", encoding="utf-8")
    with pytest.raises(SiteError, match=r"mkdocs\.yml:3: is not valid YAML"):
        plugin_settings.read(config)
    assert build.language_count(tmp_path) == 1  # the build then says what is wrong
    with pytest.raises(SiteError, match=r"mkdocs\.yml: cannot be read: No such file"):
        plugin_settings.read(tmp_path / "missing" / "mkdocs.yml")
