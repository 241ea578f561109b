// The live tier (npm run test:live): one file after another, since they share one Neutron.
module.exports = {
  "node-option": ["import=tsx"],
  require: ["./test/support/source-maps.cjs"],
  extension: ["ts"],
  spec: ["test/live/*.live.ts"],
  reporter: "./test/support/summary-reporter.cjs",
  timeout: 1_800_000,
};
