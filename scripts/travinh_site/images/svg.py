"""The safety check an SVG passes before it is published as it is.

An SVG is a document: opened on its own (``site/assets/images/x.svg``) it runs its scripts
with the site's origin, and it can load other files. So an SVG is refused when it holds a
script, an event handler, embedded HTML, an entity declaration or any reference outside
itself (other than embedded raster pictures); drawing programs export SVGs without these
("plain SVG").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from travinh_site.errors import Problem

SVG_NAMESPACE = "http://www.w3.org/2000/svg"
# Elements that run code or embed other documents.
_ACTIVE = {"script", "foreignObject", "iframe", "embed", "object", "handler", "listener"}
_ANIMATIONS = {"animate", "set", "animateTransform", "animateMotion"}
_HREF = {"href", "{http://www.w3.org/1999/xlink}href"}
# Embedded raster pictures are part of the file, not references to another one.
_EMBEDDED = re.compile(r"^data:image/(png|jpeg|gif|webp|avif);", re.IGNORECASE)
_URL = re.compile(r"url\(\s*['\"]?\s*([^'\")\s]*)", re.IGNORECASE)
_IMPORT = re.compile(r"@import", re.IGNORECASE)
_STYLESHEET = re.compile(rb"<\?xml-stylesheet", re.IGNORECASE)
_LENGTH = re.compile(r"^\s*([0-9]*\.?[0-9]+)\s*(px)?\s*$")
FIX = "export it again as 'plain SVG' (or 'optimised SVG') from your drawing program"
FIX_VI = "xuất lại tệp dạng 'plain SVG' (hoặc 'optimised SVG') từ phần mềm vẽ"


@dataclass(frozen=True)
class SvgInfo:
    width: int
    height: int


class UnsafeSvg(Exception):
    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(str(problem))


class _Refuse(Protocol):
    """``check``'s ``refuse``: the error for one reason the SVG is refused."""

    def __call__(self, what: str, what_vi: str, fix: str = ..., fix_vi: str = ...) -> UnsafeSvg: ...


def check(data: bytes, shown_as: str) -> SvgInfo:
    """The SVG's display size; raises :class:`UnsafeSvg` when it is unsafe or unusable."""

    def refuse(
        what: str, what_vi: str, fix: str = FIX + ".", fix_vi: str = FIX_VI + "."
    ) -> UnsafeSvg:
        return UnsafeSvg(Problem(shown_as, what, fix, problem_vi=what_vi, fix_vi=fix_vi))

    if not data.strip():
        raise refuse(
            "the file is empty (0 bytes).",
            "tệp trống (0 byte).",
            "copy the SVG again from its original.",
            "chép lại tệp SVG từ bản gốc.",
        )
    if _STYLESHEET.search(data):
        raise refuse(
            "the SVG loads an external style sheet (<?xml-stylesheet?>).",
            "tệp SVG tải một bảng định dạng từ bên ngoài (<?xml-stylesheet?>).",
        )
    try:
        root = fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise refuse(
            "the SVG declares XML entities, which can hide external files.",
            "tệp SVG khai báo thực thể XML (entity), có thể che giấu tệp bên ngoài.",
        ) from None
    except ParseError as error:
        line = error.position[0] if error.position else None
        raise UnsafeSvg(
            Problem(
                shown_as,
                f"is not valid XML ({error.msg if hasattr(error, 'msg') else error}).",
                FIX + ".",
                line,
                problem_vi=f"tệp không phải XML hợp lệ "
                f"({error.msg if hasattr(error, 'msg') else error}).",
                fix_vi=FIX_VI + ".",
            )
        ) from None
    if root.tag != f"{{{SVG_NAMESPACE}}}svg":
        raise refuse(
            "is not an SVG image (its first element is not <svg> in the SVG namespace).",
            "tệp không phải ảnh SVG (phần tử đầu tiên không phải <svg> của không gian tên SVG).",
            FIX,
            FIX_VI,
        )
    for element in root.iter():
        _check_element(element, refuse)
    return _size(root, refuse)


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1]


def _check_element(element: Element, refuse: _Refuse) -> None:
    tag = _local(element.tag) if isinstance(element.tag, str) else ""
    if tag in _ACTIVE:
        raise refuse(
            f"the SVG contains a <{tag}> element, which could run code on the site.",
            f"tệp SVG chứa phần tử <{tag}>, có thể chạy mã trên trang web.",
        )
    if tag == "style" and element.text:
        _check_css(element.text, "<style>", refuse)
    for name, value in element.attrib.items():
        attribute = _local(name)
        if attribute.lower().startswith("on"):
            raise refuse(
                f'the SVG has an event handler ({attribute}="…" on <{tag}>), which could run '
                "code on the site.",
                f'tệp SVG có trình xử lý sự kiện ({attribute}="…" trên <{tag}>), có thể chạy mã '
                "trên trang web.",
            )
        if name in _HREF or attribute == "href":
            target = value.strip()
            if not (target.startswith("#") or _EMBEDDED.match(target)):
                raise refuse(
                    f'the SVG refers to something outside itself (<{tag} href="{target[:60]}">).',
                    f'tệp SVG trỏ tới thứ nằm ngoài nó (<{tag} href="{target[:60]}">).',
                )
        if tag in _ANIMATIONS and attribute == "attributeName" and _local(value) == "href":
            raise refuse(
                f"the SVG changes a link with <{tag}>, which could run code on the site.",
                f"tệp SVG thay đổi một liên kết bằng <{tag}>, có thể chạy mã trên trang web.",
            )
        _check_css(value, f"<{tag} {attribute}>", refuse)


def _check_css(text: str, where: str, refuse: _Refuse) -> None:
    if _IMPORT.search(text):
        raise refuse(
            f"the SVG imports an external style sheet (@import in {where}).",
            f"tệp SVG nhập một bảng định dạng từ bên ngoài (@import trong {where}).",
        )
    for target in _URL.findall(text):
        if not (target.startswith("#") or _EMBEDDED.match(target)):
            raise refuse(
                f"the SVG refers to something outside itself (url({target[:60]}) in {where}).",
                f"tệp SVG trỏ tới thứ nằm ngoài nó (url({target[:60]}) trong {where}).",
            )


def _size(root: Element, refuse: _Refuse) -> SvgInfo:
    """Width and height for the <img> tag: width/height in pixels, else the viewBox."""
    box = re.split(r"[\s,]+", root.get("viewBox", "").strip())
    width, height = _length(root.get("width")), _length(root.get("height"))
    if len(box) == 4:
        try:
            box_width, box_height = float(box[2]), float(box[3])
        except ValueError:
            box_width = box_height = 0.0
        if box_width > 0 and box_height > 0:
            if width and not height:
                height = width * box_height / box_width
            elif height and not width:
                width = height * box_width / box_height
            elif not (width and height):
                width, height = box_width, box_height
    if not (width and height):
        raise refuse(
            "the SVG has no size (no viewBox, nor width and height in pixels), so the page "
            "cannot reserve its space.",
            "tệp SVG không có kích thước (không có viewBox, cũng không có width và height tính "
            "bằng điểm ảnh), nên trang không thể dành chỗ cho nó.",
            "add a viewBox to the <svg> element (drawing programs do this on export), for "
            'example viewBox="0 0 800 600".',
            "thêm viewBox vào phần tử <svg> (phần mềm vẽ thường làm khi xuất tệp), ví dụ "
            'viewBox="0 0 800 600".',
        )
    return SvgInfo(max(1, round(width)), max(1, round(height)))


def _length(value: str | None) -> float:
    match = _LENGTH.match(value or "")
    return float(match.group(1)) if match else 0.0
