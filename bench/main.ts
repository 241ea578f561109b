// `npm run bench [-- --json] [-- --runs N] [-- --live] [-- --stacks a,b] [-- --processes] [-- --against DIR]`:
// a development benchmark, not part of the published CLI. `--live` adds the real engine's figures
// (bench/live.ts), after `npm run live:start`; `--stacks` picks example stacks; `--processes` measures
// only the whole processes; `--against DIR` times another checkout's library program (with its own
// node_modules) in the same rounds, for a change's before and after side by side.
// Measured in a real run on this machine, never asserted in tests.
import { cpus, loadavg } from "node:os";
import { parseArgs } from "node:util";
import { formatTable } from "../cli/table.js";
import { resolve } from "node:path";
import { stackNames } from "../stacks/offline.js";
import { benchProcesses } from "./process-bench.js";
import { catalogLoadSeries, catalogSizeSeries, cidrSeries, conflictsSeries, kubernetesAuditSeries, registeredRulesSeries, type Series } from "./scale-bench.js";

const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(2));

function seriesTable(list: Series[]): string {
  return formatTable(
    ["SERIES", "N", "MS (MEDIAN)", "OUTPUT", "GROWTH EXPONENT"],
    list.flatMap((s) => s.points.map((p, i) => [i === 0 ? s.name : "", `${p.n} ${s.unit}`, ms(p.ms), String(p.output), i === 0 ? s.exponent.toFixed(2) : ""])),
  );
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      json: { type: "boolean", default: false },
      runs: { type: "string", default: "7" },
      live: { type: "boolean", default: false },
      stacks: { type: "string" },
      processes: { type: "boolean", default: false },
      against: { type: "string" },
    },
    strict: true,
  });
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs "${values.runs}" is not valid: use a whole number of at least 1`);
  const stacks = values.stacks?.split(",") ?? stackNames();
  const unknown = stacks.filter((s) => !stackNames().includes(s));
  if (unknown.length) throw new Error(`--stacks: unknown stack "${unknown[0]}": use ${stackNames().join(", ")}`);
  const log = (line: string) => values.json || process.stderr.write(`${line}\n`);
  const machine = { cpus: cpus().length, loadAverageAtStart: loadavg().map((x) => Number(x.toFixed(2))), node: process.version };

  log(values.processes ? "scaling series skipped (--processes)" : "scaling series…");
  const series = values.processes ? [] : [cidrSeries(), catalogSizeSeries(), conflictsSeries(), kubernetesAuditSeries(), await registeredRulesSeries()];
  const loads = values.processes ? [] : catalogLoadSeries();
  log(`whole processes, ${runs} alternated runs per stack…`);
  const processes = await benchProcesses(runs, stacks, log, values.against && resolve(values.against));
  let live: string | undefined;
  if (values.live) {
    log("the real engine, 3 interleaved runs per side…");
    const bench = await import("./live.js");
    live = `${await bench.liveBench(3)}\n${await bench.liveYamlBench(3)}`;
  }
  const result = { machine: { ...machine, loadAverageAtEnd: loadavg().map((x) => Number(x.toFixed(2))) }, processes, series, catalogLoad: loads, live };
  if (values.json) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return;
  }
  process.stdout.write(
    [
      `Machine: ${machine.cpus} CPUs, Node ${machine.node}, load average ${machine.loadAverageAtStart.join(" ")} at start, ${result.machine.loadAverageAtEnd.join(" ")} at end.`,
      "",
      `Whole processes (node --import tsx, stacks not source-mapped): the library's plan of each example stack vs a hand-written program registering identical resources under the same mocks; median of ${runs} alternated runs, wall and CPU time (goal: ratio <= 1.05)${values.against ? `; AGAINST is ${values.against}'s library program in the same rounds` : ""}:`,
      formatTable(
        ["STACK", "RESOURCES", "LIBRARY MS", "HAND-WRITTEN MS", "RATIO", "CPU MS", "HAND-WRITTEN CPU MS", "CPU RATIO", ...(values.against ? ["AGAINST RATIO", "AGAINST CPU RATIO"] : [])],
        processes.map((r) => [
          r.stack,
          String(r.resources),
          ms(r.libraryMs),
          ms(r.handWrittenMs),
          r.ratio.toFixed(3),
          ms(r.libraryCpuMs),
          ms(r.handWrittenCpuMs),
          r.cpuRatio.toFixed(3),
          ...(r.against ? [r.against.ratio.toFixed(3), r.against.cpuRatio.toFixed(3)] : []),
        ]),
      ),
      "",
      ...(values.processes
        ? []
        : [
            "Scaling (in-process, median of 3-5 runs; fresh CIDRs each run):",
            seriesTable(series),
            "",
            "Loading a JSON user catalog (read, parse, validate; fresh process each, median of 3):",
            formatTable(
              ["FILE MB", "ENTRIES", "LOAD MS", "PEAK RSS MIB"],
              loads.map((l) => [String(l.megabytes), String(l.entries), ms(l.ms), l.peakRssMiB.toFixed(0)]),
            ),
            "",
          ]),
      ...(live ? [live] : []),
    ].join("\n"),
  );
}

main().catch((err) => {
  process.stderr.write(`bench: ${(err as Error).message}\n`);
  process.exitCode = 1;
});
