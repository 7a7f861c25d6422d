"""The image pipeline as a library: pixels, colour, metadata, errors, cache, SVG safety."""

from __future__ import annotations

import hashlib
import io
import multiprocessing
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from tests.imagegen import INKS, SERIAL, cmyk_profile, encoded, exif_with_gps, png_bomb, quadrants
from travinh_site.errors import SiteError
from travinh_site.images import metadata, svg
from travinh_site.images.encode import widths_for
from travinh_site.images.pipeline import OUTPUTS, Report, run
from travinh_site.images.settings import Encoding, Settings

RED, GREEN, BLUE, WHITE = (230, 20, 20), (20, 200, 40), (30, 40, 220), (250, 250, 250)
SETTINGS = Settings(encoding=Encoding(widths=(200, 800)), max_pixels=5_000_000, workers=1)
PHOTO = "kind: photo\ncredit: Nguyễn Văn A\nlicence: CC BY 4.0\n"


def add(project: Path, name: str, data: bytes, sidecar: str | None = PHOTO) -> Path:
    path = project / "assets/images" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    if sidecar is not None:
        path.with_name(name + ".yml").write_text(sidecar, encoding="utf-8")
    return path


def outputs(project: Path) -> dict[str, bytes]:
    folder = project / ".cache/images" / OUTPUTS / "assets/images"
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def decoded(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def close(actual: tuple, expected: tuple, tolerance: int) -> bool:
    return all(abs(a - e) <= tolerance for a, e in zip(actual, expected, strict=False))


def lines(report: Report) -> list[str]:
    return [problem.english() for problem in report.problems]


# ---- correct pixels, no metadata -------------------------------------------------------------


@pytest.fixture(scope="module")
def phone_photo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Report]:
    """A phone photo stored sideways (EXIF orientation 6) with GPS and a serial number."""
    project = tmp_path_factory.mktemp("phone")
    stored = quadrants((600, 400), [RED, GREEN, BLUE, WHITE])
    add(project, "phone.jpg", encoded(stored, "JPEG", quality=95, exif=exif_with_gps(6)))
    return project, run(project, SETTINGS)


def test_source_really_carries_orientation_gps_and_serial(phone_photo):
    project, _report = phone_photo
    source = Image.open(project / "assets/images/phone.jpg")
    exif = source.getexif()
    assert exif[0x0112] == 6 and exif.get_ifd(0x8825)[1] == "N"
    assert SERIAL.encode() in (project / "assets/images/phone.jpg").read_bytes()


def test_orientation_is_applied_to_every_output(phone_photo):
    project, report = phone_photo
    assert report.problems == []
    image = report.images["assets/images/phone.jpg"]
    assert (image.width, image.height) == (400, 600)  # upright: portrait
    assert [(v.format, v.width, v.height) for v in image.variants] == [
        ("avif", 200, 300),
        ("webp", 200, 300),
        ("jpeg", 200, 300),
        ("avif", 400, 600),
        ("webp", 400, 600),
        ("jpeg", 400, 600),
    ]
    for name, data in outputs(project).items():
        picture = decoded(data).convert("RGB")
        width, height = picture.size
        assert height > width, name
        # Turned 90° clockwise: stored top-left (red) is now top-right, bottom-left (blue)
        # is now top-left.
        assert close(picture.getpixel((width * 3 // 4, height // 8)), RED, 24), name
        assert close(picture.getpixel((width // 4, height // 8)), BLUE, 24), name
        assert close(picture.getpixel((width // 4, height * 7 // 8)), WHITE, 24), name


def test_no_metadata_survives_in_any_output(phone_photo):
    project, _report = phone_photo
    for name, data in outputs(project).items():
        picture = decoded(data)
        assert not picture.getexif(), name
        assert not {"exif", "xmp", "icc_profile", "comment"} & set(picture.info), name
        for marker in (b"Exif", SERIAL.encode(), b"TestCam", b"xmpmeta"):
            assert marker not in data, f"{name} holds {marker!r}"


def test_cmyk_with_a_profile_is_converted_through_the_profile(tmp_path: Path):
    cmyk = Image.new("CMYK", (300, 200), (255, 0, 0, 0))  # left: cyan ink
    cmyk.paste((0, 255, 0, 0), (150, 0, 300, 200))  # right: magenta ink
    add(tmp_path, "print.jpg", encoded(cmyk, "JPEG", quality=100, icc_profile=cmyk_profile()))
    report = run(tmp_path, SETTINGS)
    assert report.problems == []
    for name, data in outputs(tmp_path).items():
        picture = decoded(data)
        assert picture.mode == "RGB", name
        width, height = picture.size
        # The profile's inks, not the naive conversion's (0, 255, 255) and (255, 0, 255).
        assert close(picture.getpixel((width // 4, height // 2)), INKS["C"], 14), name
        assert close(picture.getpixel((width * 3 // 4, height // 2)), INKS["M"], 14), name


def test_sixteen_bit_grey_is_scaled_not_clipped(tmp_path: Path):
    deep = Image.new("I;16", (300, 200), 40000)  # 16-bit grey, 61% of full scale
    add(tmp_path, "deep.png", encoded(deep, "PNG"))
    assert Image.open(tmp_path / "assets/images/deep.png").mode.startswith("I;16")
    report = run(tmp_path, SETTINGS)
    assert report.problems == []
    for name, data in outputs(tmp_path).items():
        grey = decoded(data).convert("L").getpixel((150, 100))
        assert abs(grey - 40000 / 257) <= 3, (name, grey)  # Pillow alone gives 255


def test_palette_and_grayscale_images_become_usable_outputs(tmp_path: Path):
    four = quadrants((300, 200), [RED, GREEN, BLUE, WHITE])
    add(tmp_path, "palette.gif", encoded(four.quantize(8), "GIF"))
    add(tmp_path, "grey.png", encoded(Image.new("L", (300, 200), 90), "PNG"))
    report = run(tmp_path, SETTINGS)
    assert report.problems == []
    files = outputs(tmp_path)
    palette = decoded(files[_name(report, "palette.gif", "jpeg", 300)])
    assert close(palette.getpixel((10, 10)), RED, 20)
    grey = decoded(files[_name(report, "grey.png", "webp", 300)]).convert("L")
    assert abs(grey.getpixel((5, 5)) - 90) <= 4


def test_transparency_is_kept_with_a_png_fallback(tmp_path: Path):
    logo = Image.new("RGBA", (300, 200), (0, 0, 0, 0))
    logo.paste((20, 120, 200, 255), (0, 0, 150, 200))
    add(tmp_path, "logo.png", encoded(logo, "PNG"), "kind: illustration\n")
    opaque = Image.new("RGBA", (300, 200), (20, 120, 200, 255))  # alpha that hides nothing
    add(tmp_path, "opaque.png", encoded(opaque, "PNG"), "kind: illustration\n")
    report = run(tmp_path, SETTINGS)
    assert report.images["assets/images/logo.png"].formats == ["avif", "webp", "png"]
    assert report.images["assets/images/opaque.png"].formats == ["avif", "webp", "jpeg"]
    for variant in report.images["assets/images/logo.png"].variants:
        picture = decoded(outputs(tmp_path)[variant.name]).convert("RGBA")
        assert picture.getpixel((variant.width - 5, 5))[3] == 0, variant.name
        assert close(picture.getpixel((5, 5)), (20, 120, 200, 255), 8), variant.name


def test_an_animated_gif_stays_animated(tmp_path: Path):
    frames = [Image.new("RGB", (300, 200), colour) for colour in (RED, GREEN, BLUE)]
    add(
        tmp_path,
        "spin.gif",
        encoded(frames[0], "GIF", save_all=True, append_images=frames[1:], duration=120, loop=0),
    )
    report = run(tmp_path, SETTINGS)
    image = report.images["assets/images/spin.gif"]
    assert image.kind == "animated" and image.formats == ["webp"]
    for variant in image.variants:
        animation = Image.open(io.BytesIO(outputs(tmp_path)[variant.name]))
        assert animation.n_frames == 3, variant.name
        colours = []
        for index in range(3):
            animation.seek(index)
            animation.load()
            assert animation.info["duration"] == 120
            colours.append(animation.convert("RGB").getpixel((10, 10)))
        assert all(close(c, e, 20) for c, e in zip(colours, (RED, GREEN, BLUE), strict=True))


@pytest.mark.parametrize(
    ("original", "expected"),
    [
        (3000, [480, 800, 1200, 1600, 2400]),  # never larger than the largest width
        (1000, [480, 800, 1000]),  # the original itself above the widths that fit
        (800, [480, 800]),
        (300, [300]),  # smaller than every width: only itself
    ],
)
def test_widths_never_exceed_the_original(original: int, expected: list[int]):
    assert widths_for(original, (480, 800, 1200, 1600, 2400)) == expected


# ---- bad input --------------------------------------------------------------------------------

BAD_INPUT = [
    (
        "empty.jpg",
        b"",
        "assets/images/empty.jpg: the file is empty (0 bytes). Fix: copy the image again from "
        "its original: the copy or upload did not finish.",
    ),
    (
        "notes.jpg",
        b"These are the captions for the festival photos.\n",
        "assets/images/notes.jpg: is not an image that can be read (it may be another kind of "
        "file with an image's name). Fix: export it again as JPEG (photos) or PNG (drawings, "
        "transparency).",
    ),
    (
        "iphone.heic",
        b"\x00\x00\x00\x18ftypheic",
        "assets/images/iphone.heic: HEIC (iPhone) images are not supported. Fix: export it as "
        "JPEG (photos) or PNG (drawings, transparency); SVG for drawings made in a vector "
        "program.",
    ),
    (
        "hack.svg",
        b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
        b"<script>alert(document.cookie)</script></svg>",
        "assets/images/hack.svg: the SVG contains a <script> element, which could run code on "
        "the site. Fix: export it again as 'plain SVG' (or 'optimised SVG') from your drawing "
        "program.",
    ),
]


@pytest.fixture(scope="module")
def bad_project(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str], Report]:
    project = tmp_path_factory.mktemp("bad")
    add(project, "good.png", encoded(quadrants((300, 200), [RED, GREEN, BLUE, WHITE]), "PNG"))
    for name, data, _line in BAD_INPUT:
        add(project, name, data)
    whole = encoded(quadrants((300, 200), [RED, GREEN, BLUE, WHITE]), "JPEG", quality=90)
    add(project, "cut.jpg", whole[: len(whole) // 2])
    png_bomb(project / "assets/images/bomb.png")
    (project / "assets/images/bomb.png.yml").write_text(PHOTO, encoding="utf-8")
    before = {
        path.name: hashlib.sha256(path.read_bytes()).hexdigest()
        for path in (project / "assets/images").iterdir()
    }
    return project, before, run(project, Settings(**{**SETTINGS.__dict__, "workers": 2}))


# Made by the fixture: the first half of a JPEG, and a PNG header announcing 10^10 pixels.
GENERATED = [
    (
        "cut.jpg",
        "assets/images/cut.jpg: the image is incomplete: the file ends before the picture "
        "does. Fix: copy the image again from its original, or open and save it again in an "
        "image editor.",
    ),
    (
        "bomb.png",
        "assets/images/bomb.png: the image has 10,000,000,000 pixels (100000 × 100000), more "
        "than the limit of 5,000,000: it could exhaust the memory of the build. Fix: reduce it "
        "to at most 800 pixels wide (the largest size the site uses), or raise 'max_pixels' of "
        "travinh-images in mkdocs.yml if it is genuine.",
    ),
]


@pytest.mark.parametrize(
    ("name", "line"), [(name, line) for name, _data, line in BAD_INPUT] + GENERATED
)
def test_bad_input_gets_one_clear_line(bad_project, name: str, line: str):
    _project, _before, report = bad_project
    assert [text for text in lines(report) if text.startswith(f"assets/images/{name}:")] == [line]


def test_bad_input_loses_no_other_image_and_modifies_no_original(bad_project):
    project, before, report = bad_project
    assert list(report.images) == ["assets/images/good.png"]
    assert len(outputs(project)) == 6
    after = {
        path.name: hashlib.sha256(path.read_bytes()).hexdigest()
        for path in (project / "assets/images").iterdir()
    }
    assert after == before


# ---- metadata sidecars -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sidecar", "expected"),
    [
        (
            None,
            "assets/images/x.png: has no metadata file (who made it, under which licence). Fix: "
            "create assets/images/x.png.yml with the lines 'kind: photo' (or 'kind: "
            "illustration'), 'credit: …' and 'licence: …' (see the README, 'Images').",
        ),
        (
            "kind: photo\ncredit: A\n",
            "assets/images/x.png.yml: a photo needs a 'licence' (for example 'CC BY 4.0', or "
            "'used with permission'). Fix: add a line 'licence: …'.",
        ),
        (
            "kind: photo\ncredit: A\nlicense: CC BY 4.0\n",
            "assets/images/x.png.yml:3: unknown field 'license'. Fix: did you mean 'licence'? "
            "The fields are kind, credit, licence, source.",
        ),
        (
            "kind: foto\n",
            "assets/images/x.png.yml:1: 'kind' must be 'photo' or 'illustration' (found 'foto'). "
            "Fix: write 'kind: photo' for a photograph, 'kind: illustration' for a drawing, map "
            "or diagram.",
        ),
        (
            "kind: illustration\ncredit: A: B\n",
            "assets/images/x.png.yml:2: is not valid YAML, column 10: mapping values are not "
            'allowed here. Fix: put the value in double quotes, for example title: "Trà Vinh: the '
            'Khmer pagodas".',
        ),
    ],
)
def test_metadata_problems_name_the_file_and_line(tmp_path: Path, sidecar, expected):
    add(tmp_path, "x.png", encoded(Image.new("RGB", (50, 50)), "PNG"), sidecar)
    report = run(tmp_path, SETTINGS)
    assert expected in lines(report)
    assert report.images == {}


def test_an_orphan_sidecar_is_reported(tmp_path: Path):
    (tmp_path / "assets/images").mkdir(parents=True)
    (tmp_path / "assets/images/gone.jpg.yml").write_text(PHOTO, encoding="utf-8")
    assert lines(run(tmp_path, SETTINGS)) == [
        "assets/images/gone.jpg.yml: is metadata for 'gone.jpg', which is not in the folder. "
        "Fix: rename it after its image (the image's whole file name plus .yml), or delete it "
        "with the image."
    ]


def test_metadata_is_read_with_its_source(tmp_path: Path):
    path = tmp_path / "x.jpg.yml"
    path.write_text(PHOTO + "source: https://example.org/a\n", encoding="utf-8")
    meta = metadata.read(path, "x.jpg.yml")
    assert (meta.kind, meta.credit, meta.licence, meta.source_url) == (
        "photo",
        "Nguyễn Văn A",
        "CC BY 4.0",
        "https://example.org/a",
    )
    path.write_text(PHOTO + "source: javascript:alert(1)\n", encoding="utf-8")
    with pytest.raises(SiteError, match="'source' must be a web address"):
        metadata.read(path, "x.jpg.yml")


# ---- cache ------------------------------------------------------------------------------------


def test_cache_encodes_only_what_changed_and_removes_what_is_gone(tmp_path: Path):
    for index, colour in enumerate((RED, GREEN, BLUE)):
        add(tmp_path, f"p{index}.png", encoded(Image.new("RGB", (300, 200), colour), "PNG"))
    first = run(tmp_path, SETTINGS)
    assert (first.encoded, first.cached) == (3, 0)
    stamps = {name: path.stat().st_mtime_ns for name, path in _output_paths(tmp_path).items()}

    second = run(tmp_path, SETTINGS)
    assert second.summary().startswith("Images: 0 encoded, 3 cached")
    assert {n: p.stat().st_mtime_ns for n, p in _output_paths(tmp_path).items()} == stamps

    add(tmp_path, "p1.png", encoded(Image.new("RGB", (300, 200), WHITE), "PNG"))
    (tmp_path / "assets/images/p2.png").unlink()
    (tmp_path / "assets/images/p2.png.yml").unlink()
    third = run(tmp_path, SETTINGS)
    assert (third.encoded, third.cached, third.removed) == (1, 1, 12)  # p1 old (6) + p2 (6)
    names = set(_output_paths(tmp_path))
    assert all(name.startswith(("p0-", "p1-")) for name in names) and len(names) == 12
    assert {n: stamps[n] for n in names if n.startswith("p0-")} == {
        n: p.stat().st_mtime_ns for n, p in _output_paths(tmp_path).items() if n.startswith("p0-")
    }

    changed = run(
        tmp_path,
        Settings(**{**SETTINGS.__dict__, "encoding": Encoding(widths=(200, 800), avif_quality=40)}),
    )
    assert changed.encoded == 2  # new settings, new keys: everything again


def _run_at_once(project: Path, barrier: Any, results: Any) -> None:
    barrier.wait()  # all start together, as the parallel build's processes do
    report = run(project, SETTINGS)  # an error ends the process with a non-zero exit code
    results.put((report.encoded, report.cached, lines(report)))


def test_several_processes_encoding_at_once_share_one_cache(tmp_path: Path):
    # Each process of the parallel build runs the pipeline as it starts; `make site` encodes
    # first, but a build started otherwise finds every image new in all of them at once.
    for index, colour in enumerate((RED, GREEN, BLUE, WHITE)):
        add(tmp_path, f"p{index}.png", encoded(Image.new("RGB", (900, 600), colour), "PNG"))
    context = multiprocessing.get_context("fork")
    barrier, results = context.Barrier(3), context.Queue()
    workers = [
        context.Process(target=_run_at_once, args=(tmp_path, barrier, results)) for _ in range(3)
    ]
    for worker in workers:
        worker.start()
    reports = [results.get(timeout=120) for _ in workers]
    for worker in workers:
        worker.join(timeout=60)
    assert [worker.exitcode for worker in workers] == [0, 0, 0]
    assert all(problems == [] for _encoded, _cached, problems in reports)
    assert sum(encoded for encoded, _cached, _problems in reports) == 4  # each image once
    after = run(tmp_path, SETTINGS)
    assert (after.encoded, after.cached, after.removed) == (0, 4, 0)
    assert len(_output_paths(tmp_path)) == 4 * 6
    assert not [path for path in tmp_path.rglob("*.partial")]


def test_an_unreadable_source_is_one_line_and_keeps_its_last_outputs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    add(tmp_path, "a.png", encoded(Image.new("RGB", (300, 200), RED), "PNG"))
    add(tmp_path, "b.png", encoded(Image.new("RGB", (300, 200), BLUE), "PNG"))
    run(tmp_path, SETTINGS)
    before = set(_output_paths(tmp_path))
    add(tmp_path, "a.png", encoded(Image.new("RGB", (300, 200), WHITE), "PNG"))  # changed...
    opened = Path.open

    def refuse(path: Path, *args, **kwargs):  # ...and unreadable (root reads any mode: patched)
        if path.name == "a.png":
            raise PermissionError(13, "Permission denied", str(path))
        return opened(path, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refuse)
    report = run(tmp_path, SETTINGS)
    assert lines(report) == [
        "assets/images/a.png: cannot be read (Permission denied). Fix: check the file's "
        "permissions."
    ]
    assert (report.encoded, report.cached, report.removed) == (0, 1, 0)
    assert set(_output_paths(tmp_path)) == before  # a.png's last outputs are kept


def test_check_writes_nothing(tmp_path: Path):
    add(tmp_path, "p.png", encoded(Image.new("RGB", (300, 200), RED), "PNG"))
    report = run(tmp_path, SETTINGS, check=True)
    assert report.encoded == 1 and not (tmp_path / ".cache").exists()


def test_budgets_are_checked_per_width(tmp_path: Path):
    noise = Image.effect_noise((300, 200), 80).convert("RGB")
    add(tmp_path, "noise.png", encoded(noise, "PNG"))
    report = run(
        tmp_path, Settings(**{**SETTINGS.__dict__, "budgets": {200: 1000, 800: 10**7}}), check=True
    )
    found = lines(report)
    assert len(found) == 2  # AVIF and WebP at 200 px; 300 px falls under the 800 budget
    assert found[0].startswith("assets/images/noise.png: the 200 px AVIF is ")
    assert found[0].endswith(
        "kB, over the budget of 1.0 kB for that width. Fix: crop the picture to what matters or "
        "simplify it, or raise 'budgets' of travinh-images in mkdocs.yml."
    )


def _output_paths(project: Path) -> dict[str, Path]:
    folder = project / ".cache/images" / OUTPUTS / "assets/images"
    return {path.name: path for path in folder.iterdir()}


def _name(report: Report, source: str, kind: str, width: int) -> str:
    image = report.images[f"assets/images/{source}"]
    return next(v.name for v in image.variants if v.format == kind and v.width == width)


# ---- SVG safety ---------------------------------------------------------------------------------

SVG_OPEN = (
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
    'viewBox="0 0 40 30">'
)


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ('<rect onload="alert(1)"/>', 'the SVG has an event handler (onload="…" on <rect>)'),
        ('<image href="https://tracker.example/x.png"/>', "refers to something outside itself"),
        ('<use xlink:href="other.svg#a"/>', "refers to something outside itself"),
        ('<a href="javascript:alert(1)"><rect/></a>', "refers to something outside itself"),
        ("<style>@import url(https://x.example/a.css);</style>", "imports an external style"),
        ('<rect style="fill: url(https://x.example/p.svg#g)"/>', "refers to something outside"),
        ("<foreignObject><div/></foreignObject>", "contains a <foreignObject> element"),
        ('<set attributeName="href" to="javascript:alert(1)"/>', "changes a link with <set>"),
    ],
)
def test_unsafe_svgs_are_refused(body: str, problem: str):
    with pytest.raises(svg.UnsafeSvg, match=problem.replace("(", r"\(").replace(")", r"\)")):
        svg.check(f"{SVG_OPEN}{body}</svg>".encode(), "x.svg")


def test_entities_are_refused():
    data = b'<!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>'
    with pytest.raises(svg.UnsafeSvg, match="declares XML entities"):
        svg.check(data, "x.svg")


def test_safe_svgs_pass_with_their_size():
    body = (
        '<defs><linearGradient id="g"/></defs><rect fill="url(#g)" width="10" height="10"/>'
        '<image href="data:image/png;base64,iVBORw0KGgo="/><use xlink:href="#g"/>'
    )
    assert svg.check(f"{SVG_OPEN}{body}</svg>".encode(), "x.svg") == svg.SvgInfo(40, 30)
    sized = b'<svg xmlns="http://www.w3.org/2000/svg" width="300px" viewBox="0 0 40 30"/>'
    assert svg.check(sized, "x.svg") == svg.SvgInfo(300, 225)
