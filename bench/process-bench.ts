import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runStackOffline, stackConfig, stackNames } from "../stacks/offline.js";
import type { RegisteredResource } from "../testing/index.js";
import { fingerprint } from "./fingerprint.js";
import { median } from "./stats.js";

const ROOT = join(__dirname, "..");
const GENERATED = join(__dirname, "generated");
const MOCKS = (stack: string, config: Record<string, unknown>) => ({ project: "portcatalog-examples", stack, config, calls: { "aws:ec2/getVpc:getVpc": { id: "vpc-0default" } } });

/** `aws:ec2/securityGroup:SecurityGroup` → `aws.ec2.SecurityGroup`; `pulumi:providers:aws` → `aws.Provider`. */
function classOf(type: string): { pkg: string; expr: string } {
  const provider = /^pulumi:providers:(.+)$/.exec(type);
  if (provider) return { pkg: provider[1], expr: `${provider[1]}.Provider` };
  const m = /^([a-z]+):([a-zA-Z0-9]+)\/[a-zA-Z0-9]+:([A-Za-z0-9]+)$/.exec(type);
  if (!m) throw new Error(`no SDK class for ${type}`);
  return { pkg: m[1], expr: `${m[1]}.${m[2]}.${m[3]}` };
}

/**
 * The program a person would write for the same resources: literal names and inputs, parents and
 * providers as options, group ids wired from the group resources, the default VPC looked up as
 * the examples do, under the same mocks. It imports only the SDKs its resources need.
 */
export function handWrittenProgram(stack: string, resources: readonly RegisteredResource[]): string {
  const variable = new Map<string, string>();
  const byId = new Map<string, string>();
  const lines: string[] = [];
  const packages = new Set<string>();
  const pending = [...resources];
  while (pending.length) {
    const next = pending.findIndex((r) => (!r.parent || variable.has(r.parent)) && (!r.provider || variable.has(r.provider.split("::").slice(0, -1).join("::"))));
    const [r] = pending.splice(next === -1 ? 0 : next, 1);
    const v = `r${variable.size}`;
    const opts: string[] = [];
    if (r.parent) opts.push(`parent: ${variable.get(r.parent)}`);
    if (r.provider) opts.push(`provider: ${variable.get(r.provider.split("::").slice(0, -1).join("::"))}`);
    const optsText = `{ ${opts.join(", ")} }`;
    if (!r.custom) {
      lines.push(`  const ${v} = new pulumi.ComponentResource(${JSON.stringify(r.type)}, ${JSON.stringify(r.name)}, {}, ${optsText});`);
    } else {
      const { pkg, expr } = classOf(r.type);
      packages.add(pkg);
      const inputs = Object.entries(r.inputs).map(([k, value]) => {
        if (typeof value === "string" && byId.has(value)) return `${JSON.stringify(k)}: ${byId.get(value)}.id`;
        if (k === "vpcId" && value === "vpc-0default") return `${JSON.stringify(k)}: aws.ec2.getVpcOutput({ default: true }).id`;
        return `${JSON.stringify(k)}: ${JSON.stringify(value)}`;
      });
      lines.push(`  const ${v} = new ${expr}(${JSON.stringify(r.name)}, { ${inputs.join(", ")} }, ${optsText});`);
      if (r.id) byId.set(r.id, v);
    }
    variable.set(r.urn, v);
  }
  return [
    `// Written by bench/process-bench.ts from the recorded plan of ${stack}: what a person would write by hand.`,
    `import * as pulumi from "@pulumi/pulumi";`,
    ...[...packages].sort().map((p) => `import * as ${p} from "@pulumi/${p}";`),
    `import { setupMocks } from "../../testing/index.js";`,
    `import { fingerprint } from "../fingerprint.js";`,
    "",
    "async function run(): Promise<void> {",
    // The same mocks and config as the library's process, given the same way.
    "  const recorder = await setupMocks(JSON.parse(process.argv[2]));",
    ...lines,
    "  await recorder.settled();",
    "  process.stdout.write(`${JSON.stringify(fingerprint(recorder.resources))}\\n`);",
    "  process.exit(0);",
    "}",
    "",
    "run().catch((err) => {",
    "  process.stderr.write(`${(err as Error).stack}\\n`);",
    "  process.exit(1);",
    "});",
    "",
  ].join("\n");
}

export interface ProcessBenchRow {
  stack: string;
  resources: number;
  runs: number;
  /** Median wall milliseconds of a whole process: Node start, imports, the program, every resource registered. */
  libraryMs: number;
  handWrittenMs: number;
  /** libraryMs / handWrittenMs; the goal is at most 1.05. */
  ratio: number;
  /** Every run, in order, for the record. */
  libraryRunsMs: number[];
  handWrittenRunsMs: number[];
}

// Both sides run as the CLI and the tests do: TypeScript through tsx, stacks not source-mapped
// (tsx turns source maps on; mapping the stack the SDK takes for every promise would charge each
// side for its TypeScript frames rather than for its work). Node's own default, as `node dist/...` runs.
const NODE_ARGS = ["--import", "tsx", "--import", join(ROOT, "test", "support", "source-maps.cjs")];

function timeProcess(file: string, args: string[]): { ms: number; stdout: string } {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [...NODE_ARGS, file, ...args], { cwd: ROOT, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${file} exited ${r.status}: ${r.stderr.trim().split("\n").slice(0, 5).join(" | ")}`);
  return { ms, stdout: r.stdout.trim() };
}

/**
 * Whole processes, alternated in one run: the library's plan of each example stack vs the
 * hand-written program registering identical resources (checked by fingerprint), `runs` times
 * each after one discarded warm-up pair (tsx's compile cache), medians and their ratio.
 */
export async function benchProcesses(runs = 7, stacks = stackNames(), log: (line: string) => void = () => {}): Promise<ProcessBenchRow[]> {
  mkdirSync(GENERATED, { recursive: true });
  const rows: ProcessBenchRow[] = [];
  for (const stack of stacks) {
    const reference = await runStackOffline(stack);
    const expected = JSON.stringify(fingerprint(reference.recorder.resources));
    const handWritten = join(GENERATED, `${stack}.ts`);
    writeFileSync(handWritten, handWrittenProgram(stack, reference.recorder.resources));
    const library = join(__dirname, "plan-process.ts");
    const args = [JSON.stringify(MOCKS(stack, stackConfig(stack)))];
    const sides = { library: [] as number[], handWritten: [] as number[] };
    for (let i = -1; i < runs; i++) {
      // Alternate which goes first, so drift in the machine's load hits both alike.
      const order = i % 2 === 0 ? (["library", "handWritten"] as const) : (["handWritten", "library"] as const);
      for (const side of order) {
        const r = timeProcess(side === "library" ? library : handWritten, args);
        if (r.stdout !== expected) throw new Error(`${stack}: the ${side} program registered something else: ${r.stdout} vs ${expected}`);
        if (i >= 0) sides[side].push(r.ms);
      }
    }
    const libraryMs = median(sides.library);
    const handWrittenMs = median(sides.handWritten);
    const row = { stack, resources: reference.recorder.resources.length, runs, libraryMs, handWrittenMs, ratio: libraryMs / handWrittenMs, libraryRunsMs: sides.library, handWrittenRunsMs: sides.handWritten };
    log(`${stack}: library ${libraryMs.toFixed(0)} ms, hand-written ${handWrittenMs.toFixed(0)} ms, ratio ${row.ratio.toFixed(3)}`);
    rows.push(row);
  }
  return rows;
}
