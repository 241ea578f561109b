// A new user's first hour (issue 25): errors as Pulumi prints them, "did you mean", arguments named as written.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { expect } from "chai";
import * as openstack from "@pulumi/openstack";
import { closest, PortcatalogError } from "../catalog/errors.js";
import { AnboxApplianceSecGroup, AnboxCloudSecGroup, CatalogSecGroup, OpenStackControllerRules, OpenStackNetworkRules } from "../index.js";
import { noInternalPortsToWorld, rulesJoinedByGroup } from "../policy/policies.js";
import { joinByGroup } from "../policy/stack.js";
import { setupMocks, UNKNOWN } from "../testing/index.js";
import { runCli } from "./support/cli.js";
import { runUnderFakeEngine } from "./support/fake-engine.js";
import { type Res, resourceViolations, stackArgs, stackViolations, urnOf } from "./support/policy-stack.js";

const ROOT = join(__dirname, "..");

/** The error a constructor throws. */
function thrown(construct: () => unknown): Error {
  try {
    construct();
  } catch (err) {
    return err as Error;
  }
  throw new Error("no error");
}

describe("first hour: a component's error in pulumi preview is one line", function () {
  this.timeout(120_000);
  let dir: string;
  before(async () => {
    await setupMocks();
    dir = mkdtempSync(join(tmpdir(), "pc-runerror-"));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  /** A JavaScript program (the sources through tsx) run by @pulumi/pulumi's own runner against a fake engine. */
  async function preview(name: string, body: string) {
    const at = join(dir, name);
    mkdirSync(at);
    writeFileSync(join(at, "package.json"), JSON.stringify({ name, main: "index.js" }));
    writeFileSync(join(at, "index.js"), [`require(${JSON.stringify(require.resolve("tsx/cjs/api"))}).register();`, `const portcatalog = require(${JSON.stringify(join(ROOT, "index.ts"))});`, body, ""].join("\n"));
    return runUnderFakeEngine(at);
  }

  it("the runner sends the engine one error line: the component, the argument as written, the value and the choices, no stack", async () => {
    const r = await preview("release", 'new portcatalog.OpenStackControllerRules("ctl", { securityGroupId: "sg", release: "2025.3" });');
    const errors = r.logs.filter((l) => l.severity === "error").map((l) => l.message);
    expect(r.status).to.not.equal(0);
    expect(errors).to.deep.equal(['OpenStackControllerRules "ctl": args.release: unknown release "2025.3" of openstack/cloud: use "kilo", "2025.1" or "2025.2"']);
  });

  it("a typo gets its did-you-mean there too", async () => {
    const r = await preview("service", 'new portcatalog.OpenStackControllerRules("ctl", { securityGroupId: "sg", release: "2025.2", services: ["rabbitmq-tsl"] });');
    const errors = r.logs.filter((l) => l.severity === "error").map((l) => l.message);
    expect(errors).to.have.length(1);
    expect(errors[0]).to.match(/^OpenStackControllerRules "ctl": args\.services\[0\]: unknown service "rabbitmq-tsl" for openstack\/cloud@2025\.2: did you mean "rabbitmq-tls"\? use "aodh", /);
    expect(errors[0]).to.not.contain("\n");
  });

  it("the error keeps its class for tests that catch it, and is a pulumi.RunError to the SDK", () => {
    const err = thrown(() => new OpenStackControllerRules("c", { securityGroupId: "sg", release: "2025.3" }));
    expect(err).to.be.instanceOf(PortcatalogError);
    expect(pulumi.RunError.isInstance(err)).to.equal(true);
  });
});

describe("first hour: did you mean, wherever a name is chosen from a list", () => {
  before(() => setupMocks());

  const cases: [string, () => unknown, RegExp][] = [
    ["a feature", () => new AnboxApplianceSecGroup("a", { features: ["stun-trun"] }), /^AnboxApplianceSecGroup "a": args\.features\[0\]: unknown feature "stun-trun" for this selection: did you mean "stun-turn"\? use /],
    ["a product", () => new CatalogSecGroup("p", { products: [{ product: "anbox-cloud/appliancee" }] }), /^CatalogSecGroup "p": args\.products\[0\]: unknown product "anbox-cloud\/appliancee": did you mean "anbox-cloud\/appliance"\? use /],
    ["a release", () => new AnboxApplianceSecGroup("r", { release: "v1.30" }), /^AnboxApplianceSecGroup "r": args\.release: unknown release "v1\.30" of anbox-cloud\/appliance: did you mean "1\.30"\? use /],
    ["a role of a product", () => new CatalogSecGroup("o", { products: [{ product: "openstack/cloud", roles: ["controler"] }] }), /^CatalogSecGroup "o": args\.products\[0\]\.roles\[0\]: unknown role "controler" for openstack\/cloud@2025\.2: did you mean "controller"\? use /],
    ["a role of a named component", () => new AnboxCloudSecGroup("c", { roles: ["lxdd"] }), /^AnboxCloudSecGroup "c": args\.roles\[0\]: unknown role "lxdd" for anbox-cloud\/charmed@1\.30: did you mean "lxd"\? use /],
    ["the group's own role", () => new OpenStackControllerRules("w", { securityGroupId: "sg", role: "controler" } as never), /^OpenStackControllerRules "w": args\.role: unknown role "controler" for this selection: did you mean "controller"\? use /],
    ["a service", () => new OpenStackControllerRules("s", { securityGroupId: "sg", services: ["octavai"] }), /args\.services\[0\]: unknown service "octavai" .*: did you mean "octavia"\? use /],
  ];
  for (const [what, construct, message] of cases) {
    it(`${what}`, () => {
      const err = thrown(construct);
      expect(err).to.be.instanceOf(PortcatalogError);
      expect(err.message).to.match(message);
    });
  }

  it("names the argument the user wrote: a named component's release and fixed role are args.release, never args.products[0]", () => {
    expect(thrown(() => new OpenStackControllerRules("c", { securityGroupId: "sg", release: "2024.1" })).message).to.match(/^OpenStackControllerRules "c": args\.release: unknown release "2024\.1"/);
    expect(thrown(() => new OpenStackNetworkRules("n", { securityGroupId: "sg", release: "kilo" })).message).to.match(/^OpenStackNetworkRules "n": args\.release: unknown role "network" for openstack\/cloud@kilo/);
  });

  it("no guess when two names are as close, or none is close", () => {
    expect(closest("2025.3", ["kilo", "2025.1", "2025.2"])).to.equal(undefined);
    expect(closest("gpu", ["compute", "controller"])).to.equal(undefined);
    expect(closest("rabbitmq-tsl", ["rabbitmq-tls", "rabbitmq-management"])).to.equal("rabbitmq-tls");
    expect(closest("Octavia", ["octavia", "ovn"])).to.equal("octavia");
  });
});

describe("first hour: the policy pack's first preview of an OpenStack program is quiet and right", () => {
  // The engine's unknown during preview. On a rule about to be created the provider's computed
  // fields the program left unset are unknown too (terraform-provider-openstack's
  // networking_secgroup_rule_v2: remote_ip_prefix, remote_group_id, remote_address_group_id,
  // port_range_min/max are Optional+Computed), beside the group id that does not exist yet.
  const U = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
  const COMPUTED = ["remoteIpPrefix", "remoteGroupId", "remoteAddressGroupId", "portRangeMin", "portRangeMax", "tenantId", "region"];

  /** The program's resources as a first preview hands them to a stack policy. */
  async function firstPreview(program: () => void): Promise<Res[]> {
    const recorder = await setupMocks({ preview: true });
    program();
    await recorder.settled();
    const groups = recorder.resources.filter((r) => r.type === "openstack:networking/secGroup:SecGroup");
    return recorder.resources
      .filter((r) => r.custom)
      .map((r) => {
        const props: Record<string, unknown> = Object.fromEntries(Object.entries(r.inputs).map(([k, v]) => [k, v === UNKNOWN ? U : v]));
        const deps: Record<string, string[]> = {};
        if (r.type === "openstack:networking/secGroupRule:SecGroupRule") {
          for (const f of COMPUTED) if (props[f] === undefined) props[f] = U;
          // Ids set from the program's own groups depend on them (one group here).
          for (const f of ["securityGroupId", "remoteGroupId"]) if (r.inputs[f] === UNKNOWN) deps[f] = groups.map(urnOf);
        }
        return { type: r.type, name: r.name, props, deps };
      });
  }

  const program = () => {
    const group = new openstack.networking.SecGroup("controller", { description: "controller nodes" });
    new OpenStackControllerRules("ctl", { securityGroupId: group.id, release: "2025.2", sources: { internal: { self: true }, admin: { cidrIpv4: ["10.0.0.0/24"], cidrIpv6: ["fd00::/64"] } } });
  };

  it("a clean program: no advisory at all, and every rule joined with its group", async () => {
    const resources = await firstPreview(program);
    expect(resources.length).to.be.greaterThan(20);
    expect(stackViolations(rulesJoinedByGroup, stackArgs(resources))).to.deep.equal([]);
    const joined = joinByGroup(stackArgs(resources).resources as never);
    expect(joined.groups.map((g) => g.label)).to.deep.equal(["controller"]);
    expect(joined.groups[0].rules.length).to.equal(resources.length - 1);
  });

  it("a literal ::/0 is judged in a first preview: internal ports opened to the world are found, not deferred", async () => {
    const resources = await firstPreview(() => {
      const group = new openstack.networking.SecGroup("controller", { description: "controller nodes" });
      new OpenStackControllerRules("ctl", { securityGroupId: group.id, release: "2025.2", sources: { internal: { cidrIpv6: ["::/0"] } } });
    });
    const mysql = resources.find((r) => r.name.startsWith("ctl-in-tcp-3306-"));
    expect(mysql?.props.remoteIpPrefix).to.equal("::/0");
    expect(resourceViolations(noInternalPortsToWorld, mysql as Res).join("\n")).to.match(/opens an internal-only catalog port to ::\/0: tcp\/3306: MySQL/);
    expect(stackViolations(rulesJoinedByGroup, stackArgs(resources))).to.deep.equal([]);
  });

  it("a value really unknown (a CIDR from another resource) gets one summary for the stack, naming the rules", async () => {
    const resources = await firstPreview(program);
    const subnet: Res = { type: "openstack:networking/subnet:Subnet", name: "mgmt", props: { cidr: U } };
    const fromSubnet = (name: string): Res => ({ type: "openstack:networking/secGroupRule:SecGroupRule", name, props: { securityGroupId: U, direction: "ingress", ethertype: "IPv4", protocol: "tcp", portRangeMin: 22, portRangeMax: 22, remoteIpPrefix: U, remoteGroupId: U, remoteAddressGroupId: U }, deps: { securityGroupId: [urnOf(resources[0])], remoteIpPrefix: [urnOf(subnet)] } });
    const said = stackViolations(rulesJoinedByGroup, stackArgs([...resources, subnet, fromSubnet("ssh-a"), fromSubnet("ssh-b")]));
    expect(said).to.have.length(1);
    expect(said[0]).to.match(/^2 rule resources not judged in full: ssh-a: remoteIpPrefix not known during preview.* \| ssh-b: remoteIpPrefix/);
  });

  it("the description says what the advisory reports", () => {
    expect(rulesJoinedByGroup.description).to.match(/once per stack/).and.match(/not known yet/);
    expect(rulesJoinedByGroup.description).to.not.match(/^Every rule resource's group and CIDRs are known/);
  });
});

describe("first hour: say what the plan means", function () {
  this.timeout(120_000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "pc-firsthour-plan-"));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  /** A user's JavaScript project whose `portcatalog` is these sources (through tsx, loaded in this process). */
  function project(name: string, program: string, stacks = ["dev"]): string {
    const at = join(dir, name);
    mkdirSync(join(at, "node_modules", "portcatalog"), { recursive: true });
    symlinkSync(join(ROOT, "node_modules", "@pulumi"), join(at, "node_modules", "@pulumi"));
    writeFileSync(join(at, "node_modules", "portcatalog", "package.json"), JSON.stringify({ name: "portcatalog", main: "index.js" }));
    writeFileSync(join(at, "node_modules", "portcatalog", "index.js"), `module.exports = require(${JSON.stringify(join(ROOT, "index.ts"))});\n`);
    writeFileSync(join(at, "Pulumi.yaml"), `name: ${name}\nruntime: nodejs\nmain: index.js\n`);
    for (const s of stacks) writeFileSync(join(at, `Pulumi.${s}.yaml`), "config: {}\n");
    writeFileSync(join(at, "index.js"), `const openstack = require("@pulumi/openstack");\nconst pc = require("portcatalog");\n${program}\n`);
    return at;
  }

  it("internal ports opened to 0.0.0.0/0 through sources.internal: the plan warns as the policy pack judges", async () => {
    const at = project("world", 'const g = new openstack.networking.SecGroup("g", {});\nnew pc.OpenStackControllerRules("ctl", { securityGroupId: g.id, release: "2025.2", sources: { internal: { cidrIpv4: ["0.0.0.0/0"] } } });');
    const r = await runCli(["plan", "--stack", "dev", "--cwd", at]);
    expect(r.status, r.stderr).to.equal(0);
    expect(r.stdout).to.not.contain("Warnings: none");
    expect(r.stdout).to.match(/\n {2}- portcatalog-no-internal-ports-to-world \(mandatory\): ctl-in-tcp-3306-[^ ]* opens an internal-only catalog port to 0\.0\.0\.0\/0: tcp\/3306: MySQL/);
    // The same program's resources, judged by the pack itself, give the same finding.
    const again = project("world-md", 'const g = new openstack.networking.SecGroup("g", {});\nnew pc.OpenStackControllerRules("ctl", { securityGroupId: g.id, release: "2025.2", sources: { internal: { cidrIpv4: ["0.0.0.0/0"] } } });');
    const md = await runCli(["plan", "--stack", "dev", "--cwd", again, "--markdown"]);
    expect(md.stdout).to.contain("**Warnings**").and.contain("portcatalog-no-internal-ports-to-world (mandatory)");
  });

  it("a clean program gets no policy finding", async () => {
    const at = project("clean", 'const g = new openstack.networking.SecGroup("g", {});\nnew pc.OpenStackControllerRules("ctl", { securityGroupId: g.id, release: "2025.2" });');
    const r = await runCli(["plan", "--stack", "dev", "--cwd", at]);
    expect(r.status, r.stderr).to.equal(0);
    expect(r.stdout).to.contain('== OpenStackControllerRules "ctl"').and.not.contain("portcatalog-no-");
  });

  it("plan --stack sums every component in one Neutron project and says where the project total stands", async () => {
    // Each component fits Neutron's 100 alone; together they do not.
    const at = project("quota", ["controller", "other"].map((n) => `new pc.OpenStackControllerRules(${JSON.stringify(n)}, { securityGroupId: new openstack.networking.SecGroup(${JSON.stringify(`${n}-g`)}, {}).id, release: "2025.2", allFeatures: true, projectRuleQuota: 100 });`).join("\n"));
    const r = await runCli(["plan", "--stack", "dev", "--cwd", at]);
    expect(r.status, r.stderr).to.equal(0);
    const line = /\n {2}Neutron project \(the default provider\): (\d+) rules of the stack \(controller: (\d+), other: (\d+)\) \+ 4 Neutron default egress \+ 4 already in the project = (\d+) of 100: OVER\n/.exec(r.stdout);
    expect(line, r.stdout.split("Quota across")[1]).to.not.equal(null);
    const [, sum, a, b, total] = (line as RegExpExecArray).map(Number);
    expect(Number(a)).to.be.lessThan(100);
    expect(sum).to.equal(a + b);
    expect(total).to.equal(sum + 8);
    expect(r.stdout).to.match(/ {2}- the stack's rules in Neutron project \(the default provider\) total \d+, over the quota of 100/);
  });

  it("without --stack inside a Pulumi project, plan plans that project (its only stack), never the library's example", async () => {
    const at = project("here", 'const g = new openstack.networking.SecGroup("g", {});\nnew pc.OpenStackControllerRules("ctl", { securityGroupId: g.id, release: "2025.2" });');
    const cwd = process.cwd();
    process.chdir(at);
    try {
      const r = await runCli(["plan"]);
      expect(r.status, r.stderr).to.equal(0);
      expect(r.stdout).to.match(/^Project here, stack dev: index\.js/).and.not.contain("anbox-appliance");
    } finally {
      process.chdir(cwd);
    }
    const two = project("two", "", ["dev", "prod"]);
    const r = await runCli(["plan", "--cwd", two]);
    expect(r.status).to.equal(1);
    expect(r.stderr).to.match(/is the Pulumi project "two": plan it with --stack <stack> \(stacks with config here are "dev" or "prod"\), or plan one of portcatalog's examples with --example <name>\n$/);
  });

  for (const command of ["plan", "catalog", "conflicts", "audit", "import", "docs"]) {
    it(`portcatalog ${command} --help prints its usage, exit 0`, async () => {
      const r = await runCli([command, "--help"]);
      expect(r.status, r.stderr).to.equal(0);
      expect(r.stdout).to.match(new RegExp(`^usage: portcatalog ${command} `));
      expect(r.stderr).to.equal("");
    });
  }
});
