// Lighthouse (mobile settings: its defaults) on each URL given, in one Debian Chromium.
// Usage: node lighthouse.mjs NODE_MODULES OUT_DIR URL...
// Writes OUT_DIR/<n>.report.html per URL and prints one JSON object: per URL, each
// category's score, the audits that lost points, key metrics and the requests made. Run by
// tests/browser/test_lighthouse.py and benchmarks/page_weight.py.
import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [modules, outDir, ...urls] = process.argv.slice(2);
const load = async (name) => {
  const require = createRequire(join(resolve(modules), "resolve.cjs"));
  return import(pathToFileURL(require.resolve(name)).href);
};
const { default: lighthouse } = await load("lighthouse");
const chromeLauncher = await load("chrome-launcher");

// CHROME_PATH: Debian's Chromium; CHROME_FLAGS: a JSON list, the flags of the browser tests.
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH,
  chromeFlags: JSON.parse(process.env.CHROME_FLAGS),
});
const results = {};
try {
  for (const [index, url] of urls.entries()) {
    // A runtime error (NO_NAVSTART: the trace of the load was lost) means nothing was
    // measured; such a run is repeated, up to twice. A low score is never repeated.
    let run;
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      run = await lighthouse(url, { port: chrome.port, output: "html", logLevel: "error" });
      if (!run.lhr.runtimeError) break;
      process.stderr.write(`${url}: ${run.lhr.runtimeError.code}, attempt ${attempt}\n`);
    }
    writeFileSync(join(outDir, `${index}.report.html`), run.report);
    const { lhr } = run;
    const categories = {};
    for (const [id, category] of Object.entries(lhr.categories)) {
      categories[id] = {
        score: category.score,
        lost: category.auditRefs
          .filter((ref) => ref.weight > 0 && lhr.audits[ref.id].score !== null)
          .filter((ref) => lhr.audits[ref.id].score < 1)
          .map((ref) => `${ref.id}: ${lhr.audits[ref.id].title} (${lhr.audits[ref.id].displayValue ?? lhr.audits[ref.id].score})`),
      };
    }
    const metric = (id) => lhr.audits[id]?.numericValue ?? null;
    results[url] = {
      categories,
      metrics: {
        "first-contentful-paint-ms": metric("first-contentful-paint"),
        "largest-contentful-paint-ms": metric("largest-contentful-paint"),
        "total-blocking-time-ms": metric("total-blocking-time"),
        "cumulative-layout-shift": metric("cumulative-layout-shift"),
        "speed-index-ms": metric("speed-index"),
      },
      // What the page downloaded on this first visit (for benchmarks/page_weight.py).
      network: (lhr.audits["network-requests"]?.details?.items ?? []).map((item) => ({
        url: item.url,
        resourceType: item.resourceType ?? null,
        transferSize: item.transferSize ?? 0,
        resourceSize: item.resourceSize ?? 0,
      })),
      runtimeError: lhr.runtimeError?.message ?? null,
      report: join(outDir, `${index}.report.html`),
    };
  }
} finally {
  await chrome.kill();
}
process.stdout.write(JSON.stringify(results));
