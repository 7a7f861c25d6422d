// Encode images with sharp, the baseline of benchmarks/images.py (which installs sharp into
// .cache/bench-node/ and runs this with NODE_PATH pointing there).
// Reads a job from stdin: {images: [{src, name, widths}], formats: {avif: {...}, ...},
// out, concurrency}; writes {seconds, files: [{name, format, width, path, bytes}]}.
"use strict";
const fs = require("fs");
const path = require("path");
const sharp = require("sharp");

async function main() {
  const job = JSON.parse(fs.readFileSync(0, "utf8"));
  fs.mkdirSync(job.out, { recursive: true });
  const tasks = [];
  for (const image of job.images) {
    for (const width of image.widths) {
      for (const [format, options] of Object.entries(job.formats)) {
        tasks.push({ image, width, format, options });
      }
    }
  }
  const files = [];
  const started = process.hrtime.bigint();
  let next = 0;
  async function worker() {  // like eleventy-img's queue: `concurrency` pipelines at once
    while (next < tasks.length) {
      const { image, width, format, options } = tasks[next++];
      const extension = format === "jpeg" ? "jpg" : format;
      const target = path.join(job.out, `${image.name}-${width}.${extension}`);
      const info = await sharp(image.src).resize({ width }).toFormat(format, options).toFile(target);
      files.push({ name: image.name, format, width, path: target, bytes: info.size });
    }
  }
  await Promise.all(Array.from({ length: job.concurrency }, worker));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  process.stdout.write(JSON.stringify({ seconds, sharp: sharp.versions, files }));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
