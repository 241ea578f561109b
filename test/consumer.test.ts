// What a user does with the published package, offline: build and `npm pack`, install the tarball
// into a new Pulumi TypeScript project (test/consumer/: Pulumi's template tsconfig, a program, a
// unit test), then typecheck, test, plan and diff there, and load the component package.
//
// The package's dependencies resolve from this repository's node_modules (symlinked, as npm would
// lay them out); tsx is deliberately absent, so `plan` loads the program as the Pulumi CLI does
// (ts-node). Expensive steps are cached under node_modules/.cache by a hash of everything they
// read, so an unchanged package is not rebuilt; any change to a shipped file rebuilds.
import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, relative } from "node:path";
import { expect } from "chai";
import { readmeSnippets } from "./readme-snippets.js";

const ROOT = join(__dirname, "..");
const FIXTURE = join(__dirname, "fixtures", "consumer");
const NODE_MODULES = join(ROOT, "node_modules");
const CACHE = join(NODE_MODULES, ".cache", "portcatalog-consumer");
// tsc's diagnostics for the project's files and ours; see the script for why not all of tsc's.
const CHECK = join(__dirname, "support", "check-project.cjs");
const { isFresh } = require("../scripts/build-stamp.cjs") as { isFresh: () => boolean };
const MOCHA = join(NODE_MODULES, "mocha", "bin", "mocha.js");
// What a `pulumi new aws-typescript` project has installed, besides portcatalog and its dependencies.
const PROJECT_DEPS = ["@pulumi", "typescript", "@types", "mocha", "chai", "ipaddr.js", "yaml", "zod"];
const COMPONENTS = [
  "AnboxApplianceNetworkSecurityGroup",
  "AnboxApplianceSecGroup",
  "AnboxApplianceSecurityGroup",
  "AnboxCloudNetworkSecurityGroup",
  "AnboxCloudSecGroup",
  "AnboxCloudSecurityGroup",
  "CatalogDeploymentNetworkPolicies",
  "CatalogDeploymentNetworkSecurityGroups",
  "CatalogDeploymentSecGroups",
  "CatalogDeploymentSecurityGroups",
  "CatalogNetworkSecurityGroup",
  "CatalogNetworkSecurityRules",
  "CatalogSecGroup",
  "CatalogSecGroupRules",
  "CatalogSecurityGroup",
  "CatalogSecurityGroupRules",
  "OpenStackComputeRules",
  "OpenStackComputeSecurityGroup",
  "OpenStackControllerRules",
  "OpenStackControllerSecurityGroup",
  "OpenStackHelmNetworkPolicies",
  "OpenStackNetworkRules",
  "OpenStackNetworkSecurityGroup",
  "OpenStackStorageRules",
  "OpenStackStorageSecurityGroup",
  "Wso2NetworkPolicies",
  "Wso2NetworkSecurityGroup",
  "Wso2SecGroup",
  "Wso2SecurityGroup",
];
/** The optional peer: the project starts without it, as an AWS- or OpenStack-only project would. */
const AZURE = "@pulumi/azure-native";
/** Optional too, and never installed in that project: an AWS- or OpenStack-only project must not need it. */
const KUBERNETES = "@pulumi/kubernetes";

function filesUnder(path: string): string[] {
  if (!existsSync(path)) return [];
  if (statSync(path).isFile()) return [path];
  return readdirSync(path)
    .sort()
    .flatMap((f) => filesUnder(join(path, f)));
}

/** A hash of every file that goes into the package or this test's project, and the tools' versions. */
function inputsHash(): string {
  const hash = createHash("sha256");
  const inputs = ["index.ts", "audit", "catalog", "planner", "components", "cli", "stacks", "testing", "policy", "policy-pack", "scripts", "docs", "package.json", "tsconfig.json", "tsconfig.build.json", "README.md", "LICENSE", "plugin.ts", "test/fixtures/consumer", "test/support/check-project.cjs"];
  for (const file of inputs.flatMap((i) => filesUnder(join(ROOT, i)))) hash.update(relative(ROOT, file)).update("\0").update(readFileSync(file)).update("\0");
  for (const dep of ["typescript", "@pulumi/pulumi", "@pulumi/aws", "@pulumi/openstack", AZURE, KUBERNETES]) hash.update(readFileSync(join(NODE_MODULES, dep, "package.json")));
  return hash.digest("hex").slice(0, 20);
}

function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(cmd, args, { cwd, encoding: "utf8", env: { ...process.env, PORTCATALOG_DEBUG: "", ...env }, maxBuffer: 64 * 1024 * 1024 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function ok(r: ReturnType<typeof run>, what: string) {
  expect(r.status, `${what}\n${r.stdout.slice(-3000)}\n${r.stderr.slice(-3000)}`).to.equal(0);
  return r;
}

/** Runs `step` unless a marker for this hash says it already passed with these inputs. */
function once(key: string, step: string, fn: () => string): string {
  const marker = join(CACHE, key, `${step}.ok`);
  if (existsSync(marker)) return readFileSync(marker, "utf8");
  const out = fn();
  writeFileSync(marker, out);
  return out;
}

/**
 * The installed README's TypeScript blocks become files of the project, typechecked with it:
 * programs run under mocks from a generated spec, tests run as they are.
 */
function addReadmeSnippets(dir: string, readme: string): void {
  const snippets = readmeSnippets(readFileSync(readme, "utf8"));
  const files = snippets.map((s, i) => (s.kind === "program" ? `readme-${i + 1}.ts` : `readme-${i + 1}.spec.ts`));
  snippets.forEach((s, i) => writeFileSync(join(dir, files[i]), s.code));
  const programs = files.filter((f) => !f.endsWith(".spec.ts")).map((f) => f.replace(/\.ts$/, ""));
  writeFileSync(
    join(dir, "readme-programs.spec.ts"),
    [
      'import * as assert from "node:assert";',
      'import { setupMocks } from "portcatalog/testing";',
      'describe("the README\'s programs", () => {',
      ...programs.map((f) => `  it(${JSON.stringify(f)}, async () => {\n    const recorder = await setupMocks({ project: "edge", stack: "dev" });\n    const exported = require(${JSON.stringify(`./${f}`)});\n    await recorder.settled();\n    assert.ok(recorder.resources.length + Object.keys(exported).length > 0);\n  });`),
      "});",
      "",
    ].join("\n"),
  );
  // @pulumi/policy's own declarations need skipLibCheck, so snippets that use it go with policies.ts.
  const usesPolicy = (i: number) => /from "(portcatalog\/policy|@pulumi\/policy)"/.test(snippets[i].code);
  const add = (config: string, names: string[]) => {
    const json = JSON.parse(readFileSync(join(dir, config), "utf8")) as { files: string[] };
    json.files.push(...names);
    writeFileSync(join(dir, config), JSON.stringify(json, null, 2));
  };
  for (const config of ["tsconfig.json", "tsconfig.nodenext.json"]) add(config, [...files.filter((_, i) => !usesPolicy(i)), "readme-programs.spec.ts"]);
  add("tsconfig.policy.json", files.filter((_, i) => usesPolicy(i)));
}

/** The package packed once per hash of its inputs (`npm pack`, as a user installing from a tarball). */
function packedTarball(): { key: string; tarball: string } {
  const key = inputsHash();
  mkdirSync(join(CACHE, key), { recursive: true });
  // Results for other inputs are stale; an hour's grace, for another checkout's run sharing this node_modules.
  for (const old of readdirSync(CACHE)) if (old !== key && statSync(join(CACHE, old)).mtimeMs < Date.now() - 3_600_000) rmSync(join(CACHE, old), { recursive: true, force: true });
  const tarball = join(CACHE, key, "portcatalog.tgz");
  if (!existsSync(tarball)) {
    // The dist/ that `npm ci` built through `prepare`, if the sources are unchanged since; else one
    // build. --ignore-scripts so pack does not build again through `prepare`.
    if (!isFresh()) ok(run("npm", ["run", "-s", "build"], ROOT), "npm run build");
    const packed = ok(run("npm", ["pack", "--ignore-scripts", "--silent", "--pack-destination", join(CACHE, key)], ROOT), "npm pack").stdout.trim().split("\n").pop() as string;
    cpSync(join(CACHE, key, packed), tarball);
    rmSync(join(CACHE, key, packed));
  }
  return { key, tarball };
}

describe("consumer: the packed package installed into a new Pulumi project", function () {
  this.timeout(600_000);
  let key: string;
  let tarball: string;
  let project: string;
  let pkg: string;
  let bin: string;
  const started = Date.now();

  before(() => {
    ({ key, tarball } = packedTarball());
    // A fresh project: the fixture's files, the tarball unpacked where npm would put it, the rest linked.
    project = mkdtempSync(join(tmpdir(), "portcatalog-consumer-"));
    cpSync(FIXTURE, project, { recursive: true });
    pkg = join(project, "node_modules", "portcatalog");
    mkdirSync(pkg, { recursive: true });
    execFileSync("tar", ["xzf", tarball, "-C", pkg, "--strip-components=1"]);
    // Each @pulumi package but the optional azure-native, which the Azure test links and unlinks, and kubernetes (never).
    mkdirSync(join(project, "node_modules", "@pulumi"));
    for (const dep of PROJECT_DEPS.flatMap((d) => (d === "@pulumi" ? readdirSync(join(NODE_MODULES, d)).filter((p) => `@pulumi/${p}` !== AZURE && `@pulumi/${p}` !== KUBERNETES).map((p) => `@pulumi/${p}`) : [d]))) {
      symlinkSync(join(NODE_MODULES, dep), join(project, "node_modules", dep));
    }
    bin = join(pkg, JSON.parse(readFileSync(join(pkg, "package.json"), "utf8")).bin.portcatalog);
    addReadmeSnippets(project, join(pkg, "README.md"));
  });

  after(() => {
    if (project) rmSync(project, { recursive: true, force: true });
    process.stdout.write(`      (consumer test: ${((Date.now() - started) / 1000).toFixed(1)} s, cache key ${key})\n`);
  });

  it("the tarball ships the package, the policy pack and the component sources, and nothing only for development", () => {
    const files = execFileSync("tar", ["tzf", tarball], { encoding: "utf8" })
      .trim()
      .split("\n")
      .map((f) => f.replace(/^package\//, ""));
    expect(files).to.include.members([
      "package.json",
      "README.md",
      "LICENSE",
      "dist/PulumiPlugin.yaml",
      "dist/package.json",
      "dist/plugin.js",
      "tsconfig.json",
      "index.ts",
      "dist/index.js",
      "dist/index.d.ts",
      "dist/cli/main.js",
      "dist/testing/index.d.ts",
      "dist/policy/index.js",
      "policy-pack/PulumiPolicy.yaml",
      "policy-pack/package.json",
      "policy-pack/index.js",
      "stacks/Pulumi.anbox-appliance.yaml",
      "docs/catalog.md",
    ]);
    const devOnly = files.filter((f) => /^(test|bench|scripts|\.ci|node_modules)\/|^dist\/(bench|test)\/|bench-command|^\.mocharc|^Pulumi\.yaml$|^package-lock\.json$|tsbuildinfo$|^stacks\/.*\.ts$/.test(f));
    expect(devOnly).to.deep.equal([]);
  });

  it("no declaration a user's compiler reaches from the entry points imports zod, and the README's links point at shipped files", () => {
    const manifest = JSON.parse(readFileSync(join(pkg, "package.json"), "utf8")) as { exports: Record<string, { types?: string } | string> };
    const queue = Object.values(manifest.exports).flatMap((e) => (typeof e === "object" && e.types ? [join(pkg, e.types)] : []));
    const reached = new Set<string>();
    while (queue.length) {
      const file = queue.shift() as string;
      if (reached.has(file)) continue;
      reached.add(file);
      for (const m of readFileSync(file, "utf8").matchAll(/(?:from |import\()"(\.[^"]+)\.js"/g)) queue.push(join(file, "..", `${m[1]}.d.ts`));
    }
    expect(reached.size).to.be.greaterThan(10);
    expect([...reached].filter((f) => /from "zod|import\("zod/.test(readFileSync(f, "utf8"))).map((f) => relative(pkg, f))).to.deep.equal([]);
    const readme = readFileSync(join(pkg, "README.md"), "utf8");
    const links = [...readme.matchAll(/\]\((?!https?:|#)([^)#]+)/g)].map((m) => m[1]);
    for (const link of links) expect(existsSync(join(pkg, link)), `README links to ${link}`).to.equal(true);
  });

  it("a program, every subpath, a test file and the README's snippets typecheck under Pulumi's template tsconfig and under NodeNext", () => {
    once(key, "typecheck", () => {
      // The template tsconfig (commonjs, node resolution, no skipLibCheck), NodeNext, and a policy pack of the user's own.
      const r = ok(run(process.execPath, [CHECK, project, "tsconfig.json", "tsconfig.nodenext.json", "tsconfig.policy.json"], project), "typecheck");
      expect(r.stdout).to.match(/^tsconfig\.json: \d+ files, \d+ checked, 0 errors$/m).and.match(/^tsconfig\.policy\.json: /m);
      // The emitted JavaScript is what the next test runs; keep it with the marker.
      cpSync(join(project, "bin"), join(CACHE, key, "bin"), { recursive: true });
      return "ok";
    });
  });

  it("the typecheck reports an error in a shipped declaration, as tsc would", () => {
    // The template's options on a program that reads only the catalog's declarations, one of them broken.
    const template = JSON.parse(readFileSync(join(project, "tsconfig.json"), "utf8")) as { compilerOptions: Record<string, unknown> };
    writeFileSync(join(project, "tsconfig.broken.json"), JSON.stringify({ compilerOptions: { ...template.compilerOptions, noEmit: true }, files: ["catalog-only.ts"] }));
    writeFileSync(join(project, "catalog-only.ts"), 'import { builtinCatalog } from "portcatalog/catalog";\nexport const entries = builtinCatalog.entries.length;\n');
    const file = join(pkg, "dist", "catalog", "index.d.ts");
    const original = readFileSync(file, "utf8");
    try {
      writeFileSync(file, `${original}\nexport declare const broken: NotAType;\n`);
      const r = run(process.execPath, [CHECK, project, "tsconfig.broken.json"], project);
      expect(r.status).to.equal(1);
      expect(r.stdout).to.match(/node_modules\/portcatalog\/dist\/catalog\/index\.d\.ts\(\d+,\d+\): error TS2304: Cannot find name 'NotAType'/);
    } finally {
      writeFileSync(file, original);
    }
  });

  it("the program registers the same resources under mocks in preview and update mode; the README's snippets run (the user's tests, with mocha)", () => {
    if (!existsSync(join(project, "bin"))) cpSync(join(CACHE, key, "bin"), join(project, "bin"), { recursive: true });
    const r = ok(run(process.execPath, [MOCHA, "--no-config", "--timeout", "60000", "bin/*.spec.js"], project), "mocha bin/*.spec.js");
    expect(r.stdout).to.match(/the README's programs/).and.match(/plans the same rules in a preview/);
    const names = JSON.parse(/RESOURCES (.*)/.exec(r.stdout)?.[1] ?? "[]") as string[];
    expect(names).to.include.members(["portcatalog:index:AnboxApplianceSecurityGroup anbox", "aws:ec2/vpc:Vpc main", "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule anbox-in-tcp-443-anywhere-ipv4"]);
  });

  it("portcatalog plan --stack dev runs the project's TypeScript program (as the Pulumi CLI loads it) and prints tree, rules, quotas and warnings", () => {
    const text = ok(run(process.execPath, [bin, "plan", "--stack", "dev"], project), "plan --stack dev").stdout;
    expect(text).to.match(/^Project edge, stack dev: index\.ts \(TypeScript through ts-node, not type-checked\)/);
    expect(text).to.contain("pulumi:pulumi:Stack  edge-dev").and.contain("aws:ec2:Vpc  main  (id main-id)");
    expect(text).to.contain("Rules in anbox (9):").and.contain('== OpenStackControllerRules "ctl" (openstack)').and.contain("Quota:");
    expect(text).to.match(/\nWarnings: none\n$|\nWarnings:\n {2}- /);

    type Plan = { resources: { name: string }[]; rules: { group: string; name: string; target: string }[] };
    const preview = JSON.parse(ok(run(process.execPath, [bin, "plan", "--stack", "dev", "--preview", "--json"], project), "plan --preview --json").stdout) as Plan;
    const update = JSON.parse(ok(run(process.execPath, [bin, "plan", "--stack", "dev", "--json"], project), "plan --json").stdout) as Plan;
    expect(preview.resources.map((r) => r.name).sort()).to.deep.equal(update.resources.map((r) => r.name).sort());
    // The same rules; only the group the program made itself (the OpenStack controller's) has no id to be named by in a preview.
    // Nor is a peer that group's id: its target is unknown in a preview, known after.
    const withoutGroup = (p: Plan) => p.rules.map(({ group, target, ...rule }) => rule);
    expect(withoutGroup(preview)).to.deep.equal(withoutGroup(update));
    expect(preview.rules.filter((r, i) => r.target !== update.rules[i].target).map((r) => r.target)).to.satisfy((ts: string[]) => ts.every((t) => t.includes("<unknown>")));
    expect(new Set(update.rules.map((r) => r.group))).to.deep.equal(new Set(["anbox", "controller"]));
    // The controller group's own rules go by <unknown> in a preview; Neutron's default egress rules of the group go by its name.
    expect(new Set(preview.rules.map((r) => r.group))).to.deep.equal(new Set(["anbox", "<unknown>", "controller"]));
    writeFileSync(join(project, "before.json"), JSON.stringify(update));

    const same = run(process.execPath, [bin, "plan", "--stack", "dev", "--diff", "before.json"], project);
    expect(same.status, same.stderr).to.equal(0);
    expect(same.stdout.trim()).to.equal("No rule changes since before.json.");

    // The user switches on a feature: the diff names the new rules, and exits 2.
    writeFileSync(join(project, "Pulumi.dev.yaml"), 'config:\n  aws:region: eu-west-1\n  edge:features: ["instance-services"]\n');
    const changed = run(process.execPath, [bin, "plan", "--stack", "dev", "--diff", "before.json"], project);
    expect(changed.status, changed.stderr).to.equal(2);
    expect(changed.stdout).to.match(/^Rule changes since before\.json: 4 added, 0 removed, 0 changed\./).and.contain("Group anbox:").and.contain("anbox-in-tcp-10000-11000-anywhere-ipv4");
    const md = ok({ ...run(process.execPath, [bin, "plan", "--stack", "dev", "--diff", "before.json", "--markdown"], project), status: 0 }, "plan --markdown").stdout;
    expect(md).to.contain("```mermaid").and.match(/-->\|"tcp 443, tcp 10000-11000, udp 10000-11000"\| n0/);

    const broken = run(process.execPath, [bin, "plan", "--stack", "prod"], project);
    expect(broken.status).to.equal(1);
    expect(broken.stderr.trim()).to.match(/^portcatalog: no Pulumi\.prod\.yaml in .*: stacks with config here are "dev"$/);
  });

  it("the published bin has catalog, conflicts and plan (the examples too), and no bench", () => {
    expect(ok(run(process.execPath, [bin, "catalog", "--catalog", "openstack", "--port", "3306"], project), "catalog").stdout).to.match(/openstack\/cloud .*MySQL database service +tcp +3306/);
    expect(ok(run(process.execPath, [bin, "conflicts", "anbox-cloud/charmed", "openstack/kilo"], project), "conflicts").stdout).to.contain("anbox-cloud/charmed vs openstack/kilo");
    expect(ok(run(process.execPath, [bin, "plan", "--example", "openstack-controller"], project), "plan --example").stdout).to.match(/^Stack openstack-controller: /);
    const bench = run(process.execPath, [bin, "bench"], project);
    expect(bench.status).to.equal(1);
    expect(bench.stderr).to.match(/^portcatalog: unknown command "bench"/);
  });

  it("portcatalog/policy gives the policies without starting the policy server; the pack's entry is shipped", () => {
    const script = 'const p = require("portcatalog/policy"); console.log(JSON.stringify({ names: p.POLICIES.map((x) => x.name), server: Object.keys(require.cache).some((k) => k.includes("@pulumi/policy")) }))';
    const out = JSON.parse(ok(run(process.execPath, ["-e", script], project), "require portcatalog/policy").stdout) as { names: string[]; server: boolean };
    expect(out.names).to.include("portcatalog-no-internal-ports-to-world");
    expect(out.server).to.equal(false);
    expect(readFileSync(join(pkg, "policy-pack", "index.js"), "utf8")).to.contain('require("../dist/policy/index.js")');
  });

  it("without @pulumi/azure-native the project above typechecks and runs; an Azure component then fails in one line naming it", () => {
    expect(existsSync(join(project, "node_modules", AZURE)), "the project has no azure-native").to.equal(false);
    const script = 'const { AnboxApplianceNetworkSecurityGroup } = require("portcatalog"); const { setupMocks } = require("portcatalog/testing"); setupMocks().then(() => { try { new AnboxApplianceNetworkSecurityGroup("a", { resourceGroupName: "rg" }); } catch (e) { console.log(e.message); } });';
    const r = ok(run(process.execPath, ["-e", script], project), "Azure component without azure-native");
    expect(r.stdout.trim()).to.equal("the Azure components need @pulumi/azure-native (>=3.0.0 <4): add it to your project (it is an optional peer dependency of portcatalog)");
  });

  it("with @pulumi/azure-native an Azure program typechecks (template tsconfig) and registers its NSG and rules under mocks", () => {
    const out = once(key, "azure", () => {
      symlinkSync(join(NODE_MODULES, AZURE), join(project, "node_modules", AZURE));
      try {
        const template = JSON.parse(readFileSync(join(project, "tsconfig.json"), "utf8")) as { compilerOptions: Record<string, unknown> };
        writeFileSync(join(project, "tsconfig.azure.json"), JSON.stringify({ compilerOptions: { ...template.compilerOptions, outDir: "bin-azure" }, files: ["azure.ts"] }));
        writeFileSync(
          join(project, "azure.ts"),
          [
            'import { AnboxApplianceNetworkSecurityGroup } from "portcatalog";',
            'import { setupMocks } from "portcatalog/testing";',
            "setupMocks().then(async (rec) => {",
            '  const nsg = new AnboxApplianceNetworkSecurityGroup("anbox", { resourceGroupName: "rg", location: "westeurope" });',
            "  nsg.ruleCount.apply(() => undefined);",
            "  await rec.settled();",
            '  console.log("AZURE " + JSON.stringify(rec.resources.map((r) => r.type).sort()));',
            "});",
          ].join("\n"),
        );
        ok(run(process.execPath, [CHECK, project, "tsconfig.azure.json"], project), "typecheck with azure-native");
        return ok(run(process.execPath, ["bin-azure/azure.js"], project), "run with azure-native").stdout;
      } finally {
        rmSync(join(project, "node_modules", AZURE));
      }
    });
    const types = JSON.parse(/AZURE (.*)/.exec(out)?.[1] ?? "[]") as string[];
    expect(types).to.include.members(["azure-native:network:NetworkSecurityGroup", "azure-native:network:ApplicationSecurityGroup", "azure-native:network:SecurityRule", "portcatalog:index:AnboxApplianceNetworkSecurityGroup"]);
  });

  it("Pulumi's component analyzer finds every component in the installed package", () => {
    const out = once(key, "analyzer", () => {
      const script = [
        'const { ComponentProvider, getPulumiComponents } = require("@pulumi/pulumi/provider/experimental/provider");',
        'const dir = require("node:path").dirname(require.resolve("portcatalog/package.json"));',
        'const provider = new ComponentProvider({ components: getPulumiComponents(require("portcatalog")), name: "portcatalog", dirname: dir });',
        "provider.getSchema().then((s) => console.log(JSON.stringify(Object.keys(JSON.parse(s).resources).sort())));",
      ].join("\n");
      return ok(run(process.execPath, ["-e", script], project), "component analyzer").stdout;
    });
    expect(JSON.parse(out)).to.deep.equal(COMPONENTS.map((c) => `portcatalog:index:${c}`));
  });
});

// Pulumi's TypeScript templates before and after pulumi/templates 81e6522 (2026-03-25, "Use
// moduleResolution: nodenext"; aws-typescript/tsconfig.json and typescript/tsconfig.json): the
// options the template writes, the rest of each file being the same in both.
const TEMPLATE_OPTIONS = { strict: true, outDir: "bin", target: "es2020", sourceMap: true, experimentalDecorators: true, pretty: true, noFallthroughCasesInSwitch: true, noImplicitReturns: true, forceConsistentCasingInFileNames: true };
const TEMPLATE_TSCONFIGS = {
  "commonjs/node (before 2026-03)": { compilerOptions: { ...TEMPLATE_OPTIONS, module: "commonjs", moduleResolution: "node" }, files: ["index.ts"] },
  "nodenext (current)": { compilerOptions: { ...TEMPLATE_OPTIONS, module: "nodenext", moduleResolution: "nodenext" }, files: ["index.ts"] },
};

describe("consumer: plan --stack under each Pulumi template's tsconfig, and in an OpenStack project", function () {
  this.timeout(600_000);
  const OPENSTACK_PROGRAM = [
    "// An OpenStack project: Pulumi ships no OpenStack template, so this is the TypeScript template with @pulumi/openstack.",
    'import * as openstack from "@pulumi/openstack";',
    'import { CatalogSecGroup, OpenStackControllerRules } from "portcatalog";',
    'const controller = new openstack.networking.SecGroup("controller", { description: "controller nodes" });',
    'new OpenStackControllerRules("ctl", { securityGroupId: controller.id, release: "2025.2", sources: { admin: { cidrIpv4: ["10.0.0.0/24"] } } });',
    'const anbox = new CatalogSecGroup("anbox", { products: [{ product: "anbox-cloud/appliance", release: "1.30" }] });',
    "export const anboxGroupId = anbox.primarySecurityGroupId;",
    "",
  ].join("\n");
  let project: string;
  let bin: string;

  before(() => {
    const { tarball } = packedTarball();
    project = mkdtempSync(join(tmpdir(), "portcatalog-templates-"));
    const pkg = join(project, "node_modules", "portcatalog");
    mkdirSync(pkg, { recursive: true });
    execFileSync("tar", ["xzf", tarball, "-C", pkg, "--strip-components=1"]);
    mkdirSync(join(project, "node_modules", "@pulumi"));
    for (const dep of ["@pulumi/pulumi", "@pulumi/aws", "@pulumi/openstack", "typescript", "@types", "ipaddr.js", "yaml", "zod"]) symlinkSync(join(NODE_MODULES, dep), join(project, "node_modules", dep));
    bin = join(pkg, "dist", "cli", "main.js");
  });
  after(() => project && rmSync(project, { recursive: true, force: true }));

  /** A Pulumi project in a directory of its own under the shared node_modules. */
  function makeProject(dir: string, name: string, program: string, tsconfig: object): string {
    const at = join(project, dir);
    mkdirSync(at);
    writeFileSync(join(at, "Pulumi.yaml"), `name: ${name}\nruntime:\n  name: nodejs\n  options:\n    typescript: true\n`);
    writeFileSync(join(at, "Pulumi.dev.yaml"), "config:\n  adminCidr: 10.20.0.0/16\n");
    writeFileSync(join(at, "package.json"), JSON.stringify({ name, main: "index.ts" }));
    writeFileSync(join(at, "tsconfig.json"), JSON.stringify(tsconfig, null, 4));
    writeFileSync(join(at, "index.ts"), program);
    return at;
  }

  for (const [template, tsconfig] of Object.entries(TEMPLATE_TSCONFIGS)) {
    it(`an AWS and OpenStack program under the ${template} template: plan --stack dev runs it with that tsconfig`, () => {
      const dir = makeProject(`aws-${template.split(" ")[0].replace(/\W/g, "")}`, "edge", readFileSync(join(FIXTURE, "index.ts"), "utf8"), tsconfig);
      const r = run(process.execPath, [bin, "plan", "--stack", "dev"], dir);
      expect(r.status, r.stderr).to.equal(0);
      expect(r.stdout).to.match(/^Project edge, stack dev: index\.ts \(TypeScript through ts-node/).and.contain("Rules in anbox (9):").and.contain('== OpenStackControllerRules "ctl" (openstack)');
    });
  }

  it("the README's tarball install works as written: npm pack's file name, then npm install ./<file> (offline, from npm's cache)", () => {
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    const install = /^npm install (\.\/portcatalog-[^ ]+\.tgz)\b.*$/m.exec(readme);
    expect(install, "the README shows npm install ./portcatalog-<version>.tgz").to.not.equal(null);
    const version = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string }).version;
    expect(install?.[1]).to.equal(`./portcatalog-${version}.tgz`);
    expect(readme).to.contain("npm pack").and.match(/^npm install portcatalog .*not yet/m);
    const dir = join(project, "tarball-install");
    mkdirSync(dir);
    writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "my-stack", version: "1.0.0", private: true }));
    cpSync(packedTarball().tarball, join(dir, `portcatalog-${version}.tgz`));
    // The line as the README writes it; npm's cache (filled by this repository's npm ci) serves the dependencies.
    const r = run("sh", ["-c", (install as RegExpExecArray)[0].replace(/#.*$/, "")], dir, { npm_config_offline: "true", npm_config_audit: "false", npm_config_fund: "false" });
    expect(r.status, r.stderr).to.equal(0);
    expect(JSON.parse(readFileSync(join(dir, "package.json"), "utf8")).dependencies).to.deep.equal({ portcatalog: `file:portcatalog-${version}.tgz` });
    const loaded = run(process.execPath, ["-e", 'console.log(typeof require("portcatalog").OpenStackControllerRules, typeof require("portcatalog/testing").setupMocks)'], dir);
    expect(loaded.stdout.trim(), loaded.stderr).to.equal("function function");
  });

  it("an OpenStack-only project (the current template's tsconfig): plan --stack dev plans both components", () => {
    const dir = makeProject("openstack", "cloud", OPENSTACK_PROGRAM, TEMPLATE_TSCONFIGS["nodenext (current)"]);
    const r = run(process.execPath, [bin, "plan", "--stack", "dev"], dir);
    expect(r.status, r.stderr).to.equal(0);
    expect(r.stdout).to.contain('== OpenStackControllerRules "ctl" (openstack): openstack/cloud@2025.2').and.contain('== CatalogSecGroup "anbox" (openstack): anbox-cloud/appliance@1.30');
    const typecheck = run(process.execPath, [CHECK, project, "openstack/tsconfig.json"], dir);
    expect(typecheck.status, typecheck.stdout).to.equal(0);
  });
});

/** A program of one cloud only, as its user writes it, and what it must register. */
const ONE_CLOUD: Record<string, { sdk: string; program: string; types: string[]; other: string; otherArgs: Record<string, unknown> }> = {
  aws: {
    sdk: "@pulumi/aws",
    program: [
      'import * as aws from "@pulumi/aws";',
      'import { AnboxApplianceSecurityGroup } from "portcatalog";',
      'const vpc = new aws.ec2.Vpc("main", { cidrBlock: "10.20.0.0/16" });',
      'export const group = new AnboxApplianceSecurityGroup("anbox", { vpcId: vpc.id, sources: { admin: { cidrIpv4: ["10.20.0.0/16"] } } }).securityGroupIds;',
    ].join("\n"),
    types: ["aws:ec2/securityGroup:SecurityGroup", "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"],
    other: "OpenStackControllerRules",
    otherArgs: { securityGroupId: "sg-1" },
  },
  openstack: {
    sdk: "@pulumi/openstack",
    program: [
      'import * as openstack from "@pulumi/openstack";',
      'import { CatalogSecGroup, OpenStackControllerRules } from "portcatalog";',
      'const controller = new openstack.networking.SecGroup("controller", { description: "controller nodes" });',
      'new OpenStackControllerRules("ctl", { securityGroupId: controller.id, release: "2025.2", sources: { admin: { cidrIpv4: ["10.20.0.0/16"] } } });',
      'export const anbox = new CatalogSecGroup("anbox", { products: [{ product: "anbox-cloud/appliance", release: "1.29" }] }).securityGroupIds;',
    ].join("\n"),
    types: ["openstack:networking/secGroup:SecGroup", "openstack:networking/secGroupRule:SecGroupRule"],
    other: "AnboxApplianceSecurityGroup",
    otherArgs: { vpcId: "vpc-1" },
  },
  azure: {
    sdk: "@pulumi/azure-native",
    program: [
      'import { AnboxApplianceNetworkSecurityGroup } from "portcatalog";',
      'export const rules = new AnboxApplianceNetworkSecurityGroup("anbox", { resourceGroupName: "rg", location: "westeurope" }).ruleCount;',
    ].join("\n"),
    types: ["azure-native:network:NetworkSecurityGroup", "azure-native:network:SecurityRule"],
    other: "CatalogSecGroup",
    otherArgs: { products: [{ product: "anbox-cloud/appliance", release: "1.29" }] },
  },
  kubernetes: {
    sdk: "@pulumi/kubernetes",
    program: [
      'import { Wso2NetworkPolicies } from "portcatalog";',
      'export const names = new Wso2NetworkPolicies("apim", { namespace: "wso2", products: [{ product: "api-manager", release: "4.5" }] }).policyNames;',
    ].join("\n"),
    types: ["kubernetes:networking.k8s.io/v1:NetworkPolicy"],
    other: "AnboxApplianceSecurityGroup",
    otherArgs: { vpcId: "vpc-1" },
  },
};

/** Resource plugins a project requires by Pulumi's rule for Node.js programs: every package.json under node_modules, deeply (links followed), with `pulumi.resource`. */
function requiredPlugins(dir: string, inNodeModules = false, seen = new Set<string>()): string[] {
  const real = realpathSync(dir);
  if (seen.has(real)) return [];
  seen.add(real);
  const found: string[] = [];
  for (const entry of readdirSync(real, { withFileTypes: true })) {
    const full = join(real, entry.name);
    const isDir = entry.isDirectory() || (entry.isSymbolicLink() && statSync(full).isDirectory());
    if (isDir) found.push(...requiredPlugins(full, inNodeModules || entry.name === "node_modules" || basename(real) === "node_modules", seen));
    else if (inNodeModules && entry.name === "package.json") {
      const info = JSON.parse(readFileSync(full, "utf8")) as { name?: string; pulumi?: { resource?: boolean; name?: string } };
      if (info.pulumi?.resource) found.push(info.pulumi.name ?? String(info.name).replace(/^@pulumi\//, ""));
    }
  }
  return found;
}

describe("consumer: a project of one cloud installs and requires that cloud's SDK and plugin alone", function () {
  this.timeout(600_000);
  let key: string;
  let tarball: string;
  const manifest = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { peerDependencies: Record<string, string>; peerDependenciesMeta: Record<string, { optional?: boolean }> };
  const versionOf = (dep: string) => (JSON.parse(readFileSync(join(NODE_MODULES, dep, "package.json"), "utf8")) as { version: string }).version;

  before(() => {
    ({ key, tarball } = packedTarball());
  });

  it("every provider SDK is an optional peer, and the error naming a missing one gives its peer range", () => {
    const sdks = Object.keys(manifest.peerDependencies).filter((p) => p.startsWith("@pulumi/") && !["@pulumi/pulumi", "@pulumi/policy"].includes(p));
    expect(sdks).to.include.members(Object.values(ONE_CLOUD).map((c) => c.sdk));
    for (const sdk of sdks) expect(manifest.peerDependenciesMeta[sdk]?.optional, `${sdk} is optional`).to.equal(true);
    const providers = readFileSync(join(ROOT, "components", "providers.ts"), "utf8");
    for (const c of Object.values(ONE_CLOUD)) expect(providers).to.contain(`"${c.sdk}", `).and.contain(`"${manifest.peerDependencies[c.sdk]}")`);
  });

  for (const [cloud, spec] of Object.entries(ONE_CLOUD)) {
    it(`${cloud}: npm ls finds no other SDK missing, Pulumi's rule requires the ${cloud} plugin alone, the program typechecks (template tsconfig) and runs under mocks; another cloud's component fails in one line`, () => {
      const out = once(key, `one-cloud-${cloud}`, () => {
        const dir = mkdtempSync(join(tmpdir(), `portcatalog-${cloud}-only-`));
        try {
          const pkg = join(dir, "node_modules", "portcatalog");
          mkdirSync(pkg, { recursive: true });
          execFileSync("tar", ["xzf", tarball, "-C", pkg, "--strip-components=1"]);
          mkdirSync(join(dir, "node_modules", "@pulumi"));
          // What npm installs for this project: the two @pulumi packages it names, the package's own dependencies, the template's tools.
          for (const dep of ["@pulumi/pulumi", spec.sdk, "typescript", "@types", "ipaddr.js", "yaml", "zod"]) symlinkSync(join(NODE_MODULES, dep), join(dir, "node_modules", dep));
          writeFileSync(
            join(dir, "package.json"),
            JSON.stringify({ name: `${cloud}-only`, version: "1.0.0", main: "index.ts", dependencies: { "@pulumi/pulumi": versionOf("@pulumi/pulumi"), [spec.sdk]: versionOf(spec.sdk), portcatalog: "0.1.0" }, devDependencies: { typescript: versionOf("typescript") } }),
          );
          // npm's view of the tree: no peer of portcatalog missing (a required @pulumi/aws would be "missing: @pulumi/aws@…, required by portcatalog").
          const ls = JSON.parse(run("npm", ["ls", "--all", "--json"], dir).stdout) as { problems?: string[]; dependencies: Record<string, { dependencies?: Record<string, { version?: string }> }> };
          const problems = (ls.problems ?? []).filter((p) => /portcatalog@\d/.test(p));
          const installed = Object.entries(ls.dependencies.portcatalog.dependencies ?? {}).filter(([, d]) => d.version).map(([n]) => n).filter((n) => n.startsWith("@pulumi/")).sort();

          const template = JSON.parse(readFileSync(join(FIXTURE, "tsconfig.json"), "utf8")) as { compilerOptions: Record<string, unknown> };
          writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: { ...template.compilerOptions, types: ["node"] }, files: ["index.ts", "run.ts"] }));
          writeFileSync(join(dir, "index.ts"), `${spec.program}\n`);
          writeFileSync(
            join(dir, "run.ts"),
            [
              'import { setupMocks } from "portcatalog/testing";',
              "setupMocks({ project: \"one\", stack: \"dev\" }).then(async (rec) => {",
              '  require("./index");',
              "  await rec.settled();",
              '  const sdks = Object.keys(require.cache).map((f) => /node_modules[\\/]@pulumi[\\/]([^\\/]+)[\\/]/.exec(f)?.[1]).filter((n): n is string => !!n && n !== "pulumi");',
              `  let other = "";`,
              `  try { new (require("portcatalog") as Record<string, any>)[${JSON.stringify(spec.other)}]("other", ${JSON.stringify(spec.otherArgs)}); } catch (e) { other = (e as Error).message; }`,
              '  console.log("CLOUD " + JSON.stringify({ types: [...new Set(rec.resources.map((r) => r.type))].sort(), sdks: [...new Set(sdks)].sort(), other }));',
              "});",
            ].join("\n"),
          );
          const check = ok(run(process.execPath, [CHECK, dir, "tsconfig.json"], dir), `typecheck the ${cloud} project`).stdout.trim();
          const ran = ok(run(process.execPath, ["bin/run.js"], dir), `run the ${cloud} program`).stdout;
          return JSON.stringify({ problems, installed, plugins: requiredPlugins(dir).sort(), check, ...JSON.parse(/CLOUD (.*)/.exec(ran)?.[1] ?? "{}") });
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      });
      const r = JSON.parse(out) as { problems: string[]; installed: string[]; plugins: string[]; check: string; types: string[]; sdks: string[]; other: string };
      expect(r.problems).to.deep.equal([]);
      expect(r.installed).to.deep.equal(["@pulumi/pulumi", spec.sdk].sort());
      expect(r.plugins).to.deep.equal([spec.sdk.replace("@pulumi/", "")]);
      expect(r.check).to.match(/^tsconfig\.json: \d+ files, \d+ checked, 0 errors$/);
      expect(r.types).to.include.members(spec.types);
      expect(r.types.filter((t) => !t.startsWith("portcatalog:") && !t.startsWith(`${spec.sdk.replace("@pulumi/", "")}:`) && !t.startsWith("pulumi:"))).to.deep.equal([]);
      expect(r.sdks).to.deep.equal([spec.sdk.replace("@pulumi/", "")]);
      expect(r.other).to.match(/^the (AWS|OpenStack|Azure|Kubernetes) components need @pulumi\/[a-z-]+ \(.+\): add it to your project \(it is an optional peer dependency of portcatalog\)$/);
    });
  }
});

describe("consumer: the component package (dist/ as the plugin directory)", function () {
  this.timeout(600_000);
  let key: string;
  let tarball: string;

  before(() => {
    ({ key, tarball } = packedTarball());
  });

  /** A directory with the tarball unpacked as node_modules/portcatalog and `deps` linked beside it. */
  function installed(deps: string[]): { dir: string; pkg: string } {
    const dir = mkdtempSync(join(tmpdir(), "portcatalog-plugin-"));
    const pkg = join(dir, "node_modules", "portcatalog");
    mkdirSync(pkg, { recursive: true });
    execFileSync("tar", ["xzf", tarball, "-C", pkg, "--strip-components=1"]);
    mkdirSync(join(dir, "node_modules", "@pulumi"));
    for (const dep of deps) symlinkSync(join(NODE_MODULES, dep), join(dir, "node_modules", dep));
    return { dir, pkg };
  }

  it("its package.json names no provider SDK; Pulumi's analyzer finds every component in the shipped declarations, with the schema the sources give", () => {
    const out = once(key, "plugin-schema", () => {
      const { dir, pkg } = installed([]);
      try {
        const plugin = join(pkg, "dist");
        expect(readFileSync(join(plugin, "PulumiPlugin.yaml"), "utf8")).to.match(/^runtime: nodejs$/m);
        const manifest = JSON.parse(readFileSync(join(plugin, "package.json"), "utf8")) as { name: string; main: string; dependencies: Record<string, string> };
        // The plugin's own install, as the CLI's `npm install` there makes it: its dependencies only, inside the plugin directory.
        mkdirSync(join(plugin, "node_modules", "@pulumi"), { recursive: true });
        for (const dep of Object.keys(manifest.dependencies)) symlinkSync(join(NODE_MODULES, dep), join(plugin, "node_modules", dep));
        const script = (from: string) =>
          [
            `const { ComponentProvider, getPulumiComponents } = require(${JSON.stringify(join(from, "node_modules", "@pulumi", "pulumi", "provider", "experimental", "provider"))});`,
            `const provider = new ComponentProvider({ components: getPulumiComponents(require(${JSON.stringify(plugin)})), name: "portcatalog", dirname: ${JSON.stringify(plugin)} });`,
            "provider.getSchema().then((s) => console.log(JSON.stringify(JSON.parse(s))));",
          ].join("\n");
        const fromDeclarations = ok(run(process.execPath, ["-e", script(plugin)], dir), "analyzer on dist/").stdout;
        // The sources' schema: the analyzer on the package root (its tsconfig.json and index.ts), as before.
        const sourcesScript = [
          `const { ComponentProvider, getPulumiComponents } = require("@pulumi/pulumi/provider/experimental/provider");`,
          `const provider = new ComponentProvider({ components: getPulumiComponents(require(${JSON.stringify(join(ROOT, "dist", "index.js"))})), name: "portcatalog", dirname: ${JSON.stringify(ROOT)} });`,
          "provider.getSchema().then((s) => console.log(JSON.stringify(JSON.parse(s))));",
        ].join("\n");
        const fromSources = ok(run(process.execPath, ["-e", sourcesScript], ROOT), "analyzer on the sources").stdout;
        return JSON.stringify({ manifest, fromDeclarations: JSON.parse(fromDeclarations), fromSources: JSON.parse(fromSources) });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
    const r = JSON.parse(out) as { manifest: { name: string; dependencies: Record<string, string> }; fromDeclarations: { resources: Record<string, unknown> }; fromSources: unknown };
    expect(r.manifest.name).to.equal("portcatalog");
    expect(Object.keys(r.manifest.dependencies).filter((d) => d.startsWith("@pulumi/"))).to.deep.equal(["@pulumi/pulumi"]);
    expect(Object.keys(r.fromDeclarations.resources).sort()).to.deep.equal(COMPONENTS.map((c) => `portcatalog:index:${c}`));
    expect(r.fromDeclarations).to.deep.equal(r.fromSources);
  });

  it("without any provider SDK, its components register by type token exactly what they register through the SDKs (types, names, inputs, parents)", () => {
    const program = [
      'const path = require("node:path");',
      "const [mode] = process.argv.slice(2);",
      'const { setupMocks } = require("portcatalog/testing");',
      "setupMocks({ project: \"p\", stack: \"s\" }).then(async (rec) => {",
      '  const lib = mode === "token" ? require(path.join(path.dirname(require.resolve("portcatalog/package.json")), "dist")) : require("portcatalog");',
      '  const admin = { cidrIpv4: ["10.20.0.0/16"] };',
      '  new lib.OpenStackControllerRules("ctl", { securityGroupId: "sg-1", release: "2025.2", projectRuleQuota: 500, sources: { admin, internal: { self: true } } });',
      '  new lib.CatalogDeploymentSecGroups("os", { products: [{ product: "openstack/cloud", release: "2025.2" }], roles: ["controller", "compute"], sources: { admin }, projectRuleQuota: 500 });',
      '  new lib.AnboxApplianceSecurityGroup("anbox", { vpcId: "vpc-1", sources: { admin } });',
      '  new lib.AnboxApplianceNetworkSecurityGroup("nsg", { resourceGroupName: "rg", location: "westeurope", sources: { admin } });',
      '  new lib.Wso2NetworkPolicies("apim", { namespace: "wso2", products: [{ product: "api-manager", release: "4.5" }], sources: { admin } });',
      "  await rec.settled();",
      '  const sdks = Object.keys(require.cache).map((f) => /node_modules[\\/]@pulumi[\\/]([^\\/]+)[\\/]/.exec(f)?.[1]).filter((n) => n && n !== "pulumi");',
      '  console.log("RECORDED " + JSON.stringify({ sdks: [...new Set(sdks)].sort(), resources: rec.resources.map((r) => ({ type: r.type, name: r.name, parent: r.parent, inputs: r.inputs })).sort((a, b) => (a.type + a.name < b.type + b.name ? -1 : 1)) }));',
      "});",
    ].join("\n");
    const record = (mode: string, deps: string[]) => {
      const { dir } = installed(deps);
      try {
        writeFileSync(join(dir, "program.js"), program);
        return JSON.parse(/RECORDED (.*)/.exec(ok(run(process.execPath, ["program.js", mode], dir), `program (${mode})`).stdout)?.[1] ?? "{}") as { sdks: string[]; resources: { type: string }[] };
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    };
    const base = ["@pulumi/pulumi", "ipaddr.js", "yaml", "zod"];
    const bySdk = record("sdk", [...base, "@pulumi/aws", "@pulumi/openstack", "@pulumi/azure-native", "@pulumi/kubernetes"]);
    const byToken = record("token", base);
    expect(bySdk.sdks).to.deep.equal(["aws", "azure-native", "kubernetes", "openstack"]);
    expect(byToken.sdks).to.deep.equal([]);
    expect(new Set(byToken.resources.map((r) => r.type))).to.include.keys("openstack:networking/secGroupRule:SecGroupRule", "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "azure-native:network:SecurityRule", "kubernetes:networking.k8s.io/v1:NetworkPolicy");
    expect(byToken.resources).to.deep.equal(bySdk.resources);
  });
});
