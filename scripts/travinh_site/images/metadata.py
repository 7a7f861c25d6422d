"""The metadata sidecar of an image: ``assets/images/x.jpg`` -> ``assets/images/x.jpg.yml``.

::

    kind: photo                 # or: illustration
    credit: Nguyễn Văn A        # who made it (a photo: the photographer or owner)
    licence: CC BY 4.0          # licence name (required for a photo)
    source: https://example.org # optional: where it comes from

A photo shows its credit and licence under it, so both are required for a photo.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from travinh_site.content.frontmatter import read_text, yaml_problem
from travinh_site.errors import Problem, SiteError, did_you_mean

SUFFIX = ".yml"
KINDS = ("photo", "illustration")
FIELDS = ("kind", "credit", "licence", "source")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:\S")  # javascript:…, file:…, ftp://…
EXAMPLE = "'kind: photo' (or 'kind: illustration'), 'credit: …' and 'licence: …'"


@dataclass(frozen=True)
class Metadata:
    kind: str
    credit: str = ""
    licence: str = ""
    source: str = ""

    @property
    def is_photo(self) -> bool:
        return self.kind == "photo"

    @property
    def source_url(self) -> str:
        """The source when it is a web address (shown as a link), else ""."""
        return self.source if self.source.startswith(("https://", "http://")) else ""


def sidecar_of(image: str) -> str:
    return image + SUFFIX


def read(path: Path, shown_as: str) -> Metadata:
    """The metadata in the sidecar at ``path`` (shown to editors as ``shown_as``)."""
    text = read_text(path, shown_as)
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise SiteError(yaml_problem(error, shown_as)) from None
    if not isinstance(data, dict):
        raise SiteError(
            Problem(
                shown_as,
                "must hold 'key: value' lines.",
                f"write the lines {EXAMPLE}, one per line.",
                problem_vi="tệp phải gồm các dòng 'tên: giá trị'.",
                fix_vi=f"viết các dòng {EXAMPLE}, mỗi dòng một trường.",
            )
        )
    lines = _key_lines(node)
    problems = []
    for key in data:
        if key not in FIELDS:
            hint, hint_vi = did_you_mean(str(key), FIELDS)
            problems.append(
                Problem(
                    shown_as,
                    f"unknown field '{key}'.",
                    f"{hint}The fields are {', '.join(FIELDS)}.",
                    lines.get(key),
                    problem_vi=f"trường lạ '{key}'.",
                    fix_vi=f"{hint_vi}Các trường là {', '.join(FIELDS)}.",
                )
            )
    values: dict[str, str] = {}
    for key in FIELDS:
        value = data.get(key)
        if value is None:
            continue
        if not isinstance(value, str | int | float) or isinstance(value, bool):
            problems.append(
                Problem(
                    shown_as,
                    f"'{key}' must be a single line of text.",
                    f"write it as '{key}: text' on one line.",
                    lines.get(key),
                    problem_vi=f"'{key}' phải là một dòng chữ.",
                    fix_vi=f"viết '{key}: nội dung' trên một dòng.",
                )
            )
            continue
        values[key] = str(value).strip()
    kind = values.get("kind", "")
    if kind not in KINDS:
        found = f" (found '{kind}')" if kind else ""
        found_vi = f" (đang ghi '{kind}')" if kind else ""
        problems.append(
            Problem(
                shown_as,
                f"'kind' must be 'photo' or 'illustration'{found}.",
                "write 'kind: photo' for a photograph, 'kind: illustration' for a drawing, "
                "map or diagram.",
                lines.get("kind"),
                problem_vi=f"'kind' phải là 'photo' hoặc 'illustration'{found_vi}.",
                fix_vi="viết 'kind: photo' cho ảnh chụp, 'kind: illustration' cho hình vẽ, bản "
                "đồ hay sơ đồ.",
            )
        )
    if kind == "photo":
        for key, who, who_vi in (
            (
                "credit",
                "the photographer or owner, shown under the photo",
                "người chụp hoặc chủ sở hữu, hiện dưới ảnh",
            ),
            (
                "licence",
                "for example 'CC BY 4.0', or 'used with permission'",
                "ví dụ 'CC BY 4.0', hoặc 'used with permission' (được phép sử dụng)",
            ),
        ):
            if not values.get(key):
                problems.append(
                    Problem(
                        shown_as,
                        f"a photo needs a '{key}' ({who}).",
                        f"add a line '{key}: …'.",
                        lines.get(key),
                        problem_vi=f"ảnh chụp cần có '{key}' ({who_vi}).",
                        fix_vi=f"thêm một dòng '{key}: …'.",
                    )
                )
    source = values.get("source", "")
    if _SCHEME.match(source) and not source.startswith(("https://", "http://")):
        problems.append(
            Problem(
                shown_as,
                f"'source' must be a web address starting with https:// or a plain text "
                f"(found '{source}').",
                "write the address as it appears in the browser, or describe the source.",
                lines.get("source"),
                problem_vi=f"'source' phải là một địa chỉ web bắt đầu bằng https:// hoặc một "
                f"đoạn chữ (đang ghi '{source}').",
                fix_vi="ghi địa chỉ như trên trình duyệt, hoặc mô tả nguồn bằng lời.",
            )
        )
    if problems:
        raise SiteError(*problems)
    return Metadata(
        kind=kind,
        credit=values.get("credit", ""),
        licence=values.get("licence", ""),
        source=source,
    )


def missing(image_shown_as: str) -> Problem:
    return Problem(
        image_shown_as,
        "has no metadata file (who made it, under which licence).",
        f"create {sidecar_of(image_shown_as)} with the lines {EXAMPLE} (see the README, 'Images').",
        problem_vi="ảnh chưa có tệp thông tin (ai làm ra ảnh, theo giấy phép nào).",
        fix_vi=f"tạo tệp {sidecar_of(image_shown_as)} với các dòng {EXAMPLE} (xem mục 5 của "
        "EDITING.md).",
    )


def _key_lines(node: yaml.Node | None) -> dict[object, int]:
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {key.value: key.start_mark.line + 1 for key, _value in node.value}
