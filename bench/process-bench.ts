import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { runStackOffline, stackConfig, stackNames } from "../stacks/offline.js";
import type { RegisteredResource } from "../testing/index.js";
import { fingerprint } from "./fingerprint.js";
import { classOf } from "./resource-classes.js";
import { median } from "./stats.js";

const ROOT = join(__dirname, "..");
const GENERATED = join(__dirname, "generated");
/** The mocks both sides of the bench run under (exported for the test that runs every hand-written program). */
export const MOCKS = (stack: string, config: Record<string, unknown>) => ({ project: "portcatalog-examples", stack, config, calls: { "aws:ec2/getVpc:getVpc": { id: "vpc-0default" } } });

/**
 * The program a person would write for the same resources: literal names and inputs, parents and
 * providers as options, group ids wired from the group resources, the default VPC looked up as
 * the examples do, under the same mocks. It imports only the SDKs its resources need.
 */
export function handWrittenProgram(stack: string, resources: readonly RegisteredResource[]): string {
  const variable = new Map<string, string>();
  const byId = new Map<string, string>();
  const lines: string[] = [];
  const packages = new Map<string, string>();
  const declared: RegisteredResource[] = [];
  const pending = [...resources];
  while (pending.length) {
    // A resource whose name input another holds is declared before the resources that hold it.
    const ready = (r: RegisteredResource) => (!r.parent || variable.has(r.parent)) && (!r.provider || variable.has(r.provider.split("::").slice(0, -1).join("::")));
    const waits = (r: RegisteredResource) => r.custom && Object.values(classOf(r.type).names).some((t) => pending.some((o) => o !== r && o.type === t));
    let next = pending.findIndex((r) => ready(r) && !waits(r));
    if (next === -1) next = pending.findIndex(ready);
    const [r] = pending.splice(next === -1 ? 0 : next, 1);
    const v = `r${variable.size}`;
    const opts: string[] = [];
    if (r.parent) opts.push(`parent: ${variable.get(r.parent)}`);
    if (r.provider) opts.push(`provider: ${variable.get(r.provider.split("::").slice(0, -1).join("::"))}`);
    const optsText = `{ ${opts.join(", ")} }`;
    if (!r.custom) {
      lines.push(`  const ${v} = new pulumi.ComponentResource(${JSON.stringify(r.type)}, ${JSON.stringify(r.name)}, {}, ${optsText});`);
    } else {
      const sdk = classOf(r.type);
      packages.set(sdk.module, sdk.as);
      // Ids wherever they appear (a rule's group, an Azure rule's list of ASGs) are wired from their resources.
      const literal = (value: unknown): string => {
        if (typeof value === "string" && byId.has(value)) return `${byId.get(value)}.id`;
        if (Array.isArray(value)) return `[${value.map(literal).join(", ")}]`;
        if (value && typeof value === "object") return `{ ${Object.entries(value).map(([k, x]) => `${JSON.stringify(k)}: ${literal(x)}`).join(", ")} }`;
        return JSON.stringify(value);
      };
      const inputs = Object.entries(r.inputs).map(([k, value]) => {
        if (k === "vpcId" && value === "vpc-0default") return `${JSON.stringify(k)}: aws.ec2.getVpcOutput({ default: true }).id`;
        return `${JSON.stringify(k)}: ${literal(value)}`;
      });
      for (const [input, type] of Object.entries(sdk.names)) {
        if (input in r.inputs) continue;
        // The resource of that type whose name is the longest prefix of this one's (the components name rules after their group).
        const owner = declared
          .filter((d) => d.type === type && (r.name.startsWith(`${d.name}-`) || !declared.some((o) => o.type === type && r.name.startsWith(`${o.name}-`))))
          .sort((a, b) => b.name.length - a.name.length)[0];
        if (!owner) throw new Error(`${stack}: ${r.name} needs ${input} from a ${type}, and the program declares none before it`);
        inputs.push(`${JSON.stringify(input)}: ${variable.get(owner.urn)}.name`);
      }
      lines.push(`  const ${v} = new ${sdk.as}.${sdk.path}(${JSON.stringify(r.name)}, { ${inputs.join(", ")} }, ${optsText});`);
      if (r.id) byId.set(r.id, v);
      declared.push(r);
    }
    variable.set(r.urn, v);
  }
  return [
    `// Written by bench/process-bench.ts from the recorded plan of ${stack}: what a person would write by hand.`,
    `import * as pulumi from "@pulumi/pulumi";`,
    ...[...packages].sort().map(([module, as]) => `import * as ${as} from ${JSON.stringify(module)};`),
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

const LIBRARY_DIRS = ["audit", "catalog", "components", "planner", "policy", "testing"];

/**
 * The example's own program as a user runs it: their TypeScript (the example and its config,
 * compiled on the fly as Pulumi compiles a program) with the library loaded from the built package,
 * as `portcatalog` loads from node_modules. Importing the library's sources instead would charge
 * it for compiling some 60 TypeScript files on every start, which no user pays. Written beside the
 * hand-written program; returns the file to run.
 */
export function libraryProgram(stack: string, root = ROOT): string {
  const [examples, dist, out] = [join(root, "stacks", "examples"), join(root, "dist"), join(root, "bench", "generated", "library")];
  const stamp = require(join(root, "scripts", "build-stamp.cjs")) as { isFresh?: () => boolean };
  if (!existsSync(join(dist, "components", "index.js")) || stamp.isFresh?.() === false) throw new Error(`${dist} is not built from the sources beside it: run \`npm run build\` in ${root}`);
  mkdirSync(out, { recursive: true });
  for (const file of readdirSync(examples).filter((f) => f.endsWith(".ts"))) {
    const source = readFileSync(join(examples, file), "utf8").replace(/(from\s+)"(\.[^"]+)"/g, (whole, from: string, spec: string) => {
      const target = resolve(examples, spec);
      const [top] = relative(root, target).split(sep);
      if (LIBRARY_DIRS.includes(top)) return `${from}${JSON.stringify(relative(out, join(dist, relative(root, target))).split(sep).join("/"))}`;
      if (dirname(target) === examples) return whole;
      throw new Error(`stacks/examples/${file} imports ${spec}, which the bench does not know how to load as a user would`);
    });
    writeFileSync(join(out, file), `// Written by bench/process-bench.ts from stacks/examples/${file}: the library comes from the built package.\n${source}`);
  }
  return join(out, `${stack}.ts`);
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
  /** Median CPU milliseconds (user + system) of the same processes, and their ratio: steadier than wall time on a shared machine. */
  libraryCpuMs: number;
  handWrittenCpuMs: number;
  cpuRatio: number;
  /** With `against`: the other checkout's library program, timed in the same alternation (before/after side by side). */
  against?: { ms: number; cpuMs: number; ratio: number; cpuRatio: number; runsMs: number[]; cpuRunsMs: number[] };
  /** Every run, in order, for the record. */
  libraryRunsMs: number[];
  handWrittenRunsMs: number[];
  libraryCpuRunsMs: number[];
  handWrittenCpuRunsMs: number[];
}

// Both sides run as the CLI and the tests do: TypeScript through tsx, stacks not source-mapped
// (tsx turns source maps on; mapping the stack the SDK takes for every promise would charge each
// side for its TypeScript frames rather than for its work). Node's own default, as `node dist/...` runs.
const NODE_ARGS = ["--import", "tsx", "--import", join(ROOT, "test", "support", "source-maps.cjs"), "--require", join(__dirname, "cpu-usage.cjs")];

function timeProcess(file: string, args: string[], cwd = ROOT): { ms: number; cpuMs: number; stdout: string } {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [...NODE_ARGS, file, ...args], { cwd, encoding: "utf8", maxBuffer: 64 * 1024 * 1024, stdio: ["ignore", "pipe", "pipe", "pipe"] });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${file} exited ${r.status}: ${r.stderr.trim().split("\n").slice(0, 5).join(" | ")}`);
  const cpuMs = Number(String(r.output[3] ?? "").trim()) / 1000;
  if (!(cpuMs > 0)) throw new Error(`${file}: no CPU time reported on descriptor 3`);
  return { ms, cpuMs, stdout: r.stdout.trim() };
}

const SIDES = ["library", "handWritten", "against"] as const;
type Side = (typeof SIDES)[number];

/**
 * Whole processes, alternated in one run: the library's plan of each example stack vs the
 * hand-written program registering identical resources (checked by fingerprint), `runs` times
 * each after one discarded warm-up round (tsx's compile cache), medians and their ratio.
 * `against`: another checkout of this repository (its own node_modules), whose library program
 * runs in the same rounds, so a change's before and after are measured side by side.
 */
export async function benchProcesses(runs = 7, stacks = stackNames(), log: (line: string) => void = () => {}, against?: string): Promise<ProcessBenchRow[]> {
  mkdirSync(GENERATED, { recursive: true });
  const rows: ProcessBenchRow[] = [];
  for (const stack of stacks) {
    const reference = await runStackOffline(stack);
    const expected = JSON.stringify(fingerprint(reference.recorder.resources));
    const handWritten = join(GENERATED, `${stack}.ts`);
    writeFileSync(handWritten, handWrittenProgram(stack, reference.recorder.resources));
    const programs: Record<Side, { file: string; cwd: string } | undefined> = {
      library: { file: join(__dirname, "plan-process.ts"), cwd: ROOT },
      handWritten: { file: handWritten, cwd: ROOT },
      against: against ? { file: join(against, "bench", "plan-process.ts"), cwd: against } : undefined,
    };
    const sides = SIDES.filter((side) => programs[side]);
    const mocks = JSON.stringify(MOCKS(stack, stackConfig(stack)));
    const args: Record<Side, string[]> = { library: [mocks, libraryProgram(stack)], handWritten: [mocks], against: [mocks, ...(against ? [libraryProgram(stack, against)] : [])] };
    const wall: Record<Side, number[]> = { library: [], handWritten: [], against: [] };
    const cpu: Record<Side, number[]> = { library: [], handWritten: [], against: [] };
    for (let i = -1; i < runs; i++) {
      // Rotate which goes first, so drift in the machine's load hits every side alike.
      const order = sides.map((_, k) => sides[(k + i + 1) % sides.length]);
      for (const side of order) {
        const program = programs[side] as { file: string; cwd: string };
        const r = timeProcess(program.file, args[side], program.cwd);
        if (r.stdout !== expected) throw new Error(`${stack}: the ${side} program registered something else: ${r.stdout} vs ${expected}`);
        if (i >= 0) {
          wall[side].push(r.ms);
          cpu[side].push(r.cpuMs);
        }
      }
    }
    const [libraryMs, handWrittenMs, libraryCpuMs, handWrittenCpuMs] = [median(wall.library), median(wall.handWritten), median(cpu.library), median(cpu.handWritten)];
    const row: ProcessBenchRow = {
      stack,
      resources: reference.recorder.resources.length,
      runs,
      libraryMs,
      handWrittenMs,
      ratio: libraryMs / handWrittenMs,
      libraryCpuMs,
      handWrittenCpuMs,
      cpuRatio: libraryCpuMs / handWrittenCpuMs,
      ...(against ? { against: { ms: median(wall.against), cpuMs: median(cpu.against), ratio: median(wall.against) / handWrittenMs, cpuRatio: median(cpu.against) / handWrittenCpuMs, runsMs: wall.against, cpuRunsMs: cpu.against } } : {}),
      libraryRunsMs: wall.library,
      handWrittenRunsMs: wall.handWritten,
      libraryCpuRunsMs: cpu.library,
      handWrittenCpuRunsMs: cpu.handWritten,
    };
    const before = row.against ? `; against ${row.against.ms.toFixed(0)} ms, ratio ${row.against.ratio.toFixed(3)} (CPU ${row.against.cpuRatio.toFixed(3)})` : "";
    log(`${stack}: library ${libraryMs.toFixed(0)} ms, hand-written ${handWrittenMs.toFixed(0)} ms, ratio ${row.ratio.toFixed(3)} (CPU ${row.cpuRatio.toFixed(3)})${before}`);
    rows.push(row);
  }
  return rows;
}
