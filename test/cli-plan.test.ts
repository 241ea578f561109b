// The bin as a user meets it: commands, their errors, printable output, plan/diff/markdown on the examples.
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, linkSync, lstatSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { expect } from "chai";
import { main } from "../cli/main.js";
import { printable } from "../cli/table.js";

const ROOT = join(__dirname, "..");

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

const scratch = () => mkdtempSync(join(tmpdir(), "pc-plan-"));

describe("cli: commands", () => {
  for (const name of ["__proto__", "constructor", "toString", "hasOwnProperty", "bench"]) {
    it(`"${name}" is an unknown command: one line, exit 1`, async () => {
      const r = await cli([name]);
      expect(r.code).to.equal(1);
      expect(r.stdout).to.equal("");
      expect(r.stderr).to.match(new RegExp(`^portcatalog: unknown command "${name}": use plan, catalog, conflicts, [a-z, ]*docs\\n$`));
    });
  }

  it("catalog and conflicts load no Pulumi package (commands load on demand)", () => {
    const script = [
      'const { main } = require("./cli/main.ts");',
      "const out = [];",
      'main(["catalog", "--port", "3306"], { stdout: (t) => out.push(t), stderr: (t) => out.push(t) })',
      '  .then(() => main(["conflicts", "anbox-cloud/charmed", "openstack/kilo"], { stdout: (t) => out.push(t), stderr: (t) => out.push(t) }))',
      '  .then(() => console.log(JSON.stringify({ printed: out.join("").length, pulumi: Object.keys(require.cache).filter((k) => /[\\\\/]@pulumi[\\\\/]/.test(k)).length })));',
    ].join("\n");
    const r = spawnSync(process.execPath, ["--import", "tsx", "-e", script], { cwd: ROOT, encoding: "utf8" });
    expect(r.status, r.stderr).to.equal(0);
    const result = JSON.parse(r.stdout) as { printed: number; pulumi: number };
    expect(result.printed).to.be.greaterThan(100);
    expect(result.pulumi).to.equal(0);
  });

  it("terminal control characters are escaped in tables and errors", async () => {
    const dir = scratch();
    const file = join(dir, "evil.yaml");
    writeFileSync(file, `entries:\n  - id: acme/web/https\n    catalog: acme\n    variant: web\n    service: "Web\\e[2J\\u009b31m"\n    protocol: tcp\n    fromPort: 443\n    toPort: 443\n    direction: ingress\n    audiences: [public]\n    required: true\n    description: "HTTPS\\rspoof\\u202e"\n    source: { document: acme.md, section: Ports }\n`);
    const table = await cli(["catalog", "--file", file, "--catalog", "acme"]);
    expect(table.code, table.stderr).to.equal(0);
    expect(table.stdout).to.not.match(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
    expect(table.stdout).to.contain("Web\\u001b[2J\\u009b31m").and.contain("HTTPS\\u000dspoof\\u202e");
    const error = await cli(["catalog", "--catalog", "\u001b[31mred"]);
    expect(error.code).to.equal(1);
    expect(error.stderr).to.equal(`portcatalog: ${printable(error.stderr.slice(13, -1))}\n`);
    expect(error.stderr).to.contain("\\u001b[31mred").and.not.contain("\u001b");
    const json = await cli(["catalog", "--file", file, "--catalog", "acme", "--json"]);
    expect((JSON.parse(json.stdout) as { service: string }[])[0].service).to.equal("Web\u001b[2J\u009b31m");
  });

  it("docs prints the catalog, and --write writes only the file it is given", async () => {
    const printed = await cli(["docs"]);
    expect(printed.code).to.equal(0);
    expect(printed.stdout).to.equal(`${readFileSync(join(ROOT, "docs", "catalog.md"), "utf8")}\n`);
    const target = join(scratch(), "ports.md");
    const written = await cli(["docs", "--write", target]);
    expect(written.stdout).to.equal(`wrote ${target}\n`);
    expect(readFileSync(target, "utf8")).to.equal(readFileSync(join(ROOT, "docs", "catalog.md"), "utf8"));
    const bare = await cli(["docs", "--write"]);
    expect(bare.code).to.equal(1);
    expect(bare.stderr).to.match(/^portcatalog: Option '--write <value>' argument missing; valid options: --write <value>, --force\n$/);
    const nowhere = await cli(["docs", "--write", join(scratch(), "no", "such", "dir.md")]);
    expect(nowhere.code).to.equal(1);
    expect(nowhere.stderr).to.match(/^portcatalog: --write .*dir\.md: ENOENT\n$/);
  });
});

describe("cli: plan on the examples", () => {
  it("the tree and the rule table list an example's rules in the same numeric order", async () => {
    const r = await cli(["plan", "--example", "anbox-appliance"]);
    expect(r.code, r.stderr).to.equal(0);
    const tree = [...r.stdout.matchAll(/SecurityGroup(?:Ingress|Egress)Rule {2}anbox-appliance-(\S+)/g)].map((m) => m[1]);
    const table = r.stdout.split("Rules in anbox-appliance")[1].split("\n\n")[0];
    const keys = [...table.matchAll(/ (in-\S+|out-\S+)$/gm)].map((m) => m[1]);
    expect(tree.length).to.be.greaterThan(3);
    expect(tree).to.deep.equal(keys);
    // Within a direction and protocol, ports ascend as numbers (443 before 4004 before 10000), not as text.
    for (const prefix of ["in-tcp-", "in-udp-"]) {
      const ports = tree.filter((k) => k.startsWith(prefix)).map((k) => Number(k.slice(prefix.length).split("-")[0]));
      expect(ports.length, prefix).to.be.greaterThan(1);
      expect(ports).to.deep.equal([...ports].sort((a, b) => a - b));
    }
    expect(tree.indexOf("in-tcp-443-anywhere-ipv4")).to.be.lessThan(tree.indexOf("in-tcp-10000-11000-anywhere-ipv4"));
  });

  it("Azure: a role peer is shown as the role's application security group (asg:), never as a security group", async () => {
    const r = await cli(["plan", "--example", "anbox-charmed-azure"]);
    expect(r.code).to.equal(0);
    const rows = r.stdout.split("\n").filter((l) => /^\d+\s+ingress/.test(l));
    expect(rows.some((l) => /\basg:control\b/.test(l))).to.equal(true);
    expect(rows.filter((l) => /\bsg:/.test(l.replace(/\basg:/g, "")))).to.deep.equal([]);
  });

  it("--json: each planned rule names the catalog entries it serves, and each entry's ports lie within the rule's", async () => {
    const { builtinCatalog } = await import("../catalog/index.js");
    const byId = new Map(builtinCatalog.entries.map((e) => [e.id, e]));
    const plan = JSON.parse((await cli(["plan", "--example", "openstack-controller", "--json"])).stdout) as { rules: { name: string; protocol: string; ports: string; entries?: string[] }[] };
    const planned = plan.rules.filter((r) => !r.name.includes("-neutron-default-egress-"));
    expect(planned.length).to.be.greaterThan(0);
    expect(planned.some((r) => (r.entries?.length ?? 0) > 1), "some rule merges several entries").to.equal(true);
    for (const r of planned) {
      expect(r.entries, r.name).to.be.an("array").that.is.not.empty;
      const [from, to] = r.ports.split("-").map(Number);
      for (const id of r.entries ?? []) {
        const e = byId.get(id);
        expect(e, `${r.name}: ${id}`).to.not.equal(undefined);
        expect(e?.protocol, `${r.name}: ${id}`).to.equal(r.protocol);
        expect(e?.fromPort, `${r.name}: ${id}`).to.be.at.least(from);
        expect(e?.toPort, `${r.name}: ${id}`).to.be.at.most(to ?? from);
      }
    }
    // The Neutron defaults are no catalog entry's.
    expect(plan.rules.filter((r) => r.name.includes("-neutron-default-egress-")).every((r) => r.entries === undefined)).to.equal(true);
  });

  it("--diff: exit 0 without changes, 2 with rules added, removed and changed, grouped by group; --json and --markdown", async () => {
    const dir = scratch();
    const saved = await cli(["plan", "--example", "openstack-controller", "--json"]);
    expect(saved.code).to.equal(0);
    const plan = JSON.parse(saved.stdout) as { rules: { group: string; name: string; ports: string; description: string }[] };
    expect(new Set(plan.rules.map((r) => r.group))).to.deep.equal(new Set(["controller", "compute", "storage"]));
    writeFileSync(join(dir, "same.json"), saved.stdout);
    const none = await cli(["plan", "--example", "openstack-controller", "--diff", join(dir, "same.json")]);
    expect(none.code).to.equal(0);
    expect(none.stdout).to.equal(`No rule changes since ${join(dir, "same.json")}.\n`);

    const removed = plan.rules.find((r) => r.group === "compute") as (typeof plan.rules)[number];
    const edited = plan.rules.find((r) => r.group === "controller") as (typeof plan.rules)[number];
    const earlier = {
      ...plan,
      rules: [...plan.rules.filter((r) => r !== removed).map((r) => (r === edited ? { ...r, description: "before" } : r)), { ...removed, name: "compute-gone", ports: "1-2" }],
    };
    writeFileSync(join(dir, "earlier.json"), JSON.stringify(earlier));
    const d = await cli(["plan", "--example", "openstack-controller", "--diff", join(dir, "earlier.json")]);
    expect(d.code, d.stderr).to.equal(2);
    expect(d.stdout).to.match(/^Rule changes since .*earlier\.json: 1 added, 1 removed, 1 changed\./);
    expect(d.stdout).to.contain("Group compute:").and.contain("Group controller:").and.contain(`before -> ${edited.description}`);
    const json = await cli(["plan", "--example", "openstack-controller", "--diff", join(dir, "earlier.json"), "--json"]);
    expect(json.code).to.equal(2);
    const diff = JSON.parse(json.stdout) as { added: { name: string }[]; removed: { name: string }[]; changed: { name: string; fields: string[] }[] };
    expect(diff.added.map((r) => r.name)).to.deep.equal([removed.name]);
    expect(diff.removed.map((r) => r.name)).to.deep.equal(["compute-gone"]);
    expect(diff.changed.map((c) => [c.name, c.fields])).to.deep.equal([[edited.name, ["description"]]]);
    const md = await cli(["plan", "--example", "openstack-controller", "--diff", join(dir, "earlier.json"), "--markdown"]);
    expect(md.code).to.equal(2);
    expect(md.stdout).to.contain("```mermaid").and.contain("#### compute").and.contain("| added |").and.contain("| removed |").and.contain("| changed |");
  });

  it("--diff compares values, not labels: a CIDR or group id changed behind the same peer name is a change (exit 2, named)", async () => {
    const dir = scratch();
    const saved = await cli(["plan", "--example", "openstack-controller", "--json"]);
    const plan = JSON.parse(saved.stdout) as { rules: { name: string; peer: string; target: string; ethertype: string }[] };
    const byGroup = plan.rules.find((r) => r.target.startsWith("sg:")) as (typeof plan.rules)[number];
    const byCidr = plan.rules.find((r) => /^[0-9a-f.:]+\/\d+$/.test(r.target)) as (typeof plan.rules)[number];
    expect(byGroup, "a rule whose peer is a group").to.not.equal(undefined);
    expect(byCidr, "a rule whose peer is a CIDR").to.not.equal(undefined);
    const earlier = { ...plan, rules: plan.rules.map((r) => (r === byGroup ? { ...r, target: "sg:another-id" } : r === byCidr ? { ...r, target: "10.9.9.0/24" } : r)) };
    writeFileSync(join(dir, "earlier.json"), JSON.stringify(earlier));
    const d = await cli(["plan", "--example", "openstack-controller", "--diff", join(dir, "earlier.json"), "--json"]);
    expect(d.code, d.stderr).to.equal(2);
    const diff = JSON.parse(d.stdout) as { changed: { name: string; fields: string[] }[] };
    expect(diff.changed.map((c) => [c.name, c.fields]).sort()).to.deep.equal([[byCidr.name, ["target"]], [byGroup.name, ["target"]]].sort());
    const text = await cli(["plan", "--example", "openstack-controller", "--diff", join(dir, "earlier.json")]);
    expect(text.code).to.equal(2);
    expect(text.stdout).to.contain(`(target 10.9.9.0/24 -> ${byCidr.target})`);
    // A plan saved without targets cannot prove them unchanged: reported, not approved.
    writeFileSync(join(dir, "old.json"), JSON.stringify({ rules: plan.rules.map(({ target, ethertype, ...r }) => r) }));
    const old = await cli(["plan", "--example", "openstack-controller", "--diff", join(dir, "old.json")]);
    expect(old.code).to.equal(2);
  });

  it("--markdown: a Mermaid graph of groups and the peers that reach them, then escaped rule tables", async () => {
    const r = await cli(["plan", "--example", "openstack-controller", "--markdown"]);
    expect(r.code, r.stderr).to.equal(0);
    const graph = r.stdout.split("```mermaid\n")[1].split("```")[0];
    expect(graph).to.match(/^flowchart LR\n/);
    const node = (label: string) => new RegExp(`(n\\d+)\\["${label}"\\]`).exec(graph)?.[1];
    // The controller's console proxies reach the compute nodes' VNC ports.
    expect(graph).to.contain(`${node("controller")} -->|"tcp 5900-5999"| ${node("compute")}`);
    expect(r.stdout).to.contain("#### controller (").and.contain("| direction | protocol | ports | peer | description | rule |");
  });

  const bad: [string, string[], RegExp][] = [
    ["a missing diff file", ["plan", "--diff", "/nonexistent/plan.json"], /^portcatalog: --diff \/nonexistent\/plan\.json: no such file$/],
    ["a directory as the diff file", ["plan", "--diff", "/tmp"], /^portcatalog: --diff \/tmp: not a regular file$/],
    ["two formats", ["plan", "--json", "--markdown"], /^portcatalog: --json and --markdown are two formats: give one$/],
    ["a stack and an example", ["plan", "--stack", "dev", "--example", "composed"], /^portcatalog: --stack plans the Pulumi project in this directory, --example one of portcatalog's examples: give one$/],
    ["--cwd of a directory that is no Pulumi project", ["plan", "--cwd", "/tmp"], /^portcatalog: no Pulumi\.yaml in \/tmp: /],
    ["a directory without Pulumi.yaml", ["plan", "--stack", "dev", "--cwd", "/"], /^portcatalog: no Pulumi\.yaml in \/: run plan --stack inside a Pulumi project, or plan --example <name> for an example$/],
    ["an unknown example", ["plan", "--example", "prod"], /^portcatalog: unknown stack "prod": use "anbox-appliance", /],
  ];
  for (const [what, args, message] of bad) {
    it(`bad input (${what}): one line, exit 1`, async () => {
      const r = await cli(args);
      expect(r.code).to.equal(1);
      expect(r.stdout).to.equal("");
      expect(r.stderr.trimEnd()).to.match(message);
      expect(r.stderr.trimEnd().split("\n")).to.have.length(1);
    });
  }

  it("a plan file that is not a plan is named with the field", async () => {
    const file = join(scratch(), "x.json");
    writeFileSync(file, JSON.stringify({ rules: [{ group: "g", name: "n", direction: "ingress", protocol: "tcp", ports: 443, peer: "x", description: "" }] }));
    const r = await cli(["plan", "--diff", file]);
    expect(r.code).to.equal(1);
    expect(r.stderr).to.equal(`portcatalog: --diff ${file}: rules[0].ports must be a string, got 443\n`);
    expect(existsSync(file)).to.equal(true);
  });
});

/** A JavaScript Pulumi project in a scratch directory, using the shared @pulumi/pulumi. */
function jsProject(program: string): string {
  const dir = scratch();
  symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"));
  writeFileSync(join(dir, "Pulumi.yaml"), "name: hostile\nruntime: nodejs\n");
  writeFileSync(join(dir, "Pulumi.dev.yaml"), "config: {}\n");
  writeFileSync(join(dir, "index.js"), program);
  return dir;
}

describe("cli: plan --stack refuses what the engine refuses, in one line (issue 17, classes 4 and 5)", () => {
  it("two resources with one URN: the engine's message, exit 1, nothing printed on stdout", async () => {
    const dir = jsProject('const pulumi = require("@pulumi/pulumi");\nnew pulumi.CustomResource("x:y:Z", "a", {});\nnew pulumi.CustomResource("x:y:Z", "a", {});\n');
    const r = await cli(["plan", "--stack", "dev", "--cwd", dir]);
    expect(r.code).to.equal(1);
    expect(r.stdout).to.equal("");
    expect(r.stderr).to.equal("portcatalog: Duplicate resource URN 'urn:pulumi:dev::hostile::pulumi:pulumi:Stack$x:y:Z::a'; try giving it a unique name\n");
  });

  it("an error thrown by the program is one line, without its stack", async () => {
    const dir = jsProject('throw new Error("boom in the program");\n');
    const r = await cli(["plan", "--stack", "dev", "--cwd", dir]);
    expect(r.code).to.equal(1);
    expect(r.stdout).to.equal("");
    expect(r.stderr.split("\n")).to.have.length(2);
    expect(r.stderr).to.contain("boom in the program").and.not.contain("    at ");
  });

  it("a path with a newline keeps the file name and the reason, escaped on one line", async () => {
    const r = await cli(["plan", "--diff", "/nonexistent/a\nb.json"]);
    expect(r.code).to.equal(1);
    expect(r.stderr.split("\n")).to.have.length(2);
    expect(r.stderr).to.contain("b.json").and.contain("no such file");
  });
});

describe("cli: files the CLI writes (issue 17, class 3)", () => {
  const FIX = join(ROOT, "test", "fixtures", "audit");
  const importArgs = (out: string, ...more: string[]) => ["import", join(FIX, "aws-rules.json"), "--group", "sg-0aaaaaaaaaaaaaaa1", "--component", "AnboxApplianceSecurityGroup", "--name", "anbox", "--out", out, ...more];
  const leftovers = (dir: string) => readdirSync(dir).filter((f) => f.endsWith(".tmp"));

  const cases: [string, (dir: string) => { args: string[]; file: string; before: string | undefined }, RegExp][] = [
    [
      "import --out onto its own input",
      (dir) => {
        const input = join(dir, "rules.json");
        copyFileSync(join(FIX, "aws-rules.json"), input);
        return { args: ["import", input, "--group", "sg-0aaaaaaaaaaaaaaa1", "--component", "AnboxApplianceSecurityGroup", "--name", "anbox", "--out", input, "--force"], file: input, before: readFileSync(input, "utf8") };
      },
      /^portcatalog: --out .*rules\.json: is the input .*rules\.json"; write the output to another file$/,
    ],
    [
      "import --out onto its input through a symlink",
      (dir) => {
        const input = join(dir, "rules.json");
        copyFileSync(join(FIX, "aws-rules.json"), input);
        symlinkSync(input, join(dir, "link.json"));
        return { args: ["import", input, "--group", "sg-0aaaaaaaaaaaaaaa1", "--component", "AnboxApplianceSecurityGroup", "--name", "anbox", "--out", join(dir, "link.json"), "--force"], file: input, before: readFileSync(input, "utf8") };
      },
      /^portcatalog: --out .*link\.json: is the input .*rules\.json"; write the output to another file$/,
    ],
    [
      "import --out over an existing file without --force",
      (dir) => {
        writeFileSync(join(dir, "mine.json"), "mine");
        return { args: importArgs(join(dir, "mine.json")), file: join(dir, "mine.json"), before: "mine" };
      },
      /^portcatalog: --out .*mine\.json: the file exists; give --force to replace it$/,
    ],
    [
      "docs --write over an existing file without --force",
      (dir) => {
        writeFileSync(join(dir, "notes.md"), "my notes");
        return { args: ["docs", "--write", join(dir, "notes.md")], file: join(dir, "notes.md"), before: "my notes" };
      },
      /^portcatalog: --write .*notes\.md: the file exists; give --force to replace it$/,
    ],
  ];
  for (const [what, setup, message] of cases) {
    it(`${what}: refused in one line, the file untouched, no temporary file left`, async () => {
      const dir = scratch();
      const { args, file, before } = setup(dir);
      const r = await cli(args);
      expect(r.code).to.equal(1);
      expect(r.stderr.trimEnd()).to.match(message);
      expect(r.stderr.trimEnd().split("\n")).to.have.length(1);
      expect(readFileSync(file, "utf8")).to.equal(before);
      expect(leftovers(dir)).to.deep.equal([]);
    });
  }

  it("--force replaces an existing output atomically, through a symlink keeping the link", async () => {
    const dir = scratch();
    writeFileSync(join(dir, "real.md"), "old");
    symlinkSync(join(dir, "real.md"), join(dir, "link.md"));
    const r = await cli(["docs", "--write", join(dir, "link.md"), "--force"]);
    expect(r.code, r.stderr).to.equal(0);
    expect(lstatSync(join(dir, "link.md")).isSymbolicLink()).to.equal(true);
    expect(readFileSync(join(dir, "real.md"), "utf8")).to.equal(readFileSync(join(ROOT, "docs", "catalog.md"), "utf8"));
    expect(leftovers(dir)).to.deep.equal([]);
  });
});

describe("cli, issue 24 class 7: plan --diff on every value, --out never onto an input, failing programs in one line, JSON duplicate keys", () => {
  it("--diff: an Azure rule whose destination ASG or source ports changed behind the same columns is a change, named", async () => {
    const dir = scratch();
    const saved = await cli(["plan", "--example", "anbox-azure", "--json"]);
    expect(saved.code, saved.stderr).to.equal(0);
    const plan = JSON.parse(saved.stdout) as { resources: { type: string; name: string; inputs: Record<string, unknown> }[]; rules: { name: string }[] };
    const rules = plan.resources.filter((r) => r.type === "azure-native:network:SecurityRule" && r.inputs.destinationApplicationSecurityGroups);
    expect(rules.length).to.be.greaterThan(1);
    const [a, b] = rules;
    // The earlier plan let the rule into another ASG, at another priority, from other source ports: no column shows them.
    a.inputs = { ...a.inputs, destinationApplicationSecurityGroups: [{ id: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/applicationSecurityGroups/other" }] };
    b.inputs = { ...b.inputs, sourcePortRange: "1024-65535" };
    writeFileSync(join(dir, "earlier.json"), JSON.stringify(plan));
    const d = await cli(["plan", "--example", "anbox-azure", "--diff", join(dir, "earlier.json"), "--json"]);
    expect(d.code, d.stderr).to.equal(2);
    const diff = JSON.parse(d.stdout) as { added: unknown[]; removed: unknown[]; changed: { name: string; fields: string[] }[] };
    expect([diff.added, diff.removed]).to.deep.equal([[], []]);
    expect(diff.changed.map((c) => [c.name, c.fields]).sort()).to.deep.equal([[a.name, ["inputs.destinationApplicationSecurityGroups"]], [b.name, ["inputs.sourcePortRange"]]].sort());
    const text = await cli(["plan", "--example", "anbox-azure", "--diff", join(dir, "earlier.json")]);
    expect(text.stdout).to.contain('(sourcePortRange "1024-65535" -> "*")').and.contain("applicationSecurityGroups/other");
    // The same plan, unchanged: nothing.
    writeFileSync(join(dir, "same.json"), saved.stdout);
    expect((await cli(["plan", "--example", "anbox-azure", "--diff", join(dir, "same.json")])).code).to.equal(0);
  });

  it("plan --json: an Azure rule lists the catalog entries it serves, as the other clouds' rules do", async () => {
    const r = await cli(["plan", "--example", "anbox-azure", "--json"]);
    const plan = JSON.parse(r.stdout) as { rules: { name: string; entries?: string[]; inputs?: unknown }[] };
    const catalogRules = plan.rules.filter((x) => !/-(4095|4096)$/.test(x.name));
    expect(catalogRules.length).to.be.greaterThan(0);
    for (const x of catalogRules) expect(x.entries?.length, x.name).to.be.greaterThan(0);
    expect(catalogRules.flatMap((x) => x.entries)).to.include("anbox-cloud/appliance/ui-and-api");
    // The closing rules serve no entry; no rule repeats its inputs (they are in resources).
    expect(plan.rules.filter((x) => /-(4095|4096)$/.test(x.name)).map((x) => x.entries)).to.deep.equal([undefined, undefined]);
    expect(plan.rules.some((x) => "inputs" in x)).to.equal(false);
  });

  const failing: [string, string, RegExp][] = [
    ["an apply that throws after the program returned", 'const pulumi = require("@pulumi/pulumi");\nconst r = new pulumi.CustomResource("x:y:Z", "a", {});\nr.id.apply(() => { throw new Error("boom later in apply"); });\n', /^portcatalog: boom later in apply\n$/],
    ["a promise rejected with a bare string", 'const pulumi = require("@pulumi/pulumi");\nconst r = new pulumi.CustomResource("x:y:Z", "a", {});\nr.id.apply(() => Promise.reject("not an error"));\n', /^portcatalog: the program failed: not an error\n$/],
    ["an async main that rejects", 'module.exports = async () => { await new Promise((r) => setTimeout(r, 5)); throw new Error("async boom"); };\n', /^portcatalog: async boom\n$/],
  ];
  for (const [what, program, message] of failing) {
    it(`plan --stack: ${what} is one line, exit 1, no stack trace`, async () => {
      const r = await cli(["plan", "--stack", "dev", "--cwd", jsProject(program)]);
      expect([r.code, r.stdout]).to.deep.equal([1, ""]);
      expect(r.stderr).to.match(message);
    });
  }
  it("plan --stack: the same, through the bin (a crash would print Node's stack)", () => {
    const dir = jsProject(failing[0][1]);
    const r = spawnSync(process.execPath, ["--import", "tsx", join(ROOT, "cli", "main.ts"), "plan", "--stack", "dev", "--cwd", dir], { encoding: "utf8", timeout: 60_000 });
    expect([r.status, r.stdout, r.stderr]).to.deep.equal([1, "", "portcatalog: boom later in apply\n"]);
  });

  const CATALOG = JSON.stringify({ entries: [{ id: "acme/web/https", catalog: "acme", variant: "web", service: "Web", protocol: "tcp", fromPort: 443, toPort: 443, direction: "ingress", audiences: ["public"], required: true, description: "HTTPS", source: { document: "acme.md", section: "Ports" } }] });
  const onto: [string, (dir: string, catalog: string) => string][] = [
    ["the catalog file itself", (_dir, catalog) => catalog],
    ["a symlink to it", (dir, catalog) => (symlinkSync(catalog, join(dir, "link.json")), join(dir, "link.json"))],
    ["a hard link to it", (dir, catalog) => (linkSync(catalog, join(dir, "hard.json")), join(dir, "hard.json"))],
    ["its path spelt through ..", (dir, catalog) => join(dir, "..", basename(dir), basename(catalog))],
  ];
  for (const [what, out] of onto) {
    it(`import --out onto a catalog file named in --args (${what}): refused, the catalog untouched`, async () => {
      const dir = scratch();
      const catalog = join(dir, "acme.json");
      writeFileSync(catalog, CATALOG);
      const target = out(dir, catalog);
      const args = { catalogFiles: [catalog], products: [{ product: "acme/web" }] };
      const r = await cli(["import", join(ROOT, "test", "fixtures", "audit", "aws-rules.json"), "--group", "sg-0aaaaaaaaaaaaaaa1", "--component", "CatalogSecurityGroup", "--name", "web", "--args", JSON.stringify(args), "--out", target, "--force"]);
      expect(r.code, r.stdout).to.equal(1);
      expect(r.stderr).to.match(/^portcatalog: --out .*: is the input ".*acme\.json"; write the output to another file\n$/);
      expect(readFileSync(catalog, "utf8")).to.equal(CATALOG);
    });
  }

  it("a catalog file with a key given twice is refused in JSON as in YAML, naming the key and where", async () => {
    const dir = scratch();
    const json = join(dir, "twice.json");
    writeFileSync(json, CATALOG.replace('"fromPort":443', '"fromPort":443,"fromPort":22'));
    const yaml = join(dir, "twice.yaml");
    writeFileSync(yaml, "entries:\n  - id: acme/web/https\n    fromPort: 443\n    fromPort: 22\n");
    const r = await cli(["catalog", "--file", json]);
    expect([r.code, r.stdout]).to.deep.equal([1, ""]);
    expect(r.stderr).to.equal(`portcatalog: ${json}: not valid JSON: key "fromPort" is given twice in entries[0]; give each key once\n`);
    const y = await cli(["catalog", "--file", yaml]);
    expect([y.code, y.stderr]).to.match(/^1,portcatalog: .*twice\.yaml: not valid YAML: Map keys must be unique/);
    // The same for the component's catalogFiles and the CLI's JSON options.
    const i = await cli(["import", join(ROOT, "test", "fixtures", "audit", "aws-rules.json"), "--group", "sg-0aaaaaaaaaaaaaaa1", "--component", "CatalogSecurityGroupRules", "--name", "x", "--args", '{"securityGroupId":"sg-0aaaaaaaaaaaaaaa1","securityGroupId":"sg-1"}', "--out", join(dir, "i.json")]);
    expect(i.stderr).to.equal('portcatalog: --args: not valid JSON (key "securityGroupId" is given twice in the top level; give each key once)\n');
    const a = await cli(["audit", join(ROOT, "test", "fixtures", "audit", "aws-rules.json"), "--products", "anbox-cloud/appliance", "--sources", '{"admin":{"cidrIpv4":["10.0.0.0/8"]},"admin":{}}']);
    expect(a.stderr).to.match(/^portcatalog: --sources: not valid JSON \(key "admin" is given twice/);
  });

  it("an export with a key given twice (a second rule list would hide the first) is refused", async () => {
    const dir = scratch();
    const file = join(dir, "twice.json");
    const rules = JSON.parse(readFileSync(join(ROOT, "test", "fixtures", "audit", "aws-rules.json"), "utf8")).SecurityGroupRules;
    writeFileSync(file, `{"SecurityGroupRules": ${JSON.stringify(rules)}, "SecurityGroupRules": []}`);
    const r = await cli(["audit", file]);
    expect(r.code).to.equal(1);
    expect(r.stderr).to.equal(`portcatalog: ${file}: key "SecurityGroupRules" is given twice; the tools never print that, so the file was edited: give each key once\n`);
  });
});
