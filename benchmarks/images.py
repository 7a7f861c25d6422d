#!/usr/bin/env python3
"""Our image pipeline against sharp (the library behind eleventy-img, Astro and Next.js).

Same images (the 24 Kodak images), same widths, same formats, in one run:

- ours: the settings of mkdocs.yml (travinh-images), through the library;
- sharp at eleventy-img's defaults: WebP q80, AVIF q50 effort 4, JPEG q80;
- sharp at settings matched to ours (same qualities; effort = 9 - our AVIF speed; WebP
  effort = our method; progressive JPEG).

For each format and width: total bytes and the mean SSIMULACRA2 score (PyPI ``ssimulacra2``;
each output is scored against its own tool's lossless resize at that width, so the score
measures the encoding; the two resizers are compared once, separately). Wall times: each
format in its own pass (decode, resize, encode, write), and the whole pipeline end to end;
the median of ``--repeat`` runs, since the machine is shared. Then the no-change re-run of
our pipeline, for the 24 images and for 500 sources.

Run with ``make bench-images`` (installs sharp into .cache/bench-node/ and the Python
packages of benchmarks/requirements.txt). Prints figures only; asserts nothing.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from PIL import Image

from travinh_site.images import config as images_config
from travinh_site.images import pipeline
from travinh_site.images.encode import EXTENSION, encode_as, normalise, resized, widths_for
from travinh_site.images.settings import Encoding

PROJECT = Path(__file__).resolve().parent.parent
NODE_DIR = PROJECT / ".cache/bench-node"
SHARP_DIR = Path(__file__).resolve().parent / "sharp"
FORMATS = ("avif", "webp", "jpeg")
CORES = os.cpu_count() or 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=default_corpus())
    parser.add_argument("--repeat", type=int, default=3, help="runs per timing (median)")
    args = parser.parse_args()
    images = sorted(args.corpus.glob("*.png"))
    if not images:
        print(f"No PNG images in {args.corpus} (use --corpus).", file=sys.stderr)
        return 1
    install_sharp()
    settings = images_config.read_settings(PROJECT / "mkdocs.yml")
    encoding = settings.encoding
    print(f"{len(images)} images from {args.corpus}, {CORES} cores, median of {args.repeat} runs")
    print(f"ours: {describe(encoding)}")

    with tempfile.TemporaryDirectory(prefix="bench-images-") as scratch:
        work = Path(scratch)
        jobs = [
            {
                "src": str(p),
                "name": p.stem,
                "widths": widths_for(Image.open(p).width, encoding.widths),
            }
            for p in images
        ]
        widths = sorted({w for job in jobs for w in job["widths"]})
        print(f"widths: {widths} (configured {list(encoding.widths)}, never above the original)")
        baselines = {
            "sharp (eleventy-img defaults)": eleventy(),
            "sharp (matched)": matched(encoding),
        }

        # ---- bytes and quality (outputs are deterministic: scored once) ----
        ours_files = run_ours_per_format(jobs, encoding, work / "ours", FORMATS)[1]
        results = {"ours": ours_files}
        for label, formats in baselines.items():
            results[label] = run_sharp(jobs, formats, work / label.split()[1].strip("()"), CORES)[1]
        references = {
            "ours": our_lossless(jobs, work / "ours-ref"),
            "sharp": run_sharp(jobs, {"png": {"compressionLevel": 1}}, work / "sharp-ref", CORES)[
                1
            ],
        }
        scores = score_all(results, references)
        resizers = resizer_agreement(references)
        print_quality_table(results, scores, widths)
        print(
            f"\nResizers: SSIMULACRA2 of sharp's lossless resize against ours: mean {resizers:.2f}"
        )

        # ---- wall times ----
        print(f"\nWall time per format, all images and widths (s, median of {args.repeat}):")
        print(
            f"{'format':<8}{'ours':>8}{'sharp default':>15}{'sharp matched':>15}"
            f"{'ours/default':>14}"
        )
        for kind in FORMATS:
            ours_t = timed(
                args.repeat, lambda k=kind: run_ours_per_format(jobs, encoding, work / "t", (k,))[0]
            )
            sharp_t = {
                label: timed(
                    args.repeat,
                    lambda f=formats, k=kind: run_sharp(jobs, {k: f[k]}, work / "t", 10)[0],
                )
                for label, formats in baselines.items()
            }
            default_t, matched_t = sharp_t.values()
            print(
                f"{kind:<8}{ours_t:>8.2f}{default_t:>15.2f}{matched_t:>15.2f}"
                f"{ours_t / default_t:>14.2f}"
            )

        project = make_project(work / "project", images)
        cold = []
        for _ in range(args.repeat):
            shutil.rmtree(project / settings.cache_dir, ignore_errors=True)
            cold.append(pipeline.run(project, settings).seconds)
        sharp_all = timed(
            args.repeat,
            lambda: run_sharp(jobs, baselines["sharp (eleventy-img defaults)"], work / "t", 10)[0],
        )
        print(
            f"\nWhole pipeline, {len(images)} images, 3 formats, cold cache: ours "
            f"{statistics.median(cold):.2f} s (decode, orientation, colour, resize, encode, write, "
            f"manifest), sharp at eleventy-img defaults {sharp_all:.2f} s: ratio "
            f"{statistics.median(cold) / sharp_all:.2f}"
        )
        warm = [pipeline.run(project, settings) for _ in range(args.repeat)]
        print(
            f"No-change re-run, {len(images)} images: "
            f"{statistics.median(r.seconds for r in warm):.3f} s ({warm[-1].summary()})"
        )
        many = make_many(work / "many", 500)
        first = pipeline.run(many, settings)
        warm = [pipeline.run(many, settings) for _ in range(args.repeat)]
        print(
            f"No-change re-run, 500 sources: {statistics.median(r.seconds for r in warm):.3f} s "
            f"({warm[-1].summary()}; first run {first.seconds:.1f} s)"
        )
        cli = timed(
            args.repeat,
            lambda: timed_process(
                [
                    sys.executable,
                    str(PROJECT / "scripts/optimize_images.py"),
                    "--config",
                    str(many / "mkdocs.yml"),
                ]
            ),
        )
        print(
            "  the same through scripts/optimize_images.py (Python start-up, mkdocs.yml): "
            f"{cli:.2f} s"
        )
    return 0


# ---- the tools ---------------------------------------------------------------------------------


def eleventy() -> dict[str, dict]:
    return {"avif": {"quality": 50, "effort": 4}, "webp": {"quality": 80}, "jpeg": {"quality": 80}}


def matched(encoding: Encoding) -> dict[str, dict]:
    return {
        "avif": {
            "quality": encoding.avif_quality,
            "effort": 9 - encoding.avif_speed,
            "chromaSubsampling": "4:4:4",
        },
        "webp": {"quality": encoding.webp_quality, "effort": encoding.webp_method},
        "jpeg": {"quality": encoding.jpeg_quality, "progressive": True},
    }


def describe(encoding: Encoding) -> str:
    return (
        f"AVIF q{encoding.avif_quality} speed {encoding.avif_speed} 4:4:4, "
        f"WebP q{encoding.webp_quality} "
        f"method {encoding.webp_method}, JPEG q{encoding.jpeg_quality} progressive"
    )


def install_sharp() -> None:
    """sharp, pinned by benchmarks/sharp/package-lock.json, into .cache/bench-node/."""
    NODE_DIR.mkdir(parents=True, exist_ok=True)
    for name in ("package.json", "package-lock.json"):
        shutil.copy(SHARP_DIR / name, NODE_DIR / name)
    if not (NODE_DIR / "node_modules/sharp").is_dir():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=NODE_DIR, check=True)


def run_sharp(jobs: list[dict], formats: dict, out: Path, concurrency: int) -> tuple[float, dict]:
    shutil.rmtree(out, ignore_errors=True)
    job = {"images": jobs, "formats": formats, "out": str(out), "concurrency": concurrency}
    result = subprocess.run(
        ["node", str(SHARP_DIR / "encode.js")],
        input=json.dumps(job),
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "NODE_PATH": str(NODE_DIR / "node_modules")},
    )
    data = json.loads(result.stdout)
    files = {(f["name"], f["format"], f["width"]): Path(f["path"]) for f in data["files"]}
    return data["seconds"], files


def _ours_one(args: tuple[str, str, list[int], Encoding, str, tuple[str, ...]]) -> list[tuple]:
    src, name, widths, encoding, out, formats = args
    image = normalise(Image.open(src))
    rows = []
    for width in widths:
        variant = resized(image, width)  # exactly the pipeline's resize
        for kind in formats:
            path = Path(out, f"{name}-{width}.{EXTENSION[kind]}")
            if kind == "png":
                variant.save(path, "PNG", compress_level=1)
            else:
                path.write_bytes(encode_as(variant, kind, encoding))
            rows.append(((name, kind, width), path))
    return rows


def run_ours_per_format(jobs, encoding, out: Path, formats: tuple[str, ...]) -> tuple[float, dict]:
    """Our decode, correction, resize and encoders, one process per core (as the pipeline)."""
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    started = time.perf_counter()
    with ProcessPoolExecutor(CORES) as pool:
        tasks = [(j["src"], j["name"], j["widths"], encoding, str(out), formats) for j in jobs]
        rows = [row for result in pool.map(_ours_one, tasks) for row in result]
    return time.perf_counter() - started, dict(rows)


def our_lossless(jobs, out: Path) -> dict:
    return run_ours_per_format(jobs, Encoding(), out, ("png",))[1]


# ---- quality -----------------------------------------------------------------------------------


def _score(pair: tuple[Path, Path]) -> float:
    from ssimulacra2 import compute_ssimulacra2

    reference, distorted = pair
    with open(distorted, "rb") as handle:  # AVIF/WebP/JPEG decoded by Pillow
        data = io.BytesIO(handle.read())
    return compute_ssimulacra2(str(reference), data)


def score_all(results: dict[str, dict], references: dict[str, dict]) -> dict[str, dict]:
    pairs = []
    for label, files in results.items():
        refs = references["ours" if label == "ours" else "sharp"]
        for (name, kind, width), path in files.items():
            pairs.append((label, (name, kind, width), (refs[(name, "png", width)], path)))
    with ProcessPoolExecutor(CORES) as pool:
        values = list(pool.map(_score, [pair for _l, _k, pair in pairs], chunksize=4))
    scores: dict[str, dict] = {label: {} for label in results}
    for (label, key, _pair), value in zip(pairs, values, strict=True):
        scores[label][key] = value
    return scores


def resizer_agreement(references: dict[str, dict]) -> float:
    pairs = [(path, references["sharp"][key]) for key, path in references["ours"].items()]
    with ProcessPoolExecutor(CORES) as pool:
        return statistics.mean(pool.map(_score, pairs))


def print_quality_table(results, scores, widths) -> None:
    labels = list(results)
    print("\nBytes (all images) and mean SSIMULACRA2 (higher is better), per format and width:")
    print(
        f"{'format':<7}{'width':>6}"
        + "".join(f"{label[:22]:>34}" for label in labels)
        + f"{'bytes ours/default':>20}"
    )
    totals = {label: 0 for label in labels}
    for kind in FORMATS:
        for width in [*widths, "all"]:
            cells, sizes = [], {}
            for label in labels:
                keys = [
                    k for k in results[label] if k[1] == kind and (width == "all" or k[2] == width)
                ]
                size = sum(results[label][k].stat().st_size for k in keys)
                score = statistics.mean(scores[label][k] for k in keys)
                sizes[label] = size
                cells.append(f"{size:>14,} B {score:>7.2f}".rjust(34))
                if width == "all":
                    totals[label] += size
            ratio = sizes["ours"] / sizes[labels[1]]
            print(f"{kind:<7}{width!s:>6}" + "".join(cells) + f"{ratio:>20.3f}")
    print(
        f"{'total':<13}"
        + "".join(f"{totals[label]:>14,} B".rjust(34) for label in labels)
        + f"{totals['ours'] / totals[labels[1]]:>20.3f}"
    )


# ---- timing and fixtures -----------------------------------------------------------------------


def timed(repeat: int, run) -> float:
    return statistics.median(run() for _ in range(repeat))


def timed_process(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - started


def make_project(root: Path, images: list[Path]) -> Path:
    folder = root / "assets/images"
    folder.mkdir(parents=True)
    for image in images:
        shutil.copy(image, folder / image.name)
        (folder / f"{image.name}.yml").write_text("kind: photo\ncredit: Kodak\nlicence: free\n")
    return root


def make_many(root: Path, count: int) -> Path:
    """``count`` small sources in a copy of the project's configuration."""
    folder = root / "assets/images"
    folder.mkdir(parents=True)
    for index in range(count):
        colour = (index % 256, index * 7 % 256, index * 13 % 256)
        Image.new("RGB", (64, 48), colour).save(folder / f"p{index:03}.png")
        (folder / f"p{index:03}.png.yml").write_text("kind: illustration\n")
    shutil.copy(PROJECT / "mkdocs.yml", root / "mkdocs.yml")
    for folder_name in ("docs", "docs_en", "docs_km", "overrides"):
        (root / folder_name).mkdir(exist_ok=True)
    return root


def default_corpus() -> Path:
    for candidate in (PROJECT.parent / "shared/bench/kodak", Path("/work/shared/bench/kodak")):
        if candidate.is_dir():
            return candidate
    return PROJECT.parent / "shared/bench/kodak"


if __name__ == "__main__":
    sys.exit(main())
