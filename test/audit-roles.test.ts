import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "chai";
import fc from "fast-check";
import { combineExports, parseExport } from "../audit/parse.js";
import { auditRoles } from "../audit/roles.js";
import type { ExistingRule } from "../audit/model.js";
import { PortcatalogError } from "../catalog/index.js";
import { runCli } from "./support/cli.js";

const rule = (id: string, groupId: string, peer: string, fromPort: number, toPort = fromPort): ExistingRule => ({
  id, groupId, direction: "ingress", family: "IPv4", protocol: "tcp", rawProtocol: "tcp", fromPort, toPort, peer: { kind: "group", id: peer }, origin: `test ${id}`,
});

describe("auditRoles: existing role groups judged against the flows", () => {
  const roleGroups = { control: "sg-c", lxd: "sg-l", streaming: "sg-s", "load-balancer": "sg-lb" };
  it("a rule that lets in a role no flow needs is a finding; one a flow needs is not", () => {
    // etcd (2379) on the control machines: only control connects; any port of lxd from streaming is not a flow either.
    const input = { cloud: "aws" as const, groups: [{ id: "sg-c", rules: [rule("r1", "sg-c", "sg-c", 2379), rule("r2", "sg-c", "sg-l", 2379)] }] };
    const findings = auditRoles(input, { product: "anbox-cloud/charmed", release: "1.30", roleGroups });
    expect(findings.map((f) => [f.rule.id, f.from, f.ports])).to.deep.equal([["r2", "lxd", ["tcp/2379"]]]);
    expect(findings[0].message).to.equal("sg-c (control): rule r2 lets in lxd on tcp/2379, which no flow from lxd to control needs");
  });
  it("unknown roles and a group given two roles are errors", () => {
    expect(() => auditRoles({ cloud: "aws", groups: [] }, { product: "anbox-cloud/charmed", release: "1.30", roleGroups: { web: "sg-1" } })).to.throw(PortcatalogError, /^roleGroups\.web: unknown role "web" for anbox-cloud\/charmed@1\.30: use "control", "load-balancer", "lxd" or "streaming"$/);
    expect(() => auditRoles({ cloud: "aws", groups: [] }, { product: "anbox-cloud/charmed", release: "1.30", roleGroups: { control: "sg-1", lxd: "sg-1" } })).to.throw(PortcatalogError, /group "sg-1" is already roleGroups\.control/);
  });
});

describe("portcatalog audit --role-groups", () => {
  const exportWith = (peer: string) => {
    const dir = mkdtempSync(join(tmpdir(), "portcatalog-audit-roles-"));
    const file = join(dir, "rules.json");
    writeFileSync(file, JSON.stringify({ SecurityGroupRules: [{ SecurityGroupRuleId: "sgr-1", GroupId: "sg-c", IsEgress: false, IpProtocol: "tcp", FromPort: 2379, ToPort: 2379, ReferencedGroupInfo: { GroupId: peer } }] }));
    return file;
  };
  const args = ["--products", "anbox-cloud/charmed", "--release", "1.30", "--role-groups", JSON.stringify({ control: "sg-c", lxd: "sg-l" })];
  it("names a rule that lets in a role no flow needs, and exits 2", async () => {
    const r = await runCli(["audit", exportWith("sg-l"), ...args]);
    expect(r.status).to.equal(2);
    expect(r.stdout).to.contain("sg-c (control): rule sgr-1 lets in lxd on tcp/2379, which no flow from lxd to control needs");
    const json = JSON.parse((await runCli(["audit", exportWith("sg-l"), ...args, "--json"])).stdout) as { roleFindings: { from: string }[] };
    expect(json.roleFindings.map((f) => f.from)).to.deep.equal(["lxd"]);
  });
  it("says none when every rule between role groups serves a flow", async () => {
    const r = await runCli(["audit", exportWith("sg-c"), ...args]);
    expect(r.stdout).to.contain("none: every rule between role groups serves a flow");
  });
  it("refuses a map that is not role to group id, or several products, in one line", async () => {
    expect((await runCli(["audit", exportWith("sg-l"), "--products", "anbox-cloud/charmed", "--role-groups", "[1]"])).stderr.trim()).to.match(/^portcatalog: --role-groups: expected a JSON object of role to group id, e\.g\. \{"compute":"<group id>"\}, got \[1\]$/);
    expect((await runCli(["audit", exportWith("sg-l"), "--products", "anbox-cloud/charmed,anbox-cloud/appliance", "--role-groups", "{}"])).stderr.trim()).to.match(/^portcatalog: --role-groups needs --products with exactly one product/);
  });
});

describe("auditRoles on Azure: every rule of a role's NSG is judged, whatever its destination (issue 24 class 3)", () => {
  const SUB = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network";
  const NSG = `${SUB}/networkSecurityGroups/control`;
  const asg = (name: string) => `${SUB}/applicationSecurityGroups/${name}`;
  const roleGroups = { control: asg("asg-control"), lxd: asg("asg-lxd") };
  type End = { prefixes?: string[]; asgs?: string[] };
  const end = (side: "source" | "destination", e: End) => (e.asgs ? { [`${side}ApplicationSecurityGroups`]: e.asgs.map((a) => ({ id: asg(a) })) } : { [`${side}AddressPrefixes`]: e.prefixes });
  let priority = 100;
  const azRule = (name: string, from: End, to: End, port: string) => ({
    name, id: `${NSG}/securityRules/${name}`, access: "Allow", direction: "Inbound", priority: priority++, protocol: "Tcp", sourcePortRange: "*", destinationPortRange: port, ...end("source", from), ...end("destination", to),
  });
  // The NSG also holds the control machines' own etcd rule, so its machines are known to be control's.
  const own = () => azRule("EtcdFromControl", { asgs: ["asg-control"] }, { asgs: ["asg-control"] }, "2379");
  const judge = (...rules: Record<string, unknown>[]) =>
    auditRoles(combineExports([parseExport("nsg.json", JSON.stringify([own(), ...rules]))]), { product: "anbox-cloud/charmed", release: "1.30", roleGroups }).map((f) => `${f.role} <- ${f.from} ${f.ports.join(",")}`);
  // [destination of a rule letting lxd into etcd (2379), what is found]
  const CASES: [string, End, string[]][] = [
    ["`*` (every machine of the NSG)", { prefixes: ["*"] }, ["control <- lxd tcp/2379"]],
    ["VirtualNetwork", { prefixes: ["VirtualNetwork"] }, ["control <- lxd tcp/2379"]],
    ["a CIDR", { prefixes: ["10.0.0.0/24"] }, ["control <- lxd tcp/2379"]],
    ["the control ASG", { asgs: ["asg-control"] }, ["control <- lxd tcp/2379"]],
    ["several ASGs: each is judged as its role", { asgs: ["asg-control", "asg-lxd"] }, ["control <- lxd tcp/2379", "lxd <- lxd tcp/2379"]],
    ["an ASG that holds no role", { asgs: ["asg-other"] }, []],
  ];
  for (const [what, to, found] of CASES) {
    it(`a rule from lxd into ${what} on etcd's port: ${found.length ? "judged as the role it reaches" : "no role, nothing to judge"}`, () => {
      expect(judge(azRule("EtcdFromLxd", { asgs: ["asg-lxd"] }, to, "2379"))).to.deep.equal(found);
    });
  }
  it("a rule from VirtualNetwork lets every role in: lxd into etcd is a finding, control's own etcd flow is not", () => {
    expect(judge(azRule("EtcdFromVnet", { prefixes: ["VirtualNetwork"] }, { asgs: ["asg-control"] }, "2379"))).to.deep.equal(["control <- lxd tcp/2379"]);
  });
  it("property: whatever destination reaches the control machines, a rule letting lxd into etcd is found", () => {
    const destination = fc.oneof(
      fc.constantFrom<End>({ prefixes: ["*"] }, { prefixes: ["VirtualNetwork"] }, { prefixes: ["Any"] }),
      fc.uniqueArray(fc.constantFrom("10.0.0.0/24", "10.0.1.4", "192.168.0.0/16", "fd00::/64"), { minLength: 1, maxLength: 3 }).map((prefixes): End => ({ prefixes })),
      fc.uniqueArray(fc.constantFrom("asg-lxd", "asg-other", "asg-web"), { maxLength: 2 }).map((l): End => ({ asgs: ["asg-control", ...l] })),
    );
    fc.assert(
      fc.property(destination, fc.constantFrom("2379", "2379-2380", "2000-3000", "*"), (to, port) => {
        const found = judge(azRule("EtcdFromLxd", { asgs: ["asg-lxd"] }, to, port)).filter((f) => f.startsWith("control <- lxd "));
        const reaches2379 = found.some((f) => f.slice("control <- lxd ".length).split(",").some((p) => (([a, b]) => a <= 2379 && 2379 <= (b ?? a))(p.replace("tcp/", "").split("-").map(Number))));
        expect(reaches2379, `${JSON.stringify(to)} ${port}: ${found.join("; ")}`).to.equal(true);
      }),
      { numRuns: 60 },
    );
  });
});
