import { expect } from "chai";
import type * as pulumi from "@pulumi/pulumi";
import {
  AnboxApplianceNetworkSecurityGroup,
  AnboxApplianceSecurityGroup,
  AnboxCloudNetworkSecurityGroup,
  AnboxCloudSecurityGroup,
  azureReportOf,
  CatalogNetworkSecurityGroup,
  CatalogNetworkSecurityRules,
  CatalogSecurityGroup,
  reportOf,
  Wso2NetworkSecurityGroup,
  Wso2SecurityGroup,
} from "../components/index.js";
import { azureRuleName } from "../components/azure/rules.js";
import { type ListRule, type PlannedRule, peerKey } from "../planner/index.js";
import { setupMocks, UNKNOWN } from "../testing/index.js";
import { mergedRuns } from "./support/allowed.js";

const NSG = "azure-native:network:NetworkSecurityGroup";
const ASG = "azure-native:network:ApplicationSecurityGroup";
const RULE = "azure-native:network:SecurityRule";
const rg = "rg-1";
const admin = { cidrIpv4: ["10.0.0.0/24"], cidrIpv6: ["2001:db8::/48"] };

type Make = (name: string) => pulumi.ComponentResource;
const CASES: { cls: string; creates: boolean; make: Make }[] = [
  { cls: "CatalogNetworkSecurityGroup", creates: true, make: (n) => new CatalogNetworkSecurityGroup(n, { resourceGroupName: rg, products: [{ product: "openstack/cloud" }], sources: { admin } }) },
  { cls: "CatalogNetworkSecurityRules", creates: false, make: (n) => new CatalogNetworkSecurityRules(n, { resourceGroupName: rg, networkSecurityGroupName: "nsg-1", applicationSecurityGroupId: "/asg/members", products: [{ product: "anbox-cloud/charmed" }] }) },
  { cls: "AnboxApplianceNetworkSecurityGroup", creates: true, make: (n) => new AnboxApplianceNetworkSecurityGroup(n, { resourceGroupName: rg, location: "westeurope", allFeatures: true, tags: { team: "a" } }) },
  { cls: "AnboxCloudNetworkSecurityGroup", creates: true, make: (n) => new AnboxCloudNetworkSecurityGroup(n, { resourceGroupName: rg, roles: ["lxd"], features: ["instance-services"] }) },
  { cls: "Wso2NetworkSecurityGroup", creates: true, make: (n) => new Wso2NetworkSecurityGroup(n, { resourceGroupName: rg, products: [{ product: "api-manager", portOffset: 1 }, { product: "identity-server", portOffset: 2 }], sources: { admin } }) },
];

const ports = (r: ListRule<unknown>) => r.ports.map((p) => (p.fromPort === p.toPort ? `${p.fromPort}` : `${p.fromPort}-${p.toPort}`));

describe("Azure components (Pulumi mocks)", () => {
  for (const preview of [false, true]) {
    for (const c of CASES) {
      it(`${c.cls}${preview ? " (preview)" : ""}: an NSG without inline rules, one SecurityRule per planned rule at its priority, the VirtualNetwork closed`, async () => {
        const rec = await setupMocks({ preview });
        const component = c.make("x");
        await rec.settled();
        const self = rec.named("x", `portcatalog:index:${c.cls}`);
        expect(self.custom).to.equal(false);
        const report = azureReportOf(component);
        expect(report.rules.length).to.be.greaterThan(0);
        const nsgs = rec.ofType(NSG);
        expect(nsgs.length).to.equal(c.creates ? 1 : 0);
        for (const g of nsgs) expect(g.inputs).to.not.have.any.keys("securityRules");
        expect(rec.ofType(ASG).length).to.equal(c.creates ? 1 : 0);
        const rules = rec.ofType(RULE);
        expect(rules.length).to.equal(report.rules.length + 2);
        for (const rule of report.rules) {
          const r = rec.named(`x-${azureRuleName(rule.direction, rule.priority)}`, RULE);
          expect(r.parent).to.equal(self.urn);
          expect(r.inputs).to.include({ priority: rule.priority, access: "Allow", direction: rule.direction === "ingress" ? "Inbound" : "Outbound", sourcePortRange: "*" });
          expect(r.inputs.protocol, "never * where TCP or UDP is asked").to.equal(rule.protocol === "tcp" ? "Tcp" : "Udp");
          expect(r.inputs.destinationPortRanges).to.deep.equal(ports(rule));
          const peerField = `${rule.direction === "ingress" ? "source" : "destination"}${rule.peers[0].kind === "cidr" ? "AddressPrefixes" : "ApplicationSecurityGroups"}`;
          const want = rule.peers.map((p) => (p.kind === "cidr" ? p.cidr : p.kind === "self" ? { id: c.creates ? (preview ? UNKNOWN : rec.ofType(ASG)[0].id) : "/asg/members" } : { id: (p as { id: string }).id }));
          expect(r.inputs[peerField], rule.key).to.deep.equal(want);
        }
        const [lb, deny] = [rec.named("x-portcatalog-in-4095", RULE), rec.named("x-portcatalog-in-4096", RULE)];
        expect(lb.inputs).to.include({ access: "Allow", sourceAddressPrefix: "AzureLoadBalancer", priority: 4095 });
        expect(deny.inputs).to.include({ access: "Deny", sourceAddressPrefix: "VirtualNetwork", priority: 4096, direction: "Inbound" });
        expect(rec.warnings.some((w) => w.includes("AllowVnetInBound"))).to.equal(true);
        expect(await outputOf(component, "ruleCount")).to.equal(report.rules.length);
      });
    }
  }

  it("keepVirtualNetworkDefault keeps Azure's default: no closing rules, no warning", async () => {
    const rec = await setupMocks();
    const c = new AnboxApplianceNetworkSecurityGroup("x", { resourceGroupName: rg, keepVirtualNetworkDefault: true });
    await rec.settled();
    expect(rec.ofType(RULE).length).to.equal(azureReportOf(c).rules.length);
    expect(rec.warnings.some((w) => w.includes("AllowVnetInBound"))).to.equal(false);
  });

  it("a pinned priority is used; a pin for no rule, or out of range, fails before anything registers", async () => {
    const rec = await setupMocks();
    const first = new AnboxApplianceNetworkSecurityGroup("a", { resourceGroupName: rg });
    const key = azureReportOf(first).rules[0].key;
    const pinned = new AnboxApplianceNetworkSecurityGroup("b", { resourceGroupName: rg, priorities: { [key]: 1234 } });
    expect(azureReportOf(pinned).rules.find((r) => r.key === key)?.priority).to.equal(1234);
    await rec.settled();
    const before = rec.resources.length;
    expect(() => new AnboxApplianceNetworkSecurityGroup("c", { resourceGroupName: rg, priorities: { "in-tcp-00000000": 200 } })).to.throw(/priorities\.in-tcp-00000000: no planned rule has this key/);
    expect(() => new AnboxApplianceNetworkSecurityGroup("d", { resourceGroupName: rg, priorities: { [key]: 4095 } })).to.throw(/4094/);
    await rec.settled();
    expect(rec.resources.length).to.equal(before);
  });

  it("CatalogNetworkSecurityRules: self needs the members' ASG; used priorities are never taken", async () => {
    await setupMocks();
    expect(() => new CatalogNetworkSecurityRules("x", { resourceGroupName: rg, networkSecurityGroupName: "nsg", products: [{ product: "anbox-cloud/charmed" }] })).to.throw(/self.*applicationSecurityGroupId/);
    const r = new CatalogNetworkSecurityRules("y", { resourceGroupName: rg, networkSecurityGroupName: "nsg", products: [{ product: "anbox-cloud/appliance" }], sources: { internal: { cidrIpv4: ["10.0.0.0/16"] } } });
    const taken = azureReportOf(r).rules[0].priority;
    expect(() => new CatalogNetworkSecurityRules("z", { resourceGroupName: rg, networkSecurityGroupName: "nsg", products: [{ product: "anbox-cloud/appliance" }], sources: { internal: { cidrIpv4: ["10.0.0.0/16"] } }, usedPriorities: [taken] })).to.throw(
      new RegExp(`priority ${taken}: pin`),
    );
    expect(() => new CatalogNetworkSecurityRules("w", { resourceGroupName: rg, networkSecurityGroupName: "nsg", products: [{ product: "anbox-cloud/appliance" }], usedPriorities: [4096] })).to.throw(/keepVirtualNetworkDefault/);
  });
});

async function outputOf(c: pulumi.ComponentResource, field: string): Promise<unknown> {
  return new Promise((resolve) => (c as unknown as Record<string, pulumi.Output<unknown>>)[field].apply(resolve));
}

/** (direction, protocol, peer) -> the set of ports, as intervals merged: what a rule set allows. */
function allowed(rules: { direction: string; protocol: string; peer: string; fromPort: number; toPort: number }[]): Record<string, string> {
  return mergedRuns(rules, (r) => `${r.direction} ${r.protocol} ${r.peer}`);
}
const fromAws = (rules: PlannedRule<unknown>[]) => allowed(rules.map((r) => ({ direction: r.direction, protocol: r.protocol, peer: peerKey(r.peer), fromPort: r.fromPort, toPort: r.toPort })));
const fromAzure = (rules: ListRule<unknown>[]) =>
  allowed(rules.flatMap((r) => r.peers.flatMap((p) => r.ports.map((pr) => ({ direction: r.direction, protocol: r.protocol, peer: peerKey(p), fromPort: pr.fromPort, toPort: pr.toPort })))));

describe("Azure allows what AWS allows (every preset)", () => {
  const sources = { admin, internal: { self: true, cidrIpv4: ["10.1.0.0/16"], securityGroups: [{ name: "ops", id: "ops" }] }, public: { cidrIpv4: ["203.0.113.0/24"] } };
  const PRESETS: { name: string; aws: () => pulumi.ComponentResource; azure: () => pulumi.ComponentResource }[] = [
    ...[{}, { allFeatures: true }, { sources }].map((extra, i) => ({
      name: `Anbox appliance #${i}`,
      aws: () => new AnboxApplianceSecurityGroup(`aws${i}`, { vpcId: "vpc-1", allowAllEgress: false, ...extra }),
      azure: () => new AnboxApplianceNetworkSecurityGroup(`az${i}`, { resourceGroupName: rg, ...extra }),
    })),
    ...[{}, { allFeatures: true, sources }, { roles: ["control"] }].map((extra, i) => ({
      name: `Anbox Cloud #${i}`,
      aws: () => new AnboxCloudSecurityGroup(`awsc${i}`, { vpcId: "vpc-1", allowAllEgress: false, ...extra }),
      azure: () => new AnboxCloudNetworkSecurityGroup(`azc${i}`, { resourceGroupName: rg, ...extra }),
    })),
    ...[{ products: [{ product: "api-manager" }] }, { products: [{ product: "api-manager", portOffset: 1 }, { product: "identity-server", portOffset: 2 }], sources, allFeatures: true }].map((extra, i) => ({
      name: `WSO2 #${i}`,
      aws: () => new Wso2SecurityGroup(`awsw${i}`, { vpcId: "vpc-1", allowAllEgress: false, ...extra }),
      azure: () => new Wso2NetworkSecurityGroup(`azw${i}`, { resourceGroupName: rg, ...extra }),
    })),
    ...["openstack/cloud", "wso2/enterprise-integrator"].map((product, i) => ({
      name: `catalog ${product}`,
      aws: () => new CatalogSecurityGroup(`awsg${i}`, { vpcId: "vpc-1", allowAllEgress: false, products: [{ product }], sources }),
      azure: () => new CatalogNetworkSecurityGroup(`azg${i}`, { resourceGroupName: rg, products: [{ product }], sources }),
    })),
  ];
  for (const p of PRESETS) {
    it(`${p.name}: the same (direction, protocol, port, peer) set`, async () => {
      await setupMocks();
      const aws = fromAws(reportOf(p.aws()).groups.flatMap((g) => g.rules));
      const azure = fromAzure(azureReportOf(p.azure()).rules);
      expect(Object.keys(aws).length).to.be.greaterThan(0);
      expect(azure).to.deep.equal(aws);
    });
  }
});
