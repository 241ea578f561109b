import { expect } from "chai";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PortcatalogError } from "../catalog/index.js";
import * as pulumi from "@pulumi/pulumi";
import { CatalogSecGroup, CatalogSecGroupRules, CatalogSecurityGroup, CatalogSecurityGroupRules, reportOf } from "../components/index.js";
import { resolve, setupMocks } from "../testing/index.js";
import { ACME_ENTRY } from "./support/user-catalog.js";

const SRC = { document: "acme.md", section: "Flows" };
function userCatalog(): string {
  const e = (slug: string, port: number, roles: string[], flows: unknown) => ({ ...ACME_ENTRY, id: `acme/web/${slug}`, service: slug, fromPort: port, toPort: port, roles, audiences: ["internal"], flows });
  const dir = mkdtempSync(join(tmpdir(), "portcatalog-roles-"));
  const file = join(dir, "acme.json");
  writeFileSync(
    file,
    JSON.stringify({
      entries: [
        e("console", 5900, ["compute"], [{ from: ["controller"], source: SRC }]),
        e("migrate", 16509, ["compute"], [{ from: ["compute"], source: SRC }]),
        e("db", 3306, ["controller"], [{ from: ["controller", "compute"], source: SRC }]),
      ],
    }),
  );
  return file;
}

describe("components with role and roleGroups", () => {
  const file = userCatalog();
  const products = [{ product: "acme/web" }];

  it("AWS: the compute group opens the console port to the controllers' group and migration to itself only", async () => {
    const rec = await setupMocks();
    const sg = new CatalogSecurityGroup("compute", { vpcId: "vpc-1", catalogFiles: [file], products, allowAllEgress: false, role: "compute", roleGroups: { controller: "sg-ctl" } });
    await rec.settled();
    const rules = reportOf(sg).groups.flatMap((g) => g.rules);
    expect(rules.map((r) => r.key)).to.deep.equal(["in-tcp-16509-self", "in-tcp-5900-sg-controller"]);
    expect(rec.named("compute-in-tcp-5900-sg-controller").inputs.referencedSecurityGroupId).to.equal("sg-ctl");
    expect(await resolve(sg.ruleCount)).to.equal(2);
  });

  it("without role: the audience plan, unchanged (every internal port to the group itself)", async () => {
    const rec = await setupMocks();
    const sg = new CatalogSecurityGroup("all", { vpcId: "vpc-1", catalogFiles: [file], products, allowAllEgress: false });
    await rec.settled();
    expect(reportOf(sg).groups.flatMap((g) => g.rules).map((r) => r.key)).to.deep.equal(["in-tcp-16509-self", "in-tcp-3306-self", "in-tcp-5900-self"]);
  });

  it("OpenStack: the controller group opens the database to itself and to the compute group, per family", async () => {
    const rec = await setupMocks();
    const sg = new CatalogSecGroup("controller", { catalogFiles: [file], products, role: "controller", roleGroups: { compute: "os-compute" } });
    await rec.settled();
    expect(reportOf(sg).groups.flatMap((g) => g.rules).map((r) => r.key)).to.deep.equal(["in-tcp-3306-self-ipv4", "in-tcp-3306-self-ipv6", "in-tcp-3306-sg-compute-ipv4", "in-tcp-3306-sg-compute-ipv6"]);
    expect(rec.named("controller-in-tcp-3306-sg-compute-ipv4").inputs.remoteGroupId).to.equal("os-compute");
  });

  it("bad role arguments fail before anything registers, naming the field", async () => {
    const rec = await setupMocks();
    const base = { securityGroupId: "sg-1", catalogFiles: [file], products };
    expect(() => new CatalogSecurityGroupRules("a", { ...base, role: "storage" })).to.throw(PortcatalogError, /^CatalogSecurityGroupRules "a": args\.role: unknown role "storage" for this selection: use "compute" or "controller"$/);
    expect(() => new CatalogSecurityGroupRules("b", { ...base, roleGroups: { compute: "sg-2" } })).to.throw(PortcatalogError, /^CatalogSecurityGroupRules "b": args\.roleGroups: needs args\.role/);
    expect(() => new CatalogSecurityGroupRules("c", { ...base, role: "compute", roleGroups: { network: "sg-2" } })).to.throw(PortcatalogError, /^CatalogSecurityGroupRules "c": args\.roleGroups\.network: unknown role "network"/);
    expect(() => new CatalogSecurityGroupRules("d", { ...base, role: "compute", roleGroups: { controller: "" } })).to.throw(PortcatalogError, /^CatalogSecurityGroupRules "d": args\.roleGroups\.controller: must not be empty/);
    await rec.settled();
    expect(rec.resources).to.deep.equal([]);
  });

  it("rules-only components: the group the rules go into, named again as another role's group, fails (it would open that role's ports to this role's machines)", async () => {
    const rec = await setupMocks();
    const own = pulumi.output("sg-own");
    expect(() => new CatalogSecurityGroupRules("a", { securityGroupId: "sg-1", catalogFiles: [file], products, role: "compute", roleGroups: { controller: "sg-1" } })).to.throw(
      PortcatalogError,
      /^CatalogSecurityGroupRules "a": args\.roleGroups\.controller: "sg-1" is args\.securityGroupId, this group's own machines: a group holds one role, so give role "controller" its own security group$/,
    );
    expect(() => new CatalogSecurityGroupRules("b", { securityGroupId: own, catalogFiles: [file], products, role: "compute", roleGroups: { controller: own } })).to.throw(PortcatalogError, /args\.roleGroups\.controller: a Pulumi Output is args\.securityGroupId/);
    expect(() => new CatalogSecGroupRules("c", { securityGroupId: "os-1", catalogFiles: [file], products, role: "controller", roleGroups: { compute: "os-1" } })).to.throw(PortcatalogError, /^CatalogSecGroupRules "c": args\.roleGroups\.compute: "os-1" is args\.securityGroupId/);
    await rec.settled();
    expect(rec.resources).to.deep.equal([]);
    // Another group is fine.
    const rec2 = await setupMocks();
    new CatalogSecurityGroupRules("d", { securityGroupId: "sg-1", catalogFiles: [file], products, role: "compute", roleGroups: { controller: "sg-2" } });
    await rec2.settled();
    expect(rec2.resources.length).to.be.greaterThan(0);
  });
});

describe("deployment components: a group per role, every flow wired between them", () => {
  const file = userCatalog();
  const products = [{ product: "acme/web" }];

  it("AWS: groups first, then rules that reference the other roles' real group ids", async () => {
    const { CatalogDeploymentSecurityGroups } = await import("../components/index.js");
    const rec = await setupMocks();
    const d = new CatalogDeploymentSecurityGroups("os", { vpcId: "vpc-1", catalogFiles: [file], products, roles: ["controller", "compute"], allowAllEgress: false });
    await rec.settled();
    expect(rec.ofType("aws:ec2/securityGroup:SecurityGroup").map((g) => g.name)).to.deep.equal(["os-controller", "os-compute"]);
    expect(await resolve(d.ruleKeys)).to.deep.equal(["in-tcp-3306-self", "in-tcp-3306-sg-compute", "in-tcp-16509-self", "in-tcp-5900-sg-controller"]);
    const ids = await resolve(d.securityGroupIds);
    expect(Object.keys(ids)).to.deep.equal(["controller", "compute"]);
    expect(rec.named("os-compute-in-tcp-5900-sg-controller").inputs.referencedSecurityGroupId).to.equal(ids.controller);
    expect(rec.named("os-controller-in-tcp-3306-sg-compute").inputs.referencedSecurityGroupId).to.equal(ids.compute);
    expect(rec.named("os-controller-in-tcp-3306-sg-compute").inputs.securityGroupId).to.equal(ids.controller);
    expect(await resolve(d.allSecurityGroupIds)).to.deep.equal({ controller: [ids.controller], compute: [ids.compute] });
  });

  it("OpenStack: the same wiring with remote groups, per family", async () => {
    const { CatalogDeploymentSecGroups } = await import("../components/index.js");
    const rec = await setupMocks();
    const d = new CatalogDeploymentSecGroups("os", { catalogFiles: [file], products, roles: ["controller", "compute"] });
    await rec.settled();
    const ids = await resolve(d.securityGroupIds);
    expect(rec.named("os-compute-in-tcp-5900-sg-controller-ipv4").inputs.remoteGroupId).to.equal(ids.controller);
    expect(rec.named("os-compute-in-tcp-16509-self-ipv6").inputs.remoteGroupId).to.equal(ids.compute);
    expect(await resolve(d.ruleCount)).to.equal(8);
  });

  it("bad deployment arguments register nothing", async () => {
    const { CatalogDeploymentSecurityGroups, CatalogDeploymentSecGroups } = await import("../components/index.js");
    const rec = await setupMocks();
    expect(() => new CatalogDeploymentSecurityGroups("d", { vpcId: "vpc-1", catalogFiles: [file], products, roles: ["compute", "compute"] })).to.throw(PortcatalogError, /^CatalogDeploymentSecurityGroups "d": args\.roles\[1\]: "compute" is named twice/);
    expect(() => new CatalogDeploymentSecGroups("e", { catalogFiles: [file], products, roles: [] })).to.throw(PortcatalogError, /^CatalogDeploymentSecGroups "e": args\.roles: /);
    expect(() => new CatalogDeploymentSecGroups("f", { catalogFiles: [file], products, roles: ["compute", "storage"] })).to.throw(PortcatalogError, /unknown role "storage" for this selection: use "compute" or "controller"/);
    expect(() => new CatalogDeploymentSecGroups("g", { catalogFiles: [file], products, roles: ["compute"], role: "compute" })).to.throw(PortcatalogError, /args\.role: a deployment gives each of args\.roles its own group/);
    await rec.settled();
    expect(rec.resources).to.deep.equal([]);
  });
});
