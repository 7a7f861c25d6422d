"""One raster source -> its variants. Runs in worker processes, so it returns its problems
instead of raising them (an exception carrying a Problem does not cross processes intact).

The pixels are made right once, before any resize:

- EXIF orientation applied (phones store photos sideways and set a flag);
- colours converted to sRGB through the embedded ICC profile (Pillow would otherwise drop
  the profile on saving, and a Display P3 or Adobe RGB photo would look dull or shifted);
- CMYK, 16-bit, grayscale, palette and transparent images brought to L, RGB or RGBA;
- the result is a fresh image with no metadata at all, so no EXIF, GPS, XMP, ICC or comment
  can reach an output.

Animated GIF and WebP stay animated: every frame is kept, as animated WebP.
"""

from __future__ import annotations

import contextlib
import io
import os
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from PIL import Image, ImageCms, ImageOps, ImageSequence, UnidentifiedImageError

from travinh_site.errors import Problem
from travinh_site.images.settings import Encoding

# Extensions the pipeline reads, and the formats Pillow may find behind them.
RASTER_EXTENSIONS = (".jpg", ".jpeg", ".png", ".webp", ".gif", ".avif", ".tif", ".tiff", ".bmp")
READABLE_FORMATS = ("JPEG", "PNG", "WEBP", "GIF", "AVIF", "TIFF", "BMP")
# Image formats people may drop in the folder that the pipeline does not read.
UNSUPPORTED_EXTENSIONS = {
    ".heic": "HEIC (iPhone)",
    ".heif": "HEIF",
    ".jxl": "JPEG XL",
    ".jp2": "JPEG 2000",
    ".psd": "Photoshop",
    ".xcf": "GIMP",
    ".ico": "icon",
    ".raw": "camera raw",
    ".dng": "camera raw (DNG)",
    ".cr2": "camera raw (Canon)",
    ".cr3": "camera raw (Canon)",
    ".nef": "camera raw (Nikon)",
    ".arw": "camera raw (Sony)",
    ".eps": "EPS",
    ".pdf": "PDF",
}
ANIMATED_FORMATS = ("GIF", "WEBP", "PNG", "AVIF")
MIME = {"avif": "image/avif", "webp": "image/webp", "jpeg": "image/jpeg", "png": "image/png"}
EXTENSION = {"avif": "avif", "webp": "webp", "jpeg": "jpg", "png": "png"}
SRGB = ImageCms.createProfile("sRGB")
RESAMPLE = Image.Resampling.LANCZOS
RESAMPLE_GAP = 3.0  # reduce() by whole factors first, then Lanczos: faster, same look


@dataclass(frozen=True)
class Job:
    path: str  # absolute path of the source
    shown_as: str  # "assets/images/x.jpg"
    stem: str  # "x"
    key: str  # content hash + settings; the first 8 characters go into the file names
    out_dir: str  # absolute folder the variants are written to
    encoding: Encoding
    max_pixels: int
    write: bool = True  # False: encode in memory only (to measure sizes, --check)


@dataclass(frozen=True)
class Variant:
    format: str  # "avif", "webp", "jpeg", "png" or "svg"
    width: int
    height: int
    name: str  # file name, in the source's folder of the output tree
    size: int  # bytes

    @property
    def mime(self) -> str:
        return MIME.get(self.format, "image/svg+xml")


@dataclass(frozen=True)
class Outcome:
    shown_as: str
    width: int = 0  # as displayed (after orientation)
    height: int = 0
    animated: bool = False
    variants: tuple[Variant, ...] = ()
    problem: Problem | None = None


def process(job: Job) -> Outcome:
    """Decode, correct and encode one source; never raises for bad input."""
    try:
        data = Path(job.path).read_bytes()
    except OSError as error:
        return Outcome(job.shown_as, problem=unreadable(job.shown_as, error))
    if not data:
        return _failed(
            job,
            "the file is empty (0 bytes).",
            "copy the image again from its original: the copy or upload did not finish.",
            "tệp trống (0 byte).",
            "chép lại ảnh từ bản gốc: lần chép hay tải lên trước chưa xong.",
        )
    try:
        with _pixel_limit_off():
            image = Image.open(io.BytesIO(data), formats=READABLE_FORMATS)
    except UnidentifiedImageError:
        return _failed(
            job,
            "is not an image that can be read (it may be another kind of file with an "
            "image's name).",
            "export it again as JPEG (photos) or PNG (drawings, transparency).",
            "không phải là ảnh đọc được (có thể là một loại tệp khác mang tên của ảnh).",
            "xuất lại ảnh dạng JPEG (ảnh chụp) hoặc PNG (hình vẽ, nền trong suốt).",
        )
    except Exception as error:  # Pillow raises many types for a damaged header
        return _damaged(job, error)
    # Only these formats animate; a second picture in an MPO (camera depth map) or a TIFF
    # page is not a frame of an animation.
    frames = getattr(image, "n_frames", 1) if image.format in ANIMATED_FORMATS else 1
    pixels = image.width * image.height * frames
    if pixels > job.max_pixels:
        size = f"{image.width} × {image.height}" + (f" × {frames} frames" if frames > 1 else "")
        return _failed(
            job,
            f"the image has {pixels:,} pixels ({size}), more than the limit of "
            f"{job.max_pixels:,}: it could exhaust the memory of the build.",
            f"reduce it to at most {max(job.encoding.widths)} pixels wide (the largest size the "
            "site uses), or raise 'max_pixels' of travinh-images in mkdocs.yml if it is genuine.",
            f"ảnh có {pixels:,} điểm ảnh ({size}), vượt giới hạn {job.max_pixels:,}: nó có thể "
            "làm cạn bộ nhớ khi tạo trang web.",
            f"thu nhỏ ảnh còn tối đa {max(job.encoding.widths)} điểm ảnh chiều ngang (cỡ lớn "
            "nhất trang web dùng), hoặc tăng 'max_pixels' của travinh-images trong mkdocs.yml "
            "nếu ảnh thật sự cần lớn như vậy.",
        )
    try:
        if frames > 1:
            return _animated(job, image, frames)
        image.load()
        still = normalise(image)
    except Exception as error:
        return _damaged(job, error)
    return _still(job, still)


# ---- decoding -------------------------------------------------------------------------------


@contextlib.contextmanager
def _pixel_limit_off() -> Iterator[None]:
    """Pillow's own bomb check warns or fails at its fixed limit; ours (max_pixels) is
    applied right after the header is read, before any pixel is decoded."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        saved = Image.MAX_IMAGE_PIXELS
        Image.MAX_IMAGE_PIXELS = None
        try:
            yield
        finally:
            Image.MAX_IMAGE_PIXELS = saved


def normalise(image: Image.Image) -> Image.Image:
    """Upright, sRGB, 8-bit L/RGB/RGBA pixels, and nothing else (no metadata)."""
    profile = image.info.get("icc_profile")
    image = ImageOps.exif_transpose(image) or image
    image = _eight_bit(image)
    if profile:
        image = _to_srgb(image, profile)
    if image.mode == "CMYK":  # no (usable) profile: the usual naive conversion
        image = image.convert("RGB")
    if image.mode == "RGBA" and image.getchannel("A").getextrema()[0] == 255:
        image = image.convert("RGB")  # an alpha channel that hides nothing
    # A fresh image: the pixels only, no info, no EXIF, no profile.
    return Image.frombytes(image.mode, image.size, image.tobytes())


def _eight_bit(image: Image.Image) -> Image.Image:
    mode = image.mode
    if mode in ("L", "RGB", "RGBA", "CMYK"):
        return image
    if mode in ("I;16", "I;16L", "I;16B", "I;16N", "I"):
        # Pillow's convert("L") clips 16-bit values at 255 instead of scaling them.
        peak: float = 65535 if mode.startswith("I;16") or _highest(image) > 255 else 255
        return image.convert("I").point(lambda value: value * (255 / peak)).convert("L")
    if mode == "F":
        peak = 1.0 if _highest(image) <= 1.0 else 255.0
        return image.point(lambda value: value * (255 / peak)).convert("L")
    if mode == "1":
        return image.convert("L")
    if mode in ("P", "PA", "LA", "La", "RGBa") or image.has_transparency_data:
        return image.convert("RGBA")
    return image.convert("RGB")  # YCbCr, LAB, HSV


def _highest(image: Image.Image) -> float:
    """The highest value of a one-band image ("I", "F"), whose extrema are (low, high)."""
    return cast(tuple[float, float], image.getextrema())[1]


def _to_srgb(image: Image.Image, icc: bytes) -> Image.Image:
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
    except (ImageCms.PyCMSError, OSError, TypeError):
        return image  # an unreadable profile: the pixels are taken as sRGB
    output = {"L": "RGB", "CMYK": "RGB"}.get(image.mode, image.mode)
    try:
        converted = ImageCms.profileToProfile(
            image,
            source,
            SRGB,
            renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC,
            outputMode=output,
            flags=ImageCms.Flags.BLACKPOINTCOMPENSATION,
        )
    except ImageCms.PyCMSError:  # a profile for another colour space than the pixels
        return image
    assert converted is not None
    if image.mode == "RGBA":  # keep the alpha channel exactly
        converted.putalpha(image.getchannel("A"))
    return converted


# ---- sizes ----------------------------------------------------------------------------------


def widths_for(original: int, widths: tuple[int, ...]) -> list[int]:
    """The configured widths that fit, never larger than the original; the original width
    too when it lies above them but below the largest configured width."""
    fitting = sorted({width for width in widths if width <= original})
    if original < max(widths) and (not fitting or fitting[-1] < original):
        fitting.append(original)
    return fitting


def _height_for(width: int, original: tuple[int, int]) -> int:
    return max(1, round(original[1] * width / original[0]))


def resized(image: Image.Image, width: int) -> Image.Image:
    """``image`` at ``width`` pixels wide, its aspect ratio kept (itself at its own width)."""
    if width == image.width:
        return image
    return image.resize(
        (width, _height_for(width, image.size)), RESAMPLE, reducing_gap=RESAMPLE_GAP
    )


# ---- encoding -------------------------------------------------------------------------------


def _still(job: Job, image: Image.Image) -> Outcome:
    encoding = job.encoding
    transparent = image.mode == "RGBA"
    fallback = "png" if transparent else "jpeg"
    variants = []
    for width in widths_for(image.width, encoding.widths):
        variant = resized(image, width)
        for kind in ("avif", "webp", fallback):
            data = encode_as(variant, kind, encoding)
            variants.append(_store(job, kind, width, variant.height, data))
    return Outcome(job.shown_as, image.width, image.height, False, tuple(variants))


def encode_as(image: Image.Image, kind: str, encoding: Encoding) -> bytes:
    buffer = io.BytesIO()
    if kind == "avif":
        image.save(
            buffer,
            "AVIF",
            quality=encoding.avif_quality,
            speed=encoding.avif_speed,
            # Full-resolution colour: sharp's default too; 4:2:0 smears red and blue edges.
            subsampling="4:0:0" if image.mode == "L" else "4:4:4",
            max_threads=1,  # one process per core already
        )
    elif kind == "webp":
        image.save(buffer, "WEBP", quality=encoding.webp_quality, method=encoding.webp_method)
    elif kind == "jpeg":
        image.save(buffer, "JPEG", quality=encoding.jpeg_quality, optimize=True, progressive=True)
    else:
        image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def _animated(job: Job, image: Image.Image, frames: int) -> Outcome:
    """Every frame, with its duration, as animated WebP at each width."""
    durations: list[int] = []
    still_frames: list[Image.Image] = []
    for frame in ImageSequence.Iterator(image):
        durations.append(int(frame.info.get("duration", 100)) or 100)
        rgba = frame.convert("RGBA")
        still_frames.append(Image.frombytes("RGBA", rgba.size, rgba.tobytes()))
    loop = int(image.info.get("loop", 0))
    encoding = job.encoding
    variants = []
    for width in widths_for(image.width, encoding.widths):
        scaled = [resized(frame, width) for frame in still_frames]  # all of the image's size
        buffer = io.BytesIO()
        scaled[0].save(
            buffer,
            "WEBP",
            save_all=True,
            append_images=scaled[1:],
            duration=durations,
            loop=loop,
            quality=encoding.webp_quality,
            method=encoding.webp_method,
        )
        variants.append(_store(job, "webp", width, scaled[0].height, buffer.getvalue()))
    return Outcome(job.shown_as, image.width, image.height, True, tuple(variants))


def variant_name(stem: str, width: int, key: str, kind: str) -> str:
    """``ao-ba-om-800.1a2b3c4d.avif``: the content key in the name lets hosts cache the file
    for ever (a changed image gets a new name)."""
    return f"{stem}-{width}.{key[:8]}.{EXTENSION[kind]}"


def write_atomically(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` through a temporary file beside it: never a half-written
    file under the real name (a later run trusts every output it finds)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
    partial.write_bytes(data)
    partial.replace(target)


def _store(job: Job, kind: str, width: int, height: int, data: bytes) -> Variant:
    name = variant_name(job.stem, width, job.key, kind)
    if job.write:
        write_atomically(Path(job.out_dir, name), data)
    return Variant(kind, width, height, name, len(data))


# ---- problems -------------------------------------------------------------------------------


def unreadable(shown_as: str, error: OSError) -> Problem:
    return Problem(
        shown_as,
        f"cannot be read ({error.strerror}).",
        "check the file's permissions.",
        problem_vi=f"không đọc được tệp ({error.strerror}).",
        fix_vi="kiểm tra quyền truy cập tệp.",
    )


def _failed(job: Job, problem: str, fix: str, problem_vi: str, fix_vi: str) -> Outcome:
    return Outcome(
        job.shown_as,
        problem=Problem(job.shown_as, problem, fix, problem_vi=problem_vi, fix_vi=fix_vi),
    )


def _damaged(job: Job, error: Exception) -> Outcome:
    reason = str(error).split("\n")[0].rstrip(".") or type(error).__name__
    if isinstance(error, EOFError) or "truncated" in reason:
        problem = "the image is incomplete: the file ends before the picture does."
        problem_vi = "ảnh bị thiếu: tệp kết thúc trước khi hết hình."
    else:
        problem = f"the image is damaged ({reason})."
        problem_vi = f"ảnh bị hỏng ({reason})."
    return _failed(
        job,
        problem,
        "copy the image again from its original, or open and save it again in an image editor.",
        problem_vi,
        "chép lại ảnh từ bản gốc, hoặc mở và lưu lại ảnh bằng một trình sửa ảnh.",
    )
