// The live tier (npm run test:live): one file after another, since they share one Neutron.
module.exports = {
  "node-option": ["import=tsx"],
  require: ["./test/support/source-maps.cjs"],
  extension: ["ts"],
  // LIVE_FILES=test/live/a.live.ts,... runs just those.
  spec: process.env.LIVE_FILES ? process.env.LIVE_FILES.split(",") : ["test/live/*.live.ts"],
  reporter: "./test/support/summary-reporter.cjs",
  timeout: 1_800_000,
};
