// mocha --parallel on 2 workers (the machine's 2 cores). Files go to whichever worker is free, in
// this order: the longest first (CPU seconds measured per file), so the two finish together; every
// other test file follows, each listed once.
const { readdirSync } = require("node:fs");

const FIRST = [
  "test/consumer.test.ts",
  "test/planner.property.test.ts",
  "test/planner.invariants.property.test.ts",
  "test/typecheck.test.ts",
  "test/bad-input.property.test.ts",
  "test/plan.test.ts",
  "test/schema.test.ts",
  "test/components.test.ts",
  "test/cli-plan.test.ts",
];
const rest = readdirSync("test")
  .filter((f) => f.endsWith(".test.ts"))
  .map((f) => `test/${f}`)
  .filter((f) => !FIRST.includes(f))
  .sort();

module.exports = {
  "node-option": ["import=tsx"],
  require: ["./test/support/source-maps.cjs"],
  extension: ["ts"],
  // TEST_FILES=test/a.test.ts,test/b.test.ts runs just those (mocha adds command-line files to the spec).
  spec: process.env.TEST_FILES ? process.env.TEST_FILES.split(",") : [...FIRST, ...rest],
  parallel: true,
  jobs: 2,
  reporter: "./test/support/summary-reporter.cjs",
  timeout: 60000,
};
