"""Reading text back from images with Tesseract, and comparing it with what was meant.

Tesseract 5 with Debian's tessdata_fast models (``tesseract-ocr-khm``, ``-vie``, ``-eng``;
``make test`` installs them). What works, measured on the site's titles (research notes in the
publications commit): the text's box cropped, grey and inverted to dark on light, page
segmentation mode 6, one language per script (``khm`` reads Latin words as Khmer digits,
``khm+vie`` reads short Khmer words as Latin), one thread (OpenMP on shared cores is slower).

The comparison forgives what OCR cannot see and what does not matter: Unicode form, invisible
characters, the ellipsis, the order of a subscript ro (``ស្រ្តី`` and ``ស្ត្រី`` look the same), the
subscript da/ta pair (a 7-pixel tick), spaces next to Khmer (OCR adds them between clusters, a
wrapped line loses them). Each Khmer and each Latin run of the expected text is found in the
reading of its own script (edit distance to the best-matching substring); the errors are summed.
A text is read when errors ≤ max(2, ⌈10 % of its characters⌉) for Khmer and
≤ max(1, ⌈3 %⌉) for Latin: tessdata_fast confuses ុ/ូ and ័/៍ in correct Khmer, so Khmer
cannot be required back exactly.
"""

from __future__ import annotations

import math
import os
import re
import shutil
import subprocess
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image, ImageOps

INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
SUBSCRIPTS = re.compile("(?:\u17d2[\u1780-\u17b3])+")
# Tesseract's language for the Latin runs of a text in each language.
LATIN_MODEL = {"vi": "vie", "en": "eng", "km": "vie"}  # Khmer titles hold Vietnamese names


def tesseract() -> str:
    path = shutil.which("tesseract")
    if path is None:
        pytest.fail("tesseract is not installed: run `make test` (it installs tesseract-ocr)")
    return path


def read(image: Image.Image, model: str, *, psm: int = 6) -> str:
    """The text Tesseract reads in ``image`` with ``model`` (khm, vie, eng)."""
    grey = ImageOps.invert(image.convert("L")) if _is_dark(image) else image.convert("L")
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    result = subprocess.run(
        [tesseract(), "stdin", "stdout", "-l", model, "--psm", str(psm)],
        input=_png(grey),
        capture_output=True,
        env=env,
        check=False,
    )
    if result.returncode != 0:
        pytest.fail(f"tesseract failed: {result.stderr.decode(errors='replace')}")
    return result.stdout.decode("utf-8")


def _png(image: Image.Image) -> bytes:
    import io

    output = io.BytesIO()
    image.save(output, "PNG")
    return output.getvalue()


def _is_dark(image: Image.Image) -> bool:
    grey = image.convert("L")
    histogram = grey.histogram()
    mean = sum(value * count for value, count in enumerate(histogram)) / max(1, sum(histogram))
    return mean < 128


def is_khmer(character: str) -> bool:
    return "\u1780" <= character <= "\u17ff" or "\u19e0" <= character <= "\u19ff"


def _ro_last(match: re.Match[str]) -> str:
    pairs = [match.group(0)[i : i + 2] for i in range(0, len(match.group(0)), 2)]
    ro = "\u17d2\u179a"
    return "".join([p for p in pairs if p != ro] + [p for p in pairs if p == ro])


def normalise(text: str) -> str:
    """NFC; no invisible characters or ellipsis; coeng ro last; subscript da as ta; no
    whitespace next to Khmer, one space between Latin words."""
    text = unicodedata.normalize("NFC", text).translate(INVISIBLE)
    text = text.replace("\u2026", " ").replace("...", " ")
    text = SUBSCRIPTS.sub(_ro_last, text)
    text = text.replace("\u17d2\u178a", "\u17d2\u178f")
    text = re.sub(r"\s+", " ", text).strip()
    kept = []
    for index, character in enumerate(text):
        if character == " " and (
            (index and is_khmer(text[index - 1]))
            or (index + 1 < len(text) and is_khmer(text[index + 1]))
        ):
            continue
        kept.append(character)
    return "".join(kept)


def script_runs(text: str) -> list[tuple[bool, str]]:
    """(is Khmer, run) of the normalised text; runs of punctuation alone are left out."""
    found: list[list[object]] = []
    for character in normalise(text):
        khmer = is_khmer(character)
        if found and found[-1][0] == khmer:
            found[-1][1] = str(found[-1][1]) + character
        else:
            found.append([khmer, character])
    return [(bool(k), str(r).strip()) for k, r in found if re.search(r"\w", str(r))]


def infix_distance(pattern: str, text: str) -> int:
    """Edit distance between ``pattern`` and the best-matching substring of ``text``."""
    previous = [0] * (len(text) + 1)
    for i, p in enumerate(pattern, 1):
        current = [i]
        for j, t in enumerate(text, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (p != t)))
        previous = current
    return min(previous)


@dataclass(frozen=True)
class Reading:
    expected: str
    khmer: tuple[int, int]  # errors, characters
    latin: tuple[int, int]
    raw: dict[str, str]

    @property
    def passes(self) -> bool:
        khmer_errors, khmer_chars = self.khmer
        latin_errors, latin_chars = self.latin
        return khmer_errors <= khmer_limit(khmer_chars) and latin_errors <= latin_limit(latin_chars)

    def __str__(self) -> str:
        return (
            f"{self.expected!r}: Khmer {self.khmer[0]}/{self.khmer[1]} errors "
            f"(limit {khmer_limit(self.khmer[1])}), Latin {self.latin[0]}/{self.latin[1]} "
            f"(limit {latin_limit(self.latin[1])}); read {self.raw}"
        )


def khmer_limit(characters: int) -> int:
    return max(2, math.ceil(0.10 * characters)) if characters else 0


def latin_limit(characters: int) -> int:
    return max(1, math.ceil(0.03 * characters)) if characters else 0


def compare(expected: str, image: Image.Image, language: str) -> Reading:
    """Read ``image`` once per script of ``expected`` and count the errors run by run."""
    runs = script_runs(expected)
    raw: dict[str, str] = {}
    if any(khmer for khmer, _ in runs):
        raw["khm"] = read(image, "khm")
    if any(not khmer for khmer, _ in runs):
        raw[LATIN_MODEL[language]] = read(image, LATIN_MODEL[language])
    khmer_errors = khmer_chars = latin_errors = latin_chars = 0
    for khmer, run in runs:
        got = normalise(raw["khm"] if khmer else raw[LATIN_MODEL[language]])
        errors = infix_distance(run, got)
        if khmer:
            khmer_errors, khmer_chars = khmer_errors + errors, khmer_chars + len(run)
        else:
            latin_errors, latin_chars = latin_errors + errors, latin_chars + len(run)
    return Reading(expected, (khmer_errors, khmer_chars), (latin_errors, latin_chars), raw)


def crop(path: Path, box: tuple[int, int, int, int]) -> Image.Image:
    with Image.open(path) as image:
        return image.convert("RGB").crop(box)
