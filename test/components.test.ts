// Classes from their own modules: the package index would make the project typecheck read all of @pulumi/aws.
import { SecurityGroup } from "@pulumi/aws/ec2/securityGroup";
import { Vpc } from "@pulumi/aws/ec2/vpc";
import { Provider } from "@pulumi/aws/provider";
import { expect } from "chai";
import { PortcatalogError } from "../catalog/index.js";
import {
  AnboxApplianceSecGroup,
  AnboxApplianceSecurityGroup,
  AnboxCloudSecGroup,
  AnboxCloudSecurityGroup,
  CatalogSecGroup,
  CatalogSecGroupRules,
  CatalogSecurityGroup,
  CatalogSecurityGroupRules,
  OpenStackComputeRules,
  OpenStackComputeSecurityGroup,
  OpenStackNetworkRules,
  OpenStackControllerRules,
  OpenStackControllerSecurityGroup,
  OpenStackStorageRules,
  OpenStackStorageSecurityGroup,
  Wso2SecGroup,
  Wso2SecurityGroup,
} from "../components/index.js";
import { reportOf } from "../components/index.js";
import type * as pulumi from "@pulumi/pulumi";
import { type PlannedRule, peerKey } from "../planner/index.js";
import { type MockRecorder, resolve, setupMocks } from "../testing/index.js";
import { ACME_ENTRY } from "./support/user-catalog.js";

const AWS_SG = "aws:ec2/securityGroup:SecurityGroup";
const AWS_IN = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const AWS_OUT = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";
const OS_SG = "openstack:networking/secGroup:SecGroup";
const OS_RULE = "openstack:networking/secGroupRule:SecGroupRule";

type Component = pulumi.ComponentResource & { ruleCount: pulumi.Output<number>; ruleKeys: pulumi.Output<string[]> };
const rulesOf = (c: Component) => reportOf(c).groups.flatMap((g) => g.rules);
const ruleResources = (rec: MockRecorder) => rec.resources.filter((r) => [AWS_IN, AWS_OUT, OS_RULE].includes(r.type));

/** The provider inputs a planned rule must have become. */
function expectedAwsInputs(rule: PlannedRule<unknown>, groupId: string): Record<string, unknown> {
  const peer = rule.peer;
  const base = rule.protocol === "all" ? { ipProtocol: "-1", securityGroupId: groupId } : { ipProtocol: rule.protocol, fromPort: rule.fromPort, toPort: rule.toPort, securityGroupId: groupId };
  if (peer.kind === "cidr" || peer.kind === "named-cidr") return { ...base, [peer.ethertype === "IPv4" ? "cidrIpv4" : "cidrIpv6"]: peer.cidr };
  if (peer.kind === "self") return { ...base, referencedSecurityGroupId: groupId };
  if (peer.kind === "security-group") return { ...base, referencedSecurityGroupId: peer.id };
  return { ...base, prefixListId: peer.id };
}

function expectedOpenStackInputs(rule: PlannedRule<unknown>, groupId: string): Record<string, unknown> {
  const peer = rule.peer;
  const base = { direction: rule.direction, ethertype: rule.ethertype, protocol: rule.protocol, portRangeMin: rule.fromPort, portRangeMax: rule.toPort, securityGroupId: groupId };
  if (peer.kind === "cidr") return { ...base, remoteIpPrefix: peer.cidr };
  if (peer.kind === "self") return { ...base, remoteGroupId: groupId };
  if (peer.kind === "security-group") return { ...base, remoteGroupId: peer.id };
  throw new Error("no prefix lists on OpenStack");
}

interface Case {
  cls: string;
  cloud: "aws" | "openstack";
  creates: boolean;
  /** For rules-only components: the existing group the case names. */
  existingGroup?: string;
  make: (name: string) => Component;
}

const admin = { cidrIpv4: ["10.0.0.0/24"] };
const CASES: Case[] = [
  { cls: "CatalogSecurityGroup", cloud: "aws", creates: true, make: (n) => new CatalogSecurityGroup(n, { vpcId: "vpc-1", products: [{ product: "openstack/kilo" }], sources: { admin } }) },
  { cls: "CatalogSecurityGroupRules", cloud: "aws", creates: false, existingGroup: "sg-existing", make: (n) => new CatalogSecurityGroupRules(n, { securityGroupId: "sg-existing", products: [{ product: "anbox-cloud/charmed" }] }) },
  { cls: "AnboxApplianceSecurityGroup", cloud: "aws", creates: true, make: (n) => new AnboxApplianceSecurityGroup(n, { vpcId: "vpc-1", allFeatures: true }) },
  { cls: "AnboxCloudSecurityGroup", cloud: "aws", creates: true, make: (n) => new AnboxCloudSecurityGroup(n, { vpcId: "vpc-1", roles: ["lxd"], features: ["instance-services"] }) },
  { cls: "Wso2SecurityGroup", cloud: "aws", creates: true, make: (n) => new Wso2SecurityGroup(n, { vpcId: "vpc-1", products: [{ product: "enterprise-mobility-manager", portOffset: 3 }], sources: { admin }, allowAllEgress: true }) },
  { cls: "OpenStackControllerSecurityGroup", cloud: "aws", creates: true, make: (n) => new OpenStackControllerSecurityGroup(n, { vpcId: "vpc-1", sources: { admin, internal: { self: true, securityGroups: [{ name: "compute", id: "sg-compute" }] } } }) },
  { cls: "OpenStackComputeSecurityGroup", cloud: "aws", creates: true, make: (n) => new OpenStackComputeSecurityGroup(n, { vpcId: "vpc-1", sources: { internal: { prefixLists: [{ id: "pl-ctl", maxEntries: 4 }] } } }) },
  { cls: "OpenStackStorageSecurityGroup", cloud: "aws", creates: true, make: (n) => new OpenStackStorageSecurityGroup(n, { vpcId: "vpc-1", release: "2025.2", services: ["swift"] }) },
  { cls: "CatalogSecGroup", cloud: "openstack", creates: true, make: (n) => new CatalogSecGroup(n, { products: [{ product: "wso2/identity-server", release: "carbon-4.4" }], sources: { admin }, features: ["kdc"] }) },
  { cls: "CatalogSecGroupRules", cloud: "openstack", creates: false, existingGroup: "sg-os", make: (n) => new CatalogSecGroupRules(n, { securityGroupId: "sg-os", products: [{ product: "anbox-cloud/appliance" }] }) },
  { cls: "OpenStackControllerRules", cloud: "openstack", creates: false, existingGroup: "sg-ctl", make: (n) => new OpenStackControllerRules(n, { securityGroupId: "sg-ctl", sources: { admin } }) },
  { cls: "OpenStackComputeRules", cloud: "openstack", creates: false, existingGroup: "sg-cmp", make: (n) => new OpenStackComputeRules(n, { securityGroupId: "sg-cmp", sources: { internal: { securityGroups: [{ name: "controller", id: "sg-ctl" }] } } }) },
  { cls: "OpenStackStorageRules", cloud: "openstack", creates: false, existingGroup: "sg-sto", make: (n) => new OpenStackStorageRules(n, { securityGroupId: "sg-sto", release: "kilo" }) },
  { cls: "AnboxApplianceSecGroup", cloud: "openstack", creates: true, make: (n) => new AnboxApplianceSecGroup(n, { features: ["turn-relay"], deleteDefaultRules: true }) },
  { cls: "AnboxCloudSecGroup", cloud: "openstack", creates: true, make: (n) => new AnboxCloudSecGroup(n, { roles: ["control", "streaming"] }) },
  { cls: "Wso2SecGroup", cloud: "openstack", creates: true, make: (n) => new Wso2SecGroup(n, { products: [{ product: "api-manager", portOffset: 1 }, { product: "identity-server", portOffset: 2 }], sources: { admin } }) },
];

describe("components (Pulumi mocks)", () => {
  for (const c of CASES) {
    it(`${c.cls}: its own type token, ${c.creates ? "a group and " : ""}one provider rule per planned rule with the right inputs`, async () => {
      const rec = await setupMocks();
      const component = c.make("x");
      await rec.settled();
      expect(rec.named("x", `portcatalog:index:${c.cls}`).custom).to.equal(false);
      const planned = rulesOf(component);
      expect(planned.length, "a component that opens nothing is suspicious").to.be.greaterThan(0);
      const rules = ruleResources(rec);
      expect(rules.map((r) => r.name).sort()).to.deep.equal(planned.map((r) => `x-${r.key}`).sort());
      const groups = rec.ofType(c.cloud === "aws" ? AWS_SG : OS_SG);
      expect(groups.length).to.equal(c.creates ? reportOf(component).groups.length : 0);
      for (const [i, g] of reportOf(component).groups.entries()) {
        const groupId = c.creates ? (groups.find((r) => r.name === g.name)?.id as string) : (c.existingGroup as string);
        for (const rule of g.rules) {
          const registered = rec.named(`x-${rule.key}`);
          expect(registered.parent, "rules are children of the component").to.equal(rec.named("x", `portcatalog:index:${c.cls}`).urn);
          const expected = c.cloud === "aws" ? expectedAwsInputs(rule, groupId) : expectedOpenStackInputs(rule, groupId);
          expect(registered.inputs, `${rule.key} in group ${i}`).to.include(expected);
          expect(registered.type).to.equal(c.cloud === "openstack" ? OS_RULE : rule.direction === "ingress" ? AWS_IN : AWS_OUT);
        }
      }
      expect(await resolve(component.ruleCount)).to.equal(planned.length);
      expect(await resolve(component.ruleKeys)).to.have.members(planned.map((r) => r.key));
    });
  }

  it("AWS rules have exactly one peer each and never use inline rules", async () => {
    const rec = await setupMocks();
    new CatalogSecurityGroup("x", { vpcId: "vpc-1", products: [{ product: "wso2/enterprise-integrator" }], sources: { admin: { cidrIpv4: ["10.0.0.0/8"], securityGroups: [{ id: "sg-ops" }], prefixLists: [{ id: "pl-ops", maxEntries: 2 }] } } });
    await rec.settled();
    for (const r of ruleResources(rec)) {
      const peers = ["cidrIpv4", "cidrIpv6", "referencedSecurityGroupId", "prefixListId"].filter((k) => r.inputs[k] !== undefined);
      expect(peers, r.name).to.have.length(1);
    }
    for (const g of rec.ofType(AWS_SG)) expect(g.inputs).to.not.have.any.keys("ingress", "egress");
  });

  it("AWS groups get AWS's usual allow-all egress by default, and none with allowAllEgress: false", async () => {
    const rec = await setupMocks();
    new AnboxApplianceSecurityGroup("e", { vpcId: "vpc-1" });
    new AnboxApplianceSecurityGroup("n", { vpcId: "vpc-1", allowAllEgress: false });
    await rec.settled();
    const egress = rec.ofType(AWS_OUT);
    expect(egress.map((r) => r.name).sort()).to.deep.equal(["e-out-all-anywhere-ipv4", "e-out-all-anywhere-ipv6"]);
    expect(rec.named("e-out-all-anywhere-ipv4").inputs).to.include({ ipProtocol: "-1", cidrIpv4: "0.0.0.0/0", securityGroupId: "e-id" });
    expect(rec.named("e-out-all-anywhere-ipv4").inputs).to.not.have.any.keys("fromPort", "toPort");
  });

  it("spills into extra groups when the rules exceed the per-group quota, none over it", async () => {
    const rec = await setupMocks();
    const sg = new CatalogSecurityGroup("big", { vpcId: "vpc-1", products: [{ product: "openstack/kilo" }, { product: "anbox-cloud/charmed" }], allFeatures: true, sources: { admin }, rulesPerGroup: 12 });
    await rec.settled();
    const ids = await resolve(sg.securityGroupIds);
    expect(ids.length).to.be.greaterThan(1);
    expect(ids[0]).to.equal(await resolve(sg.primarySecurityGroupId));
    expect(rec.ofType(AWS_SG).map((g) => g.name).sort()).to.deep.equal(reportOf(sg).groups.map((g) => g.name).sort());
    for (const g of reportOf(sg).groups) for (const n of Object.values(g.usage)) expect(n, g.name).to.be.at.most(12);
    // Each rule sits in the group the split put it in; self rules reference their own group.
    for (const g of reportOf(sg).groups) {
      const id = rec.named(g.name, AWS_SG).id;
      for (const rule of g.rules) expect(rec.named(`big-${rule.key}`).inputs.securityGroupId).to.equal(id);
    }
  });

  it("spilling never changes a group's inputs (AWS replaces a group whose description changes)", async () => {
    const args = { vpcId: "vpc-1", products: [{ product: "openstack/kilo" }, { product: "anbox-cloud/charmed" }], allFeatures: true, sources: { admin } };
    const one = await setupMocks();
    new CatalogSecurityGroup("big", args);
    await one.settled();
    const split = await setupMocks();
    new CatalogSecurityGroup("big", { ...args, rulesPerGroup: 12 });
    await split.settled();
    expect(one.ofType(AWS_SG)).to.have.length(1);
    expect(split.ofType(AWS_SG).length).to.be.greaterThan(1);
    expect(split.named("big", AWS_SG).inputs).to.deep.equal(one.named("big", AWS_SG).inputs);
    expect(split.named("big-2", AWS_SG).inputs).to.deep.include({ description: one.named("big", AWS_SG).inputs.description });
    expect(split.named("big-2", AWS_SG).inputs.tags).to.deep.include({ "portcatalog:group": "2" });
  });

  it("a spill-over group never shares a URN with another component's group of the same name", async () => {
    const rec = await setupMocks();
    new CatalogSecurityGroup("big", { vpcId: "vpc-1", products: [{ product: "openstack/kilo" }], sources: { admin }, rulesPerGroup: 10 });
    new CatalogSecurityGroup("big-2", { vpcId: "vpc-1", products: [{ product: "openstack/kilo" }], sources: { admin } });
    await rec.settled();
    const groups = rec.ofType(AWS_SG).filter((g) => g.name === "big-2");
    expect(groups).to.have.length(2);
    expect(groups[0].urn).to.not.equal(groups[1].urn);
    // The spill-over group of "big" is a child of its primary group; the other "big-2" is a primary.
    expect(groups.filter((g) => g.parent === rec.named("big", AWS_SG).urn)).to.have.length(1);
    const urns = rec.resources.map((r) => r.urn);
    expect(new Set(urns).size).to.equal(urns.length);
  });

  it("warns when a component needs more groups than AWS attaches to one network interface", async () => {
    const rec = await setupMocks();
    const sg = new CatalogSecurityGroup("many", { vpcId: "vpc-1", products: [{ product: "openstack/kilo" }], sources: { admin }, rulesPerGroup: 3 });
    await rec.settled();
    expect(reportOf(sg).groups.length).to.be.greaterThan(5);
    expect(rec.warnings.join("\n")).to.match(/\d+ security groups needed, more than the 5 AWS attaches to one network interface by default/);
    const few = await setupMocks();
    new CatalogSecurityGroup("few", { vpcId: "vpc-1", products: [{ product: "openstack/kilo" }], sources: { admin }, rulesPerGroup: 12 });
    await few.settled();
    expect(few.warnings.join("\n")).to.not.match(/network interface/);
  });

  it("a user's description is kept exactly; the catalog's default is made to fit", async () => {
    const rec = await setupMocks();
    new AnboxApplianceSecurityGroup("d", { vpcId: "vpc-1", description: "Anbox appliance (prod) #1" });
    new CatalogSecGroup("o", { products: [{ product: "anbox-cloud/appliance" }], description: "Anbox – prod ✓" });
    new CatalogSecurityGroup("long", { vpcId: "vpc-1", products: Object.keys({ "wso2/api-manager": 1, "wso2/identity-server": 1, "wso2/enterprise-integrator": 1, "wso2/message-broker": 1, "wso2/data-analytics-server": 1, "wso2/business-process-server": 1, "wso2/complex-event-processor": 1, "wso2/enterprise-mobility-manager": 1, "wso2/iot-server": 1, "wso2/machine-learner": 1, "wso2/storage-server": 1 }).map((product) => ({ product })), rulesPerGroup: 60 });
    await rec.settled();
    expect(rec.named("d", AWS_SG).inputs.description).to.equal("Anbox appliance (prod) #1");
    expect(rec.named("o", OS_SG).inputs.description).to.equal("Anbox – prod ✓");
    const long = rec.named("long", AWS_SG).inputs.description as string;
    expect(long.length).to.be.at.most(255);
    expect(long).to.match(/^portcatalog: wso2\/api-manager, .*\.\.\.$/);
  });

  it("releases: the newest by default, a pinned one exactly, and every report says which", async () => {
    const rec = await setupMocks();
    const newest = new OpenStackControllerRules("new", { securityGroupId: "sg-1", sources: { admin } });
    const kilo = new OpenStackControllerRules("old", { securityGroupId: "sg-2", release: "kilo", sources: { admin } });
    await rec.settled();
    expect(reportOf(newest).plan.products).to.deep.equal([{ product: "openstack/cloud", release: "2025.2" }]);
    expect(reportOf(kilo).plan.products).to.deep.equal([{ product: "openstack/cloud", release: "kilo" }]);
    const keys = (c: Component) => rulesOf(c).map((r) => r.key);
    // Keystone's admin port 35357 is Kilo's; Placement's 8778 came later.
    expect(keys(kilo)).to.include("in-tcp-35357-ipv4-10-0-0-0_24");
    expect(keys(newest).some((k) => k.includes("-35357-"))).to.equal(false);
    expect(keys(newest).some((k) => k.startsWith("in-tcp-8778-"))).to.equal(true);
    expect(keys(kilo).some((k) => k.startsWith("in-tcp-8778-"))).to.equal(false);
  });

  it("releases and services: an unknown one names the valid ones; a service another role runs is not opened here", async () => {
    const rec = await setupMocks();
    expect(() => new OpenStackComputeRules("c", { securityGroupId: "sg", release: "2024.1" })).to.throw(PortcatalogError, /OpenStackComputeRules "c": args\.release: unknown release "2024\.1" of openstack\/cloud: did you mean "2025\.1"\? use "kilo", "2025\.1" or "2025\.2"/);
    expect(() => new OpenStackComputeRules("c", { securityGroupId: "sg", services: ["octavai"] })).to.throw(PortcatalogError, /args\.services\[0\]: unknown service "octavai" for openstack\/cloud@2025\.2: did you mean "octavia"\? use .*"octavia"/);
    expect(() => new OpenStackNetworkRules("n", { securityGroupId: "sg", release: "kilo" })).to.throw(PortcatalogError, /unknown role "network" for openstack\/cloud@kilo/);
    await rec.settled();
    expect(rec.resources).to.deep.equal([]);
    const ok = await setupMocks();
    const compute = new OpenStackComputeRules("c", { securityGroupId: "sg", release: "2025.2", services: ["octavia", "ovn"] });
    const network = new OpenStackNetworkRules("n", { securityGroupId: "sg-net", release: "2025.2", services: ["ovn"] });
    await ok.settled();
    expect(rulesOf(compute).flatMap((r) => r.entries).some((id) => id.includes("octavia"))).to.equal(false);
    expect(rulesOf(network).length).to.be.greaterThan(0);
    for (const r of rulesOf(network)) expect(r.peer.kind, r.key).to.equal("self");
  });

  it("a named CIDR may be an Output (a VPC's cidrBlock): its name keys the rules, its value reaches the provider", async () => {
    const rec = await setupMocks();
    const vpc = new Vpc("main", { cidrBlock: "10.8.0.0/16" });
    new AnboxApplianceSecurityGroup("n", { vpcId: vpc.id, sources: { internal: { namedCidrIpv4: [{ name: "vpc", cidr: vpc.cidrBlock as pulumi.Output<string> }] } } });
    await rec.settled();
    const ams = rec.named("n-in-tcp-8444-cidr-vpc-ipv4");
    expect(ams.inputs).to.include({ cidrIpv4: "10.8.0.0/16", fromPort: 8444 });
    expect(() => new AnboxApplianceSecurityGroup("m", { vpcId: "vpc-1", sources: { internal: { namedCidrIpv4: [{ name: "vpc", cidr: vpc.cidrBlock as pulumi.Output<string> }] }, admin: { namedCidrIpv4: [{ name: "vpc", cidr: "10.9.0.0/16" }] } } })).to.throw(
      PortcatalogError,
      /name "vpc" already names/,
    );
    expect(() => new AnboxApplianceSecurityGroup("p", { vpcId: "vpc-1", sources: { internal: { namedCidrIpv4: [{ name: "vpc", cidr: "10.9.0.1/16" }] } } })).to.throw(PortcatalogError, /namedCidrIpv4\[0\]\.cidr: "10\.9\.0\.1\/16" has host bits set/);
    expect(() => new AnboxApplianceSecurityGroup("q", { vpcId: "vpc-1", sources: { internal: { namedCidrIpv4: [{ cidr: "10.9.0.0/16" }] } } } as never)).to.throw(PortcatalogError, /namedCidrIpv4\[0\]\.name: expected a string/);
  });

  it("a group named by its id is keyed once (sg-0abc, not sg-sg-0abc), and the rule aliases the name 0.1 gave it", async () => {
    const rec = await setupMocks();
    new AnboxApplianceSecurityGroup("a", { vpcId: "vpc-1", sources: { internal: { securityGroups: [{ id: "sg-0abc" }] } } });
    await rec.settled();
    const rule = rec.named("a-in-tcp-8444-sg-0abc");
    expect(rule.aliasNames).to.deep.equal(["a-in-tcp-8444-sg-sg-0abc"]);
    expect(rec.named("a-in-tcp-443-anywhere-ipv4").aliasNames).to.equal(undefined);
  });

  it("a user catalog (catalogFiles) adds products a component can open, validated as the CLI's --file is", async () => {
    const { mkdtempSync, writeFileSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const dir = mkdtempSync(join(tmpdir(), "portcatalog-user-"));
    const entry = { ...ACME_ENTRY, fromPort: 8443, toPort: 8443 };
    const file = join(dir, "acme.json");
    writeFileSync(file, JSON.stringify({ entries: [entry] }));
    const rec = await setupMocks();
    const sg = new CatalogSecurityGroup("acme", { vpcId: "vpc-1", catalogFiles: [file], products: [{ product: "acme/web" }], allowAllEgress: false });
    await rec.settled();
    expect(rulesOf(sg).map((r) => r.key)).to.deep.equal(["in-tcp-8443-anywhere-ipv4", "in-tcp-8443-anywhere-ipv6"]);
    const bad = join(dir, "bad.json");
    writeFileSync(bad, JSON.stringify({ entries: [{ ...entry, id: "wso2/common/extra", catalog: "wso2", variant: "common" }] }));
    const none = await setupMocks();
    expect(() => new CatalogSecurityGroup("x", { vpcId: "vpc-1", catalogFiles: [bad], products: [{ product: "anbox-cloud/appliance" }] })).to.throw(PortcatalogError, /CatalogSecurityGroup "x": args\.catalogFiles\[0\]: .*bad\.json: entry "wso2\/common\/extra": field "catalog": "wso2" is built in/);
    expect(() => new CatalogSecurityGroup("y", { vpcId: "vpc-1", products: [{ product: "acme/web" }] })).to.throw(PortcatalogError, /unknown product "acme\/web"/);
    await none.settled();
    expect(none.resources).to.deep.equal([]);
  });

  it("names stay put when a port is added: switching on a feature only adds resources", async () => {
    const before = await setupMocks();
    new AnboxApplianceSecurityGroup("a", { vpcId: "vpc-1" });
    await before.settled();
    const after = await setupMocks();
    new AnboxApplianceSecurityGroup("a", { vpcId: "vpc-1", features: ["turn-relay"] });
    await after.settled();
    const names = (r: MockRecorder) => r.resources.map((x) => `${x.type}::${x.name}`);
    expect(names(after)).to.include.members(names(before));
    expect(names(after).filter((n) => !names(before).includes(n))).to.deep.equal([`${AWS_IN}::a-in-udp-60000-60100-anywhere-ipv4`, `${AWS_IN}::a-in-udp-60000-60100-anywhere-ipv6`]);
    expect(names(after).length).to.equal(names(before).length + 2);
  });

  it("warns of closed admin ports (naming them) and conflicts; facts that cannot be rules go in the report only", async () => {
    const rec = await setupMocks();
    const w = new CatalogSecGroup("w", { products: [{ product: "anbox-cloud/appliance" }, { product: "wso2/api-manager", release: "carbon-4.4" }], features: ["instance-services"] });
    await rec.settled();
    const warnings = rec.warnings.join("\n");
    expect(warnings).to.match(/\d+ admin-only ports left closed \(tcp\/9443, tcp\/9763[^)]*\): give sources\.admin/).and.match(/port conflict on tcp\/10397/);
    expect(warnings).to.not.match(/not a rule/);
    expect(reportOf(w).plan.notes.join("\n")).to.match(/not a rule: A random TCP port/);
  });

  it("passes providers through to every child", async () => {
    const rec = await setupMocks();
    const provider = new Provider("eu", { region: "eu-west-1" });
    new AnboxApplianceSecurityGroup("p", { vpcId: "vpc-1" }, { providers: [provider] });
    await rec.settled();
    const children = rec.resources.filter((r) => r.custom && r.type.startsWith("aws:") && r.name.startsWith("p"));
    expect(children.length).to.be.greaterThan(1);
    for (const r of children) expect(r.provider, r.name).to.match(/::eu::eu-id$/);
  });

  describe("wrong arguments throw before any resource is registered", () => {
    const bad: [string, () => unknown, RegExp][] = [
      ["invalid CIDR", () => new AnboxApplianceSecurityGroup("bad", { vpcId: "vpc-1", sources: { public: { cidrIpv4: ["10.0.0.0/33"] } } }), /AnboxApplianceSecurityGroup "bad": sources.public.cidrIpv4\[0\]: "10.0.0.0\/33" is not a valid IPv4 CIDR/],
      ["unknown product", () => new CatalogSecurityGroup("bad", { vpcId: "vpc-1", products: [{ product: "wso2/esb" }] }), /CatalogSecurityGroup "bad": args.products\[0\]: unknown product "wso2\/esb"/],
      ["no products", () => new CatalogSecGroup("bad", { products: [] }), /CatalogSecGroup "bad": args.products: must have at least 1 item, got 0 items/],
      ["unknown role", () => new AnboxCloudSecurityGroup("bad", { vpcId: "vpc-1", roles: ["gpu"] }), /unknown role "gpu" for anbox-cloud\/charmed@1\.30: use "control", "load-balancer", "lxd" or "streaming"/],
      ["unknown feature", () => new AnboxCloudSecGroup("bad", { features: ["turn"] }), /AnboxCloudSecGroup "bad": args\.features\[0\]: unknown feature "turn"/],
      ["offset overflow", () => new Wso2SecurityGroup("bad", { vpcId: "vpc-1", products: [{ product: "api-manager", portOffset: 60000 }] }), /above 65535/],
      ["prefix list on OpenStack", () => new CatalogSecGroup("bad", { products: [{ product: "openstack/kilo" }], sources: { admin: { prefixLists: [{ id: "pl-1", maxEntries: 1 }] } } }), /Neutron has no prefix lists/],
      [
        "existing AWS group over quota",
        () => new CatalogSecurityGroupRules("bad", { securityGroupId: "sg-1", products: [{ product: "openstack/kilo" }], existingRules: 50 }),
        /CatalogSecurityGroupRules "bad": 19 ingress\/IPv4 rules plus 50 already in use exceed AWS's rules per security group of 60; narrow the selection, or use CatalogSecurityGroup/,
      ],
      ["Neutron project quota", () => new CatalogSecGroup("bad", { products: [{ product: "openstack/kilo" }], projectRuleQuota: 39 }), /CatalogSecGroup "bad": 40 rules \(38 planned \+ 2 Neutron default egress\) plus 4 already in use exceed Neutron's project quota of 39/],
      ["Neutron quota with rules already in the project", () => new OpenStackControllerRules("bad", { securityGroupId: "sg", rulesInProject: 90 }), /rules plus 90 already in use exceed Neutron's project quota of 100/],
    ];
    for (const [what, make, message] of bad) {
      it(what, async () => {
        const rec = await setupMocks();
        expect(make).to.throw(PortcatalogError, message);
        await rec.settled();
        expect(rec.resources).to.deep.equal([]);
      });
    }
  });

  it("Pulumi outputs as security group ids pass through untouched (named for stable keys)", async () => {
    const rec = await setupMocks();
    const bastion = new SecurityGroup("bastion", { vpcId: "vpc-1" });
    new OpenStackControllerSecurityGroup("ctl", { vpcId: "vpc-1", release: "kilo", sources: { admin: { securityGroups: [{ name: "bastion", id: bastion.id }] } } });
    await rec.settled();
    const keystoneAdmin = rec.named("ctl-in-tcp-35357-sg-bastion");
    expect(keystoneAdmin.inputs.referencedSecurityGroupId).to.equal("bastion-id");
    expect(peerKey({ kind: "security-group", name: "bastion", id: "x" })).to.equal("sg-bastion");
  });
});
