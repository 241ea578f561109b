import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "chai";
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
