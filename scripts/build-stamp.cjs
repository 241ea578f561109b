#!/usr/bin/env node
// `node scripts/build-stamp.cjs write` (the build's last step) records what dist/ was built from:
// a hash of every file the build reads, the compiler's version and dist/ itself. The consumer test
// packs the dist/ that `npm ci` (through `prepare`) already built when the stamp still matches,
// and builds again when anything changed since.
const { createHash } = require("node:crypto");
const fs = require("node:fs");
const path = require("node:path");

const ROOT = path.join(__dirname, "..");
const STAMP = path.join(ROOT, "node_modules", ".cache", "portcatalog", "build-stamp");
// What `npm run build` reads: the sources tsconfig.build.json compiles (and what they import), the build scripts and configs.
const INPUTS = ["index.ts", "plugin.ts", "audit", "catalog", "cli", "components", "planner", "policy", "stacks", "testing", "scripts", "package.json", "tsconfig.json", "tsconfig.build.json"];

function files(p) {
  if (!fs.existsSync(p)) return [];
  if (fs.statSync(p).isFile()) return [p];
  return fs.readdirSync(p).sort().flatMap((f) => files(path.join(p, f)));
}

function hashOf(paths) {
  const hash = createHash("sha256");
  for (const file of paths.flatMap((p) => files(path.join(ROOT, p)))) hash.update(path.relative(ROOT, file)).update("\0").update(fs.readFileSync(file)).update("\0");
  hash.update(fs.readFileSync(path.join(ROOT, "node_modules", "typescript", "package.json")));
  return hash.digest("hex");
}

const current = () => `${hashOf(INPUTS)} ${hashOf(["dist"])}\n`;

/** Whether dist/ is exactly what building the current sources makes (as far as the stamp can tell). */
function isFresh() {
  return fs.existsSync(STAMP) && fs.existsSync(path.join(ROOT, "dist")) && fs.readFileSync(STAMP, "utf8") === current();
}

if (require.main === module && process.argv[2] === "write") {
  fs.mkdirSync(path.dirname(STAMP), { recursive: true });
  fs.writeFileSync(STAMP, current());
}

module.exports = { isFresh };
