import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, extname, isAbsolute, join, relative, resolve as resolvePath } from "node:path";
import type * as pulumi from "@pulumi/pulumi";
import { parse as parseYaml } from "yaml";
import { oneOf, PortcatalogError } from "../catalog/errors.js";
import type { AzureReport, ComponentReport, KubernetesReport } from "../components/index.js";
import { type MockRecorder, setupMocks } from "../testing/index.js";
import { EXAMPLES, type Example, type ExampleResult } from "./examples/index.js";

/** The package's root, found from here whether this runs from the sources or from dist/ (whose own package.json is the component package's plugin manifest, beside its PulumiPlugin.yaml). */
function packageRoot(): string {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    const file = join(dir, "package.json");
    if (existsSync(file) && !existsSync(join(dir, "PulumiPlugin.yaml")) && (JSON.parse(readFileSync(file, "utf8")) as { name?: string }).name === "portcatalog") return dir;
  }
  throw new Error(`internal: no portcatalog package.json above ${__dirname}`);
}

/** The examples' Pulumi project (the repository's Pulumi.yaml names it too). */
export const EXAMPLES_PROJECT = "portcatalog-examples";

/** Examples that have both a program and a `stacks/Pulumi.<stack>.yaml` (shipped in the package). */
export function stackNames(): string[] {
  const files = readdirSync(join(packageRoot(), "stacks")).flatMap((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1] ?? []);
  return files.filter((s) => s in EXAMPLES).sort();
}

function readYaml(file: string): unknown {
  try {
    return parseYaml(readFileSync(file, "utf8"));
  } catch (err) {
    throw new PortcatalogError(`${file}: not readable YAML: ${(err as Error).message.split("\n")[0]}`);
  }
}

/** The example stack's config as `pulumi config` holds it. */
export function stackConfig(stack: string): Record<string, unknown> {
  const file = join(packageRoot(), "stacks", `Pulumi.${stack}.yaml`);
  if (!existsSync(file)) return {};
  const doc = readYaml(file) as { config?: Record<string, unknown> } | null;
  return doc?.config ?? {};
}

export interface OfflineRun {
  stack: string;
  example: Example;
  result: ExampleResult;
  recorder: MockRecorder;
}

/**
 * Runs an example stack's program in-process under the Pulumi SDK's mocks with the stack's config,
 * and waits until every resource has registered. Nothing reaches a cloud.
 */
export async function runStackOffline(stack: string, options: { preview?: boolean } = {}): Promise<OfflineRun> {
  const stacks = stackNames();
  if (!stacks.includes(stack)) throw new PortcatalogError(`unknown stack "${stack}": use ${oneOf(stacks)}`);
  const recorder = await setupMocks({
    project: EXAMPLES_PROJECT,
    stack,
    config: stackConfig(stack),
    preview: options.preview,
    // The AWS examples look up the region's default VPC when no vpcId is configured.
    calls: { "aws:ec2/getVpc:getVpc": { id: "vpc-0default" } },
  });
  const example = EXAMPLES[stack];
  const result = example.run();
  await recorder.settled();
  return { stack, example, result, recorder };
}

// ---- A user's own Pulumi project ----

interface ProjectFile {
  name?: unknown;
  runtime?: unknown;
  main?: unknown;
  stackConfigDir?: unknown;
  config?: Record<string, unknown>;
}

/** What `plan --stack` read from a Pulumi project directory. */
export interface PulumiProject {
  dir: string;
  name: string;
  /** The program's entry file. */
  entry: string;
  /** Where `Pulumi.<stack>.yaml` files live. */
  stackConfigDir: string;
}

/** Reads `Pulumi.yaml` of a Node.js Pulumi project and finds its program, as the Pulumi CLI does. */
export function readProject(dir: string): PulumiProject {
  const file = ["Pulumi.yaml", "Pulumi.yml"].map((f) => join(dir, f)).find(existsSync);
  if (!file) throw new PortcatalogError(`no Pulumi.yaml in ${dir}: run plan --stack inside a Pulumi project, or plan --example <name> for an example`);
  const doc = (readYaml(file) ?? {}) as ProjectFile;
  if (typeof doc.name !== "string" || !doc.name) throw new PortcatalogError(`${file}: "name" must be the project's name, got ${JSON.stringify(doc.name)}`);
  const runtime = typeof doc.runtime === "object" && doc.runtime !== null ? (doc.runtime as { name?: unknown }).name : doc.runtime;
  if (runtime !== "nodejs") throw new PortcatalogError(`${file}: runtime is ${JSON.stringify(runtime)}; plan runs Node.js programs only (runtime: nodejs)`);
  if (doc.main !== undefined && typeof doc.main !== "string") throw new PortcatalogError(`${file}: "main" must be a path, got ${JSON.stringify(doc.main)}`);
  const base = resolvePath(dir, doc.main ?? ".");
  if (!isInside(dir, base)) throw new PortcatalogError(`${file}: "main" (${doc.main}) is outside the project`);
  const configDir = typeof doc.stackConfigDir === "string" ? resolvePath(dir, doc.stackConfigDir) : dir;
  return { dir, name: doc.name, entry: programEntry(base, file), stackConfigDir: configDir };
}

const isInside = (dir: string, path: string) => {
  const rel = relative(dir, path);
  return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
};

/** A file is the entry; a directory's is its package.json `main`, else index.ts, else index.js. */
function programEntry(base: string, projectFile: string): string {
  if (!existsSync(base)) throw new PortcatalogError(`${projectFile}: the program ${base} does not exist`);
  if (statSync(base).isFile()) return base;
  const pkg = join(base, "package.json");
  const main = existsSync(pkg) ? (JSON.parse(readFileSync(pkg, "utf8")) as { main?: unknown }).main : undefined;
  const candidates = [...(typeof main === "string" ? [join(base, main), join(base, main.replace(/\.js$/, ".ts"))] : []), join(base, "index.ts"), join(base, "index.js")];
  const found = candidates.find((c) => existsSync(c) && statSync(c).isFile());
  if (!found) throw new PortcatalogError(`${projectFile}: no program in ${base} (looked for ${candidates.map((c) => relative(base, c)).join(", ")})`);
  return found;
}

/** Whether the directory holds a user's Pulumi project (`Pulumi.yaml`), not this repository's examples project. */
export function isPulumiProject(dir: string): boolean {
  const file = ["Pulumi.yaml", "Pulumi.yml"].map((f) => join(dir, f)).find(existsSync);
  return file !== undefined && (readYaml(file) as ProjectFile | null)?.name !== EXAMPLES_PROJECT;
}

/** The stacks with config in a project (`Pulumi.<stack>.yaml`). */
function stacksOf(project: PulumiProject): string[] {
  return existsSync(project.stackConfigDir) ? readdirSync(project.stackConfigDir).flatMap((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1] ?? []).sort() : [];
}

/** The project's one stack, for `plan` without `--stack`; with none or several, an error saying which to name. */
export function onlyStack(dir: string): string {
  const project = readProject(resolvePath(dir));
  const stacks = stacksOf(project);
  if (stacks.length === 1) return stacks[0];
  const which = stacks.length ? `stacks with config here are ${oneOf(stacks)}` : "no stack has config here (Pulumi.<stack>.yaml)";
  throw new PortcatalogError(`${project.dir} is the Pulumi project "${project.name}": plan it with --stack <stack> (${which}), or plan one of portcatalog's examples with --example <name>`);
}

/** The stack's config, as the Pulumi CLI would hand it to the program: project defaults, then `Pulumi.<stack>.yaml`. */
export function projectConfig(project: PulumiProject, stack: string): { config: Record<string, unknown>; secrets: string[] } {
  if (!/^[A-Za-z0-9_.-]+$/.test(stack)) throw new PortcatalogError(`--stack "${stack}" is not a stack name: use letters, digits, "-", "_" or "."`);
  const file = join(project.stackConfigDir, `Pulumi.${stack}.yaml`);
  if (!existsSync(file)) {
    const found = stacksOf(project);
    throw new PortcatalogError(`no Pulumi.${stack}.yaml in ${project.stackConfigDir}: stacks with config here are ${found.length ? oneOf(found) : "none"}`);
  }
  const key = (k: string) => (k.includes(":") ? k : `${project.name}:${k}`);
  const config: Record<string, unknown> = {};
  const projectFile = readYaml(join(project.dir, existsSync(join(project.dir, "Pulumi.yaml")) ? "Pulumi.yaml" : "Pulumi.yml")) as ProjectFile;
  for (const [k, v] of Object.entries(projectFile?.config ?? {})) {
    // Project-level config: a plain value, or a declaration with a default.
    const value = v !== null && typeof v === "object" && !Array.isArray(v) ? (v as { default?: unknown; value?: unknown }).value ?? (v as { default?: unknown }).default : v;
    if (value !== undefined) config[key(k)] = value;
  }
  const doc = (readYaml(file) ?? {}) as { config?: Record<string, unknown> };
  const secrets: string[] = [];
  for (const [k, v] of Object.entries(doc.config ?? {})) {
    // Secrets need the stack's key to decrypt; a plan runs without it.
    if (v !== null && typeof v === "object" && "secure" in v) {
      secrets.push(key(k));
      config[key(k)] = "[secret]";
    } else config[key(k)] = v;
  }
  return { config, secrets };
}

/** A module resolved from the project's directory, as its program would load it. */
function projectRequire<T>(project: PulumiProject, id: string): T | undefined {
  let path: string;
  try {
    path = require.resolve(id, { paths: [project.dir] });
  } catch {
    return undefined;
  }
  return require(path) as T;
}

/**
 * The compiler options the Pulumi CLI gives ts-node (@pulumi/pulumi cmd/run): its defaults (NodeNext
 * from TypeScript 4.7 on, else CommonJS) under the project's own tsconfig `compilerOptions`, which win
 * whatever they say (Pulumi's templates write `module`/`moduleResolution: nodenext` since March 2026,
 * pulumi/templates commit 81e6522; older projects `commonjs`/`node`).
 */
export function tsCompilerOptions(typescriptPath: string, tsconfig: string): Record<string, unknown> {
  const ts = require(typescriptPath) as { version: string; parseConfigFileTextToJson(file: string, text: string): { config?: { compilerOptions?: Record<string, unknown> } } };
  const [major, minor] = ts.version.split(".").map(Number);
  const nodeNext = major > 4 || (major === 4 && minor >= 7);
  const own = existsSync(tsconfig) ? ts.parseConfigFileTextToJson(tsconfig, readFileSync(tsconfig, "utf8")).config?.compilerOptions ?? {} : {};
  return { target: "ES2020", module: nodeNext ? "nodenext" : "commonjs", moduleResolution: nodeNext ? "nodenext" : "node", sourceMap: true, ...own };
}

/**
 * Lets Node load the program's TypeScript: tsx when the project has it (fast, no type check);
 * otherwise ts-node as the Pulumi CLI uses it (the project's own, or the one @pulumi/pulumi ships),
 * in transpile-only mode: a plan shows what would be registered, `tsc` checks the types.
 */
function registerTypeScript(project: PulumiProject): string {
  const tsx = projectRequire<{ register(): unknown }>(project, "tsx/cjs/api");
  if (tsx) {
    tsx.register();
    return "tsx";
  }
  const typescript = (() => {
    try {
      return require.resolve("typescript", { paths: [project.dir] });
    } catch {
      return undefined;
    }
  })();
  const tsNodePath = (() => {
    for (const id of ["ts-node", "@pulumi/pulumi/vendor/ts-node@7.0.1"]) {
      try {
        return require.resolve(id, { paths: [project.dir] });
      } catch {}
    }
    return undefined;
  })();
  if (!typescript || !tsNodePath) {
    throw new PortcatalogError(`${project.entry} is TypeScript, and the project has neither tsx nor typescript with ts-node: npm install --save-dev tsx (or typescript)`);
  }
  const tsconfig = join(project.dir, process.env.PULUMI_NODEJS_TSCONFIG_PATH ?? "tsconfig.json");
  const prepareStackTrace = Error.prepareStackTrace;
  (require(tsNodePath) as { register(o: object): unknown }).register({
    transpileOnly: true,
    compiler: typescript,
    skipProject: !existsSync(tsconfig),
    project: existsSync(tsconfig) ? tsconfig : undefined,
    compilerOptions: tsCompilerOptions(typescript, tsconfig),
  });
  // ts-node installs source-map-support, which maps every stack the Pulumi SDK takes (one per
  // promise) back to TypeScript: a quarter of the plan's time, for stacks a plan never prints
  // unless PORTCATALOG_DEBUG is set.
  if (!process.env.PORTCATALOG_DEBUG) Error.prepareStackTrace = prepareStackTrace;
  return "ts-node";
}

export interface ProjectRun {
  project: PulumiProject;
  stack: string;
  recorder: MockRecorder;
  /** Reports of the portcatalog components the program constructed, in construction order. */
  reports: ComponentReport[];
  /** The same for its Azure components, one per network security group. */
  azureReports: AzureReport[];
  /** The same for its Kubernetes components. */
  kubernetesReports: KubernetesReport[];
  /** Config keys whose secret values the plan could not read. */
  secrets: string[];
  /** How the program's TypeScript was loaded (`tsx`, `ts-node`), or `javascript`. */
  loader: string;
}

/**
 * Runs a user's Pulumi program (a `Pulumi.yaml` with `runtime: nodejs`) in this process under the
 * Pulumi SDK's mocks, with the stack's config, inside a Stack resource as `pulumi preview` runs it.
 * The program's own `@pulumi/pulumi` and `portcatalog` are used, so its components are seen.
 */
export async function runProjectOffline(dir: string, stack: string, options: { preview?: boolean } = {}): Promise<ProjectRun> {
  const project = readProject(resolvePath(dir));
  const { config, secrets } = projectConfig(project, stack);
  const sdk = projectRequire<typeof pulumi>(project, "@pulumi/pulumi");
  if (!sdk) throw new PortcatalogError(`no @pulumi/pulumi installed for ${project.dir}: run npm install there first`);
  const catalog = projectRequire<{ reportOf(c: pulumi.ComponentResource): ComponentReport; azureReportsOf?(c: pulumi.ComponentResource): AzureReport[]; kubernetesReportOf?(c: pulumi.ComponentResource): KubernetesReport }>(project, "portcatalog");
  const typescript = [".ts", ".mts", ".cts", ".tsx"].includes(extname(project.entry));
  const loader = typescript ? registerTypeScript(project) : "javascript";

  const recorder = await setupMocks({ sdk, project: project.name, stack, config, preview: options.preview, echoWarnings: false });
  const constructed: pulumi.Resource[] = [];
  const cwd = process.cwd();
  process.chdir(project.dir); // programs read files relative to their project, as under the CLI
  // A program can fail after it returns, in an apply or a timer: `pulumi up` fails the update with that
  // error, so the plan does too, as one error rather than Node's crash with a stack trace.
  const failures: unknown[] = [];
  const failed = (err: unknown) => void failures.push(err);
  process.on("unhandledRejection", failed);
  process.on("uncaughtException", failed);
  try {
    await sdk.runtime.runInPulumiStack(async () => {
      // Every resource the program constructs passes here, so its components can be reported.
      sdk.runtime.registerStackTransformation((args) => {
        constructed.push(args.resource);
        return undefined;
      });
      const loaded = require(project.entry) as { default?: unknown };
      const main = loaded && typeof loaded === "object" && "default" in loaded && typeof loaded.default === "function" ? loaded.default : loaded;
      return typeof main === "function" ? await (main as () => unknown)() : loaded;
    });
    await recorder.settled();
  } finally {
    process.chdir(cwd);
    process.off("unhandledRejection", failed);
    process.off("uncaughtException", failed);
  }
  if (failures.length) {
    const [first] = failures;
    throw first instanceof Error ? first : new PortcatalogError(`the program failed: ${typeof first === "string" ? first : JSON.stringify(first) ?? String(first)}`);
  }
  const reports: ComponentReport[] = [];
  const azureReports: AzureReport[] = [];
  const kubernetesReports: KubernetesReport[] = [];
  for (const resource of constructed) {
    if (!catalog || !(resource instanceof sdk.ComponentResource)) continue;
    try {
      reports.push(catalog.reportOf(resource));
    } catch {
      try {
        // A portcatalog older than azureReportsOf has no Azure components to report.
        azureReports.push(...(catalog.azureReportsOf?.(resource) ?? []));
      } catch {
        try {
          // A portcatalog older than kubernetesReportOf has no Kubernetes components.
          if (catalog.kubernetesReportOf) kubernetesReports.push(catalog.kubernetesReportOf(resource));
        } catch {
          // Not a portcatalog component.
        }
      }
    }
  }
  return { project, stack, recorder, reports, azureReports, kubernetesReports, secrets, loader };
}
