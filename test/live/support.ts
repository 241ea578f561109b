// The live tier's tools: a fresh OpenStack project per test, a Pulumi project in a temporary directory
// run by the real CLI (file backend), Neutron's own view of the rules, and the offline plan's.
import { execFileSync, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "chai";

export const ROOT = join(__dirname, "..", "..");
const LIVE = join(ROOT, ".live");
/** The Debian openstack client, with Debian's python whatever python3 PATH finds. */
const OPENSTACK = ["/usr/bin/python3", "/usr/bin/openstack"];
const NEUTRON = "http://127.0.0.1:9696/v2.0";

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function run(cmd: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string; timeout?: number } = {}): Run {
  const r = spawnSync(cmd, args, { cwd: options.cwd ?? ROOT, env: { ...process.env, ...options.env }, encoding: "utf8", input: options.input, maxBuffer: 256 * 1024 * 1024, timeout: options.timeout ?? 900_000 });
  return { status: r.status, stdout: r.stdout ?? "", stderr: `${r.stderr ?? ""}${r.error ? String(r.error) : ""}` };
}

export function ok(r: Run, what: string): Run {
  expect(r.status, `${what} exited ${r.status}\n${r.stdout.slice(-4000)}\n${r.stderr.slice(-4000)}`).to.equal(0);
  return r;
}

/** The admin's environment, as `npm run live:start` wrote it. */
export function adminEnv(): Record<string, string> {
  const file = join(LIVE, "env.sh");
  if (!existsSync(file)) throw new Error("no .live/env.sh: run `npm run live:start` (or `npm run test:live`)");
  const env: Record<string, string> = {};
  for (const line of readFileSync(file, "utf8").split("\n")) {
    for (const m of line.matchAll(/(\w+)=(\S+)/g)) env[m[1]] = m[2].replace("$PATH", process.env.PATH ?? "");
  }
  return env;
}

export function openstack(args: string[], env: Record<string, string> = adminEnv()): unknown {
  const r = ok(run(OPENSTACK[0], [...OPENSTACK.slice(1), ...args, "-f", "json"], { env }), `openstack ${args.join(" ")}`);
  return r.stdout.trim() ? JSON.parse(r.stdout) : undefined;
}

let token: { id: string; at: number } | undefined;
/** An admin token, reused for a few minutes. */
function adminToken(): string {
  if (!token || Date.now() - token.at > 5 * 60_000) {
    const t = openstack(["token", "issue"]) as { id: string };
    token = { id: t.id, at: Date.now() };
  }
  return token.id;
}

/** Neutron's API as an admin (the client hides descriptions from rule lists). */
export async function neutron<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${NEUTRON}${path}`, { method, headers: { "X-Auth-Token": adminToken(), "Content-Type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  if (!res.ok) throw new Error(`Neutron ${method} ${path}: ${res.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

export interface NeutronRule {
  id: string;
  security_group_id: string;
  direction: string;
  ethertype: string;
  protocol: string | null;
  port_range_min: number | null;
  port_range_max: number | null;
  remote_ip_prefix: string | null;
  remote_group_id: string | null;
  description: string | null;
}
export interface NeutronGroup {
  id: string;
  name: string;
  description: string;
  tags: string[];
}

/** A fresh OpenStack project the admin works in, deleted (with what is left in it) afterwards. */
export class Project {
  readonly name: string;
  readonly id: string;
  constructor(tag: string) {
    this.name = `pc-${tag}-${randomBytes(3).toString("hex")}`;
    this.id = (openstack(["project", "create", "--domain", "Default", this.name]) as { id: string }).id;
    ok(run(OPENSTACK[0], [...OPENSTACK.slice(1), "role", "add", "--project", this.name, "--user", "admin", "admin"], { env: adminEnv() }), "role add");
  }
  /** The OpenStack part of a program's environment: the admin, scoped to this project. */
  env(): Record<string, string> {
    return { ...adminEnv(), OS_PROJECT_NAME: this.name };
  }
  async groups(): Promise<NeutronGroup[]> {
    return (await neutron<{ security_groups: NeutronGroup[] }>("GET", `/security-groups?project_id=${this.id}`)).security_groups;
  }
  async rules(): Promise<NeutronRule[]> {
    return (await neutron<{ security_group_rules: NeutronRule[] }>("GET", `/security-group-rules?project_id=${this.id}`)).security_group_rules;
  }
  async setRuleQuota(n: number): Promise<void> {
    await neutron("PUT", `/quotas/${this.id}`, { quota: { security_group_rule: n } });
  }
  async ruleQuota(): Promise<{ limit: number; used: number }> {
    const q = await neutron<{ quota: { security_group_rule: { limit: number; used: number } } }>("GET", `/quotas/${this.id}/details`);
    return q.quota.security_group_rule;
  }
  /** Makes Neutron create the project's default group, as any first use of its API does. */
  async touch(): Promise<void> {
    const r = run(OPENSTACK[0], [...OPENSTACK.slice(1), "security", "group", "list", "--project", this.id, "-f", "json"], { env: this.env() });
    ok(r, "security group list");
  }
  async remove(): Promise<void> {
    for (const g of await this.groups()) if (g.name !== "default") await neutron("DELETE", `/security-groups/${g.id}`).catch(() => undefined);
    for (const g of await this.groups()) await neutron("DELETE", `/security-groups/${g.id}`).catch(() => undefined);
    run(OPENSTACK[0], [...OPENSTACK.slice(1), "project", "delete", this.name], { env: adminEnv() });
  }
}

/** Rules of some groups as comparable lines; group and remote group ids through `names`. */
export function neutronLines(rules: NeutronRule[], names: Map<string, string>): string[] {
  return rules
    .filter((r) => names.has(r.security_group_id))
    .map((r) => {
      const group = names.get(r.security_group_id);
      const ports = r.protocol === null ? "all" : r.port_range_min === r.port_range_max ? `${r.port_range_min}` : `${r.port_range_min}-${r.port_range_max}`;
      const peer = r.remote_ip_prefix ?? (r.remote_group_id ? (r.remote_group_id === r.security_group_id ? "self" : `sg:${names.get(r.remote_group_id) ?? r.remote_group_id}`) : `anywhere-${r.ethertype.toLowerCase()}`);
      return `${group} ${r.direction} ${r.ethertype} ${r.protocol ?? "all"} ${ports} ${peer} | ${r.description ?? ""}`;
    })
    .sort();
}

export interface PlanJson {
  resources: { type: string; name: string; parent: string | null; inputs: Record<string, unknown> }[];
  rules: { group: string; name: string; direction: string; protocol: string; ports: string; peer: string; description: string; entries?: string[] }[];
}

const OS_GROUP = "openstack:networking/secGroup:SecGroup";
const OS_RULE = "openstack:networking/secGroupRule:SecGroupRule";

/** The offline plan's rules as the same lines: ethertype and group names from its resources. */
export function planLines(plan: PlanJson): string[] {
  const mockGroups = new Map(plan.resources.filter((r) => r.type === OS_GROUP).map((r) => [`${r.name}-id`, r.name]));
  const lines: string[] = [];
  for (const r of plan.resources.filter((x) => x.type === OS_RULE)) {
    const i = r.inputs;
    const group = mockGroups.get(String(i.securityGroupId)) ?? String(i.securityGroupId);
    const protocol = (i.protocol as string | undefined) ?? "all";
    const ports = protocol === "all" ? "all" : i.portRangeMin === i.portRangeMax ? `${i.portRangeMin}` : `${i.portRangeMin}-${i.portRangeMax}`;
    const remote = i.remoteGroupId === undefined ? undefined : String(i.remoteGroupId);
    const peer = (i.remoteIpPrefix as string | undefined) ?? (remote ? (remote === i.securityGroupId ? "self" : `sg:${mockGroups.get(remote) ?? remote}`) : `anywhere-${String(i.ethertype).toLowerCase()}`);
    lines.push(`${group} ${i.direction} ${i.ethertype} ${protocol} ${ports} ${peer} | ${(i.description as string | undefined) ?? ""}`);
  }
  for (const r of plan.rules.filter((x) => x.name.includes("-neutron-default-egress-"))) {
    const family = r.peer.endsWith("ipv6") ? "IPv6" : "IPv4";
    lines.push(`${r.group} egress ${family} all all ${r.peer} | `);
  }
  return lines.sort();
}

/** The CLI as users run it (the built one: `npm ci` built dist/). */
export function portcatalog(args: string[], cwd = ROOT, env: Record<string, string> = {}): Run {
  return run(process.execPath, [join(ROOT, "dist", "cli", "main.js"), ...args], { cwd, env });
}

/** A Pulumi project in a temporary directory, run by the real CLI with a file backend. */
export class PulumiProject {
  readonly dir: string;
  readonly env: Record<string, string>;
  constructor(dir: string, env: Record<string, string>) {
    this.dir = dir;
    const home = join(LIVE, "pulumi-home");
    mkdirSync(join(dir, ".state"), { recursive: true });
    mkdirSync(home, { recursive: true });
    this.env = {
      ...env,
      PULUMI_BACKEND_URL: `file://${join(dir, ".state")}`,
      PULUMI_CONFIG_PASSPHRASE: "portcatalog-live",
      PULUMI_HOME: home,
      PULUMI_SKIP_UPDATE_CHECK: "1",
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "1",
      PULUMI_SKIP_CONFIRMATIONS: "1",
      PULUMI_COLOR: "never",
      PORTCATALOG_DEBUG: "",
    };
  }
  pulumi(args: string[], timeout?: number): Run {
    return run("pulumi", [...args, "--non-interactive"], { cwd: this.dir, env: this.env, timeout });
  }
  must(args: string[]): Run {
    return ok(this.pulumi(args), `pulumi ${args.join(" ")}`);
  }
  /** `pulumi preview --json`'s steps: op per resource name. */
  previewOps(extra: string[] = []): Map<string, string> {
    const r = this.must(["preview", "--json", ...extra]);
    const steps = (JSON.parse(r.stdout) as { steps?: { op: string; urn: string }[] }).steps ?? [];
    return new Map(steps.map((s) => [s.urn.split("::").pop() as string, s.op]));
  }
  /** Group id -> resource name, from the stack's state. */
  groupNames(): Map<string, string> {
    const state = JSON.parse(this.must(["stack", "export"]).stdout) as { deployment: { resources?: { type: string; urn: string; id?: string }[] } };
    return new Map((state.deployment.resources ?? []).filter((r) => r.type === OS_GROUP && r.id).map((r) => [r.id as string, r.urn.split("::").pop() as string]));
  }
  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Files of this repository the examples' program needs (the root Pulumi.yaml runs stacks/index.ts). */
const EXAMPLE_FILES = ["Pulumi.yaml", "package.json", "tsconfig.json", "index.ts", "catalog", "planner", "components", "stacks", "testing", "policy", "audit", "cli"];

/** A copy of the repository's example project, so `pulumi stack init` writes nothing into the repository. */
export function exampleProject(env: Record<string, string>): PulumiProject {
  const dir = mkdtempSync(join(tmpdir(), "portcatalog-live-"));
  for (const f of EXAMPLE_FILES) cpSync(join(ROOT, f), join(dir, f), { recursive: true });
  symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"));
  return new PulumiProject(dir, env);
}

/** A new Pulumi TypeScript project with `program` as index.ts, using this repository's library and node_modules. */
export function programProject(program: string, env: Record<string, string>): PulumiProject {
  const dir = mkdtempSync(join(tmpdir(), "portcatalog-live-"));
  writeFileSync(join(dir, "Pulumi.yaml"), "name: live\nruntime:\n  name: nodejs\n  options:\n    typescript: true\n");
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "live", main: "index.ts" }));
  cpSync(join(ROOT, "test", "fixtures", "consumer", "tsconfig.json"), join(dir, "tsconfig.json"));
  writeFileSync(join(dir, "index.ts"), program);
  symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"));
  return new PulumiProject(dir, env);
}

/** The built library (what the package ships), for programProject's programs. */
export const LIBRARY = join(ROOT, "dist", "index");

const { isFresh } = require("../../scripts/build-stamp.cjs") as { isFresh: () => boolean };
// What `pulumi new typescript` installs, besides portcatalog and its own dependencies.
const PROJECT_DEPS = ["@pulumi", "typescript", "@types", "ipaddr.js", "yaml", "zod"];

/** The package as it is published: built if stale, packed into dir; returns the tarball's file name. */
function pack(dir: string): string {
  if (!isFresh()) ok(run("npm", ["run", "-s", "build"]), "npm run build");
  return ok(run("npm", ["pack", "--ignore-scripts", "--silent", "--pack-destination", dir]), "npm pack").stdout.trim().split("\n").pop() as string;
}

/**
 * A new JavaScript project whose dependencies npm really installs: the packed tarball and `dependencies`
 * (name -> version), so node_modules holds what a user's would, required peers included. npm prefers
 * its cache (filled by the repository's own install). Returns the directory; `program` is index.js.
 */
export function npmProject(program: string, dependencies: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "portcatalog-live-npm-"));
  const packed = pack(dir);
  writeFileSync(join(dir, "Pulumi.yaml"), "name: edge\nruntime:\n  name: nodejs\n  options:\n    typescript: false\n");
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "edge", main: "index.js", dependencies: { portcatalog: `file:${packed}`, ...dependencies } }));
  writeFileSync(join(dir, "index.js"), program);
  ok(run("npm", ["install", "--prefer-offline", "--ignore-scripts", "--no-audit", "--no-fund"], { cwd: dir }), "npm install");
  return dir;
}

/**
 * A new project from Pulumi's TypeScript template (its Pulumi.yaml, package.json and tsconfig.json)
 * with the packed tarball installed, `program` as index.ts. Returns the directory and the installed CLI.
 */
export function installedProject(program: string): { dir: string; bin: string; pkg: string } {
  const dir = mkdtempSync(join(tmpdir(), "portcatalog-live-installed-"));
  const packed = pack(dir);
  const pkg = join(dir, "node_modules", "portcatalog");
  mkdirSync(pkg, { recursive: true });
  execFileSync("tar", ["xzf", join(dir, packed), "-C", pkg, "--strip-components=1"]);
  for (const dep of PROJECT_DEPS) symlinkSync(join(ROOT, "node_modules", dep), join(dir, "node_modules", dep));
  writeFileSync(join(dir, "Pulumi.yaml"), "name: edge\nruntime:\n  name: nodejs\n  options:\n    typescript: true\n");
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "edge", main: "index.ts", dependencies: { portcatalog: `file:${packed}` } }));
  cpSync(join(ROOT, "test", "fixtures", "consumer", "tsconfig.json"), join(dir, "tsconfig.json"));
  writeFileSync(join(dir, "tsconfig.json"), readFileSync(join(dir, "tsconfig.json"), "utf8").replace(/"files":\s*\[[^\]]*\]/, '"files": ["index.ts"]'));
  writeFileSync(join(dir, "index.ts"), program);
  return { dir, bin: join(pkg, "dist", "cli", "main.js"), pkg };
}
