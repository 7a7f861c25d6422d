"""Test images made on the spot: EXIF with GPS, a CMYK printing profile, a bomb header."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

from PIL import Image, ImageCms

SERIAL = "TV-SERIAL-4242"  # a camera serial number that must not reach any output
# What the made-up printing profile says each ink looks like (sRGB), and black.
INKS = {"C": (0, 160, 220), "M": (236, 0, 140), "Y": (255, 242, 0)}


def exif_with_gps(orientation: int) -> bytes:
    exif = Image.Exif()
    exif[0x0112] = orientation  # Orientation
    exif[0x010F] = "TestCam"  # Make
    exif.get_ifd(0x8769)[0xA431] = SERIAL  # Exif IFD: BodySerialNumber
    gps = exif.get_ifd(0x8825)  # GPS IFD: 9.9347 N, 106.3453 E (the Trà Vinh area)
    gps[1], gps[2] = "N", (9.0, 56.0, 4.92)
    gps[3], gps[4] = "E", (106.0, 20.0, 43.08)
    return exif.tobytes()


def quadrants(size: tuple[int, int], colours: list[tuple[int, int, int]]) -> Image.Image:
    """Four flat quadrants: top-left, top-right, bottom-left, bottom-right."""
    width, height = size
    image = Image.new("RGB", size)
    boxes = [
        (0, 0, width // 2, height // 2),
        (width // 2, 0, width, height // 2),
        (0, height // 2, width // 2, height),
        (width // 2, height // 2, width, height),
    ]
    for box, colour in zip(boxes, colours, strict=True):
        image.paste(colour, box)
    return image


def cmyk_profile() -> bytes:
    """A small ICC v2 CMYK output profile (lut8, PCS Lab) whose inks are :data:`INKS`.

    Unlike Pillow's naive CMYK conversion (cyan ink -> (0, 255, 255)), colour managed
    conversion with this profile must give the inks' own colours.
    """
    to_lab = ImageCms.buildTransform(
        ImageCms.createProfile("sRGB"), ImageCms.createProfile("LAB"), "RGB", "LAB"
    )
    clut = bytearray()
    for c in (0, 1):  # the first input channel varies slowest
        for m in (0, 1):
            for y in (0, 1):
                for k in (0, 1):
                    rgb = [255.0, 255.0, 255.0]
                    for ink, on in zip("CMY", (c, m, y), strict=True):
                        if on:
                            rgb = [a * b / 255 for a, b in zip(rgb, INKS[ink], strict=True)]
                    if k:
                        rgb = [0.0, 0.0, 0.0]
                    pixel = Image.new("RGB", (1, 1), tuple(round(v) for v in rgb))
                    clut += bytes(ImageCms.applyTransform(pixel, to_lab).getpixel((0, 0)))
    ramp = bytes(range(256))
    identity = [65536, 0, 0, 0, 65536, 0, 0, 0, 65536]
    lut = b"mft1" + bytes(4) + bytes([4, 3, 2, 0]) + struct.pack(">9i", *identity)
    lut += ramp * 4 + bytes(clut) + ramp * 3
    description = b"Test CMYK\x00"
    desc = b"desc" + bytes(4) + struct.pack(">I", len(description)) + description
    desc += bytes(4 + 4 + 2 + 1 + 67)
    d50 = struct.pack(">3i", *(round(v * 65536) for v in (0.9642, 1.0, 0.8249)))
    white = b"XYZ " + bytes(4) + d50
    tags = [(b"desc", desc), (b"wtpt", white), (b"A2B0", lut)]
    offset = 128 + 4 + 12 * len(tags)
    table, data = b"", b""
    for signature, body in tags:
        table += signature + struct.pack(">II", offset + len(data), len(body))
        data += body + bytes(-len(body) % 4)
    size = offset + len(data)
    header = struct.pack(">I", size) + b"lcms" + bytes([2, 0x10, 0, 0]) + b"prtrCMYKLab "
    header += bytes(12) + b"acsp" + bytes(24) + struct.pack(">I", 1) + d50 + bytes(48)
    assert len(header) == 128
    return header + struct.pack(">I", len(tags)) + table + data


def png_bomb(path: Path, width: int = 100_000, height: int = 100_000) -> None:
    """A valid PNG header announcing ``width`` x ``height`` pixels, and (almost) no data."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 64)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")
    )


def encoded(image: Image.Image, kind: str, **options: object) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, kind, **options)
    return buffer.getvalue()
