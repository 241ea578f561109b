// Preloaded (`-r`) into every process the bench times: at exit, writes the process's CPU time
// (user + system, all threads, microseconds) to file descriptor 3, which the bench reads. On a
// shared machine CPU time is steadier than wall time; both sides get the same preload.
const { writeSync } = require("node:fs");

process.on("exit", () => {
  const { user, system } = process.cpuUsage();
  try {
    writeSync(3, `${user + system}\n`);
  } catch {
    // Not run by the bench (no descriptor 3): nothing to report.
  }
});
