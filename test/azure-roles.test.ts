import * as pulumi from "@pulumi/pulumi";
import { expect } from "chai";
import fc from "fast-check";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { builtinCatalog, PortcatalogError, selectProduct } from "../catalog/index.js";
import {
  azureReportOf,
  azureReportsOf,
  CatalogDeploymentNetworkSecurityGroups,
  CatalogDeploymentSecurityGroups,
  CatalogNetworkSecurityGroup,
  CatalogNetworkSecurityRules,
  CatalogSecurityGroup,
  type PeerSetArgs,
} from "../components/index.js";
import { rolesOf } from "../planner/index.js";
import { type MockRecorder, type RegisteredResource, resolve, setupMocks, UNKNOWN } from "../testing/index.js";
import { mergedRuns } from "./support/allowed.js";
import { ACME_ENTRY } from "./support/user-catalog.js";

// Role flows on Azure: what an Azure role component lets in, read from the SecurityRules it
// registers, must be what the AWS role component lets in, read from its rules, for the same input.

const SG = "aws:ec2/securityGroup:SecurityGroup";
const NSG = "azure-native:network:NetworkSecurityGroup";
const ASG = "azure-native:network:ApplicationSecurityGroup";
const RULE = "azure-native:network:SecurityRule";
const AWS_RULES = ["aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule"];
const rg = "rg-1";

/** `<listening> <direction> <protocol> <peer>` -> merged port runs: what a set of rules allows. */
type Allowed = Record<string, string>;
function allowed(facts: { at: string; direction: string; protocol: string; peer: string; fromPort: number; toPort: number }[]): Allowed {
  return mergedRuns(facts, (f) => `${f.at} ${f.direction} ${f.protocol} ${f.peer}`);
}

/** What the AWS rules allow; `groupRole` names a group id's role (`self` for the group itself). */
function awsAllowed(rec: MockRecorder, groupRole: (id: string) => string | undefined): Allowed {
  return allowed(
    rec.resources
      .filter((r) => AWS_RULES.includes(r.type))
      .map((r) => {
        const i = r.inputs as Record<string, string & number>;
        expect(i.ipProtocol, r.name).to.not.equal("-1");
        const peer = i.referencedSecurityGroupId ? `role:${groupRole(i.referencedSecurityGroupId) ?? i.referencedSecurityGroupId}` : (i.cidrIpv4 ?? i.cidrIpv6);
        return { at: groupRole(i.securityGroupId) ?? "?", direction: r.type.includes("Ingress") ? "ingress" : "egress", protocol: i.ipProtocol, peer, fromPort: i.fromPort, toPort: i.toPort };
      }),
  );
}

/** What the Azure SecurityRules allow (the closing rules apart); `asgRole` names an ASG id's role. */
function azureAllowed(rec: MockRecorder, asgRole: (id: string) => string | undefined): Allowed {
  return allowed(
    rec.ofType(RULE)
      .filter((r) => r.inputs.access === "Allow" && r.inputs.sourceAddressPrefix !== "AzureLoadBalancer")
      .flatMap((r) => {
        const i = r.inputs as Record<string, unknown>;
        expect(i.protocol, r.name).to.be.oneOf(["Tcp", "Udp"]);
        const ingress = i.direction === "Inbound";
        const [peerSide, ownSide] = ingress ? ["source", "destination"] : ["destination", "source"];
        const own = i[`${ownSide}ApplicationSecurityGroups`] as { id: string }[];
        expect(own, `${r.name}: its own side is its members' ASG`).to.have.length(1);
        const groups = (i[`${peerSide}ApplicationSecurityGroups`] as { id: string }[] | undefined) ?? [];
        expect(groups.length, `${r.name}: Azure's limit of ASGs per rule`).to.be.at.most(10);
        const peers = [...groups.map((g) => `role:${asgRole(g.id) ?? g.id}`), ...(((i[`${peerSide}AddressPrefixes`] as string[]) ?? []) as string[])];
        const ranges = (i.destinationPortRanges as string[]).map((p) => p.split("-").map(Number));
        return peers.flatMap((peer) =>
          ranges.map(([from, to]) => ({ at: asgRole(own[0].id) ?? "?", direction: ingress ? "ingress" : "egress", protocol: String(i.protocol).toLowerCase(), peer, fromPort: from, toPort: to ?? from })),
        );
      }),
  );
}

/** Each NSG ends with the AzureLoadBalancer allow (4095) and the VirtualNetwork deny (4096). */
function expectClosed(rec: MockRecorder): void {
  for (const nsg of rec.ofType(NSG)) {
    const rules = rec.ofType(RULE).filter((r) => r.name.startsWith(`${nsg.name}-portcatalog-`));
    expect(rules.find((r) => r.inputs.priority === 4095)?.inputs, nsg.name).to.include({ access: "Allow", sourceAddressPrefix: "AzureLoadBalancer", direction: "Inbound" });
    expect(rules.find((r) => r.inputs.priority === 4096)?.inputs, nsg.name).to.include({ access: "Deny", sourceAddressPrefix: "VirtualNetwork", destinationAddressPrefix: "*", destinationPortRange: "*", direction: "Inbound" });
    for (const r of rules) if ((r.inputs.priority as number) < 4095) expect(r.inputs.access, r.name).to.equal("Allow");
  }
}

const roleTag = (r: RegisteredResource) => (r.inputs.tags as Record<string, string>)["portcatalog:role"];

const PRODUCTS: [string, string][] = [
  ["anbox-cloud/charmed", "1.30"],
  ["openstack/cloud", "2025.2"],
  ["wso2/api-manager", "4.7"],
];
const rolesFor = new Map(PRODUCTS.map(([product, release]) => {
  const chosen = selectProduct(builtinCatalog, { product, release });
  return [product, rolesOf([{ name: chosen.name, entries: chosen.entries, release: chosen.release }])];
}));

/** A product, a non-empty subset of its roles, features on or off, operators' CIDRs or none. */
const deployments = fc
  .constantFrom(...PRODUCTS)
  .chain(([product, release]) =>
    fc.record({
      product: fc.constant(product),
      release: fc.constant(release),
      roles: fc.subarray(rolesFor.get(product) as string[], { minLength: 1 }),
      allFeatures: fc.boolean(),
      admin: fc.option(fc.constant<PeerSetArgs>({ cidrIpv4: ["10.0.0.0/24"], cidrIpv6: ["2001:db8::/48"] }), { nil: undefined }),
    }),
  );

describe("Azure role flows allow what AWS's allow", () => {
  it("one group's component: for a random role and random roles wired, the same (direction, protocol, port, source) set", async () => {
    await fc.assert(
      fc.asyncProperty(
        deployments.chain((d) => fc.record({ d: fc.constant(d), role: fc.constantFrom(...(rolesFor.get(d.product) as string[])) })),
        async ({ d, role }) => {
          const wired = d.roles.filter((r) => r !== role);
          const common = { products: [{ product: d.product, release: d.release }], role, allFeatures: d.allFeatures, ...(d.admin ? { sources: { admin: d.admin } } : {}) };
          const rec = await setupMocks();
          new CatalogSecurityGroup("aws", { ...common, vpcId: "vpc-1", allowAllEgress: false, rulesPerGroup: 1000, roleGroups: Object.fromEntries(wired.map((r) => [r, `sg-${r}`])) });
          const az = new CatalogNetworkSecurityGroup("az", { ...common, resourceGroupName: rg, roleGroups: Object.fromEntries(wired.map((r) => [r, `/asg/${r}`])) });
          await rec.settled();
          const aws = awsAllowed(rec, (id) => (id === "aws-id" ? "self" : id.startsWith("sg-") ? id.slice(3) : undefined));
          const azure = azureAllowed(rec, (id) => (id === "az-members-id" ? "self" : id.startsWith("/asg/") ? id.slice(5) : undefined));
          expect(azure).to.deep.equal(aws);
          // No rule names a role that was not wired, nor the own role but as itself.
          const named = Object.keys(azure).flatMap((k) => (/ role:(\S+)$/.exec(k)?.[1] ?? []) as string[]);
          for (const r of named) expect(["self", ...wired], r).to.include(r);
          expectClosed(rec);
          expect(azureReportOf(az).plan).to.have.property("role", role);
        },
      ),
      { numRuns: 12 },
    );
  });

  it("deployment: for a random split of a product's roles, each role's NSG allows what the AWS deployment's group does", async () => {
    await fc.assert(
      fc.asyncProperty(deployments, async (d) => {
        const common = { products: [{ product: d.product, release: d.release }], roles: d.roles, allFeatures: d.allFeatures, ...(d.admin ? { sources: { admin: d.admin } } : {}) };
        const rec = await setupMocks();
        new CatalogDeploymentSecurityGroups("aws", { ...common, vpcId: "vpc-1", allowAllEgress: false, rulesPerGroup: 1000 });
        const az = new CatalogDeploymentNetworkSecurityGroups("az", { ...common, resourceGroupName: rg });
        await rec.settled();
        const sgRole = new Map(rec.ofType(SG).map((g) => [g.id as string, roleTag(g)]));
        const asgRole = new Map(rec.ofType(ASG).map((g) => [g.id as string, roleTag(g)]));
        const aws = awsAllowed(rec, (id) => sgRole.get(id));
        const azure = azureAllowed(rec, (id) => asgRole.get(id));
        expect(azure).to.deep.equal(aws);
        expect(rec.ofType(NSG).map(roleTag)).to.deep.equal(d.roles);
        expect(Object.keys(await resolve(az.applicationSecurityGroupIds))).to.deep.equal(d.roles);
        expect(azureReportsOf(az).map((r) => r.name)).to.deep.equal(d.roles.map((r) => `az-${r}`));
        expectClosed(rec);
      }),
      { numRuns: 12 },
    );
  });
});

function acmeCatalog(): string {
  const e = (slug: string, port: number, roles: string[], from: string[]) => ({
    ...ACME_ENTRY,
    id: `acme/web/${slug}`,
    service: slug,
    fromPort: port,
    toPort: port,
    roles,
    audiences: ["internal"],
    flows: [{ from, source: { document: "acme.md", section: "Flows" } }],
  });
  const many = Array.from({ length: 12 }, (_, i) => `app${i + 1}`);
  const file = join(mkdtempSync(join(tmpdir(), "portcatalog-azure-roles-")), "acme.json");
  writeFileSync(
    file,
    JSON.stringify({
      entries: [
        e("console", 5900, ["compute"], ["controller"]),
        e("migrate", 16509, ["compute"], ["compute"]),
        e("db", 3306, ["controller"], ["controller", "compute", ...many]),
        e("agent", 7000, many, ["controller"]),
      ],
    }),
  );
  return file;
}

describe("Azure components with role and roleGroups", () => {
  const file = acmeCatalog();
  const products = [{ product: "acme/web" }];

  it("a role peer is the role's ASG as the rule's source; its own role is the members' ASG; others get nothing", async () => {
    const rec = await setupMocks();
    const c = new CatalogNetworkSecurityGroup("compute", { resourceGroupName: rg, catalogFiles: [file], products, role: "compute", roleGroups: { controller: "/asg/controller" } });
    await rec.settled();
    const members = rec.named("compute-members", ASG).id;
    const rules = azureReportOf(c).rules.map((r) => rec.named(`compute-portcatalog-in-${r.priority}`, RULE).inputs);
    expect(rules.map((r) => [r.destinationPortRanges, r.sourceApplicationSecurityGroups, r.destinationApplicationSecurityGroups, r.protocol]).sort()).to.deep.equal(
      [
        [["16509"], [{ id: members }], [{ id: members }], "Tcp"],
        [["5900"], [{ id: "/asg/controller" }], [{ id: members }], "Tcp"],
      ].sort(),
    );
    expect(rules.every((r) => r.sourceAddressPrefixes === undefined && r.sourceAddressPrefix === undefined)).to.equal(true);
  });

  it("a role not in roleGroups is not wired: no rule, listed, never opened to the virtual network", async () => {
    const rec = await setupMocks();
    const c = new CatalogNetworkSecurityGroup("compute", { resourceGroupName: rg, catalogFiles: [file], products, role: "compute" });
    await rec.settled();
    const report = azureReportOf(c);
    expect(report.rules.map((r) => r.ports.map((p) => p.fromPort))).to.deep.equal([[16509]]);
    expect((report.plan as unknown as { notWired: { from: string; fromPort: number }[] }).notWired.map((n) => `${n.from}:${n.fromPort}`)).to.deep.equal(["controller:5900"]);
    expectClosed(rec);
  });

  it("more connecting roles than Azure names in one rule: split into rules of at most 10 ASGs, every role still let in", async () => {
    const rec = await setupMocks();
    const roleGroups = Object.fromEntries(["compute", ...Array.from({ length: 12 }, (_, i) => `app${i + 1}`)].map((r) => [r, `/asg/${r}`]));
    const c = new CatalogNetworkSecurityGroup("db", { resourceGroupName: rg, catalogFiles: [file], products, role: "controller", roleGroups });
    await rec.settled();
    const sources = azureReportOf(c).rules.map((r) => rec.named(`db-portcatalog-in-${r.priority}`, RULE).inputs.sourceApplicationSecurityGroups as { id: string }[]);
    expect(sources.length).to.equal(2);
    for (const s of sources) expect(s.length).to.be.at.most(10);
    const members = rec.named("db-members", ASG).id;
    expect(sources.flat().map((g) => g.id).sort()).to.deep.equal([members, ...Object.values(roleGroups)].sort());
  });

  it("CatalogNetworkSecurityRules: self is applicationSecurityGroupId, as without roles; role peers are their ASGs", async () => {
    const rec = await setupMocks();
    const c = new CatalogNetworkSecurityRules("r", { resourceGroupName: rg, networkSecurityGroupName: "nsg-1", applicationSecurityGroupId: "/asg/compute", catalogFiles: [file], products, role: "compute", roleGroups: { controller: "/asg/controller" } });
    await rec.settled();
    const ids = azureReportOf(c).rules.map((r) => (rec.named(`r-portcatalog-in-${r.priority}`, RULE).inputs.sourceApplicationSecurityGroups as { id: string }[])[0].id);
    expect(ids.sort()).to.deep.equal(["/asg/compute", "/asg/controller"]);
  });

  it("role ids as Outputs work, in preview too (ids unknown)", async () => {
    for (const preview of [false, true]) {
      const rec = await setupMocks({ preview });
      const controller = new CatalogNetworkSecurityGroup("controller", { resourceGroupName: rg, catalogFiles: [file], products, role: "controller" });
      const compute = new CatalogNetworkSecurityGroup("compute", { resourceGroupName: rg, catalogFiles: [file], products, role: "compute", roleGroups: { controller: controller.applicationSecurityGroupId } });
      await rec.settled();
      const rule = azureReportOf(compute).rules.find((r) => r.ports[0].fromPort === 5900);
      const source = rec.named(`compute-portcatalog-in-${rule?.priority}`, RULE).inputs.sourceApplicationSecurityGroups;
      expect(source, String(preview)).to.deep.equal([{ id: preview ? UNKNOWN : "controller-members-id" }]);
    }
  });
});

describe("Azure role arguments: hostile input fails before anything registers", () => {
  const file = acmeCatalog();
  const base = { resourceGroupName: rg, networkSecurityGroupName: "nsg-1", applicationSecurityGroupId: "/asg/own", catalogFiles: [file], products: [{ product: "acme/web" }] };
  const out = <T>(v: T) => pulumi.output(v);
  const CASES: [string, Record<string, unknown>, RegExp][] = [
    ["an unknown role", { role: "storage" }, /^CatalogNetworkSecurityRules "x": args\.role: unknown role "storage" for this selection: use "app1", .*"compute" or "controller"$/],
    ["roleGroups without role", { roleGroups: { compute: "/asg/compute" } }, /^CatalogNetworkSecurityRules "x": args\.roleGroups: needs args\.role, this group's own role$/],
    ["a role group for an unknown role", { role: "compute", roleGroups: { storage: "/asg/s" } }, /args\.roleGroups\.storage: unknown role "storage" for this selection: use /],
    ["one group for two roles", { role: "compute", roleGroups: { controller: "/asg/x", app1: "/asg/x" } }, /args\.roleGroups\.app1: "\/asg\/x" is already roles\.controller: a group holds one role/],
    ["one Output for two roles", ((o) => ({ role: "compute", roleGroups: { controller: o, app1: o } }))(out("/asg/x")), /args\.roleGroups\.app1: a Pulumi Output is already roles\.controller: a group holds one role/],
    ["the members' own ASG as another role's", { role: "compute", roleGroups: { controller: "/asg/own" } }, /args\.roleGroups\.controller: "\/asg\/own" is args\.applicationSecurityGroupId, this group's own machines: a group holds one role/],
    ["its own role in roleGroups", { role: "compute", roleGroups: { compute: "/asg/c" } }, /args\.roleGroups\.compute: "compute" is this group's own role/],
    ["clients as a role", { role: "compute", roleGroups: { clients: "/asg/c" } }, /args\.roleGroups\.clients: "clients" is not a deployment role: its peers are sources\.public/],
    ["role as an Output", { role: out("compute") }, /args\.role: got a Pulumi Output/],
    ["roleGroups as an Output", { role: "compute", roleGroups: out({ controller: "/asg/c" }) }, /args\.roleGroups: got a Pulumi Output/],
    ["role a number", { role: 7 }, /args\.role: expected a string, got 7/],
    ["role empty", { role: "" }, /args\.role: /],
    ["a role group null", { role: "compute", roleGroups: { controller: null } }, /args\.roleGroups\.controller: expected a string or a Pulumi Output, got null/],
    ["a role group a number", { role: "compute", roleGroups: { controller: 5 } }, /args\.roleGroups\.controller: expected a string or a Pulumi Output, got 5/],
    ["a role group empty", { role: "compute", roleGroups: { controller: "" } }, /args\.roleGroups\.controller: must not be empty/],
    ["roleGroups a list", { role: "compute", roleGroups: ["/asg/c"] }, /args\.roleGroups: expected an object/],
  ];
  for (const [what, patch, error] of CASES) {
    it(what, async () => {
      const rec = await setupMocks();
      // biome-ignore lint/suspicious/noExplicitAny: deliberately wrong types
      expect(() => new CatalogNetworkSecurityRules("x", { ...base, ...patch } as any)).to.throw(PortcatalogError, error);
      await rec.settled();
      expect(rec.resources).to.deep.equal([]);
    });
  }

  const DEPLOYMENT: [string, Record<string, unknown>, RegExp][] = [
    ["role on a deployment", { role: "compute" }, /^CatalogDeploymentNetworkSecurityGroups "d": args\.role: a deployment gives each of args\.roles its own group/],
    ["roleGroups on a deployment", { roleGroups: { compute: "/asg/c" } }, /args\.roleGroups: a deployment gives each of args\.roles its own group/],
    ["a role named twice", { roles: ["compute", "compute"] }, /args\.roles\[1\]: "compute" is named twice/],
    ["no roles", { roles: [] }, /args\.roles: /],
    ["an unknown role", { roles: ["compute", "storage"] }, /unknown role "storage" for this selection/],
    ["pins for a role it does not have", { priorities: { storage: { "in-tcp-0": 200 } } }, /args\.priorities\.storage: "storage" is not one of args\.roles: use "controller" or "compute"/],
    ["a pin for no rule of the role", { priorities: { compute: { "in-tcp-00000000": 200 } } }, /CatalogDeploymentNetworkSecurityGroups "d-compute": priorities\.compute\.in-tcp-00000000: no planned rule has this key/],
    ["flat pins", { priorities: { "in-tcp-0": 200 } }, /args\.priorities\.in-tcp-0: expected an object, got 200/],
    ["a pin out of range", { priorities: { compute: { "in-tcp-0": 4096 } } }, /args\.priorities\.compute\.in-tcp-0: must be at most 4094, got 4096/],
  ];
  for (const [what, patch, error] of DEPLOYMENT) {
    it(`CatalogDeploymentNetworkSecurityGroups: ${what}`, async () => {
      const rec = await setupMocks();
      // biome-ignore lint/suspicious/noExplicitAny: deliberately wrong types
      expect(() => new CatalogDeploymentNetworkSecurityGroups("d", { resourceGroupName: rg, catalogFiles: [file], products: [{ product: "acme/web" }], roles: ["controller", "compute"], ...patch } as any)).to.throw(PortcatalogError, error);
      await rec.settled();
      expect(rec.resources).to.deep.equal([]);
    });
  }
});

describe("CatalogDeploymentNetworkSecurityGroups (Pulumi mocks)", () => {
  const file = acmeCatalog();
  const products = [{ product: "acme/web" }];

  for (const preview of [false, true]) {
    it(`an NSG and an ASG per role, then rules naming the other roles' real ASGs${preview ? " (preview: ids unknown)" : ""}`, async () => {
      const rec = await setupMocks({ preview });
      const d = new CatalogDeploymentNetworkSecurityGroups("d", { resourceGroupName: rg, location: "westeurope", tags: { team: "a" }, catalogFiles: [file], products, roles: ["controller", "compute"] });
      await rec.settled();
      expect(rec.ofType(NSG).map((g) => g.name)).to.deep.equal(["d-controller", "d-compute"]);
      expect(rec.ofType(ASG).map((g) => g.name)).to.deep.equal(["d-controller-members", "d-compute-members"]);
      for (const g of [...rec.ofType(NSG), ...rec.ofType(ASG)]) expect(g.inputs).to.deep.include({ resourceGroupName: rg, location: "westeurope", tags: { team: "a", "portcatalog:component": "d", "portcatalog:role": roleTag(g) } });
      for (const g of rec.ofType(NSG)) expect(g.inputs).to.not.have.any.keys("securityRules");
      const asg = (role: string) => (preview ? UNKNOWN : `d-${role}-members-id`);
      const [controller, compute] = azureReportsOf(d);
      const input = (nsg: string, priority: number) => rec.named(`${nsg}-portcatalog-in-${priority}`, RULE).inputs;
      const console = compute.rules.find((r) => r.ports[0].fromPort === 5900);
      expect(input("d-compute", console?.priority as number)).to.deep.include({ sourceApplicationSecurityGroups: [{ id: asg("controller") }], destinationApplicationSecurityGroups: [{ id: asg("compute") }], protocol: "Tcp", destinationPortRanges: ["5900"] });
      const db = controller.rules.find((r) => r.ports[0].fromPort === 3306);
      // app1..app12 have no group here: not wired, so only the two roles of the deployment.
      expect(input("d-controller", db?.priority as number).sourceApplicationSecurityGroups).to.have.deep.members([{ id: asg("controller") }, { id: asg("compute") }]);
      expect(rec.ofType(RULE).length).to.equal(controller.rules.length + compute.rules.length + 4);
      expectClosed(rec);
      expect(rec.warnings.filter((w) => w.includes("AllowVnetInBound")).length, "the closing warning once").to.equal(1);
      expect(await resolve(d.ruleCount)).to.equal(controller.rules.length + compute.rules.length);
      expect(await resolve(d.ruleKeys)).to.deep.equal({ controller: controller.rules.map((r) => r.key), compute: compute.rules.map((r) => r.key) });
      expect(Object.keys(await resolve(d.rulePriorities))).to.deep.equal(["controller", "compute"]);
      if (!preview) {
        expect(await resolve(d.applicationSecurityGroupIds)).to.deep.equal({ controller: "d-controller-members-id", compute: "d-compute-members-id" });
        expect(await resolve(d.networkSecurityGroupIds)).to.deep.equal({ controller: "d-controller-id", compute: "d-compute-id" });
      }
      expect(() => azureReportOf(d)).to.throw(/azureReportsOf/);
    });
  }

  it("a role's pin moves that role's rule only; the key of another role's rule is no pin here", async () => {
    const rec = await setupMocks();
    const roles = ["controller", "compute"];
    const first = new CatalogDeploymentNetworkSecurityGroups("a", { resourceGroupName: rg, catalogFiles: [file], products, roles });
    const [controller, compute] = azureReportsOf(first);
    const key = compute.rules[0].key;
    const pinned = new CatalogDeploymentNetworkSecurityGroups("b", { resourceGroupName: rg, catalogFiles: [file], products, roles, priorities: { compute: { [key]: 1234 } } });
    const [c2, m2] = azureReportsOf(pinned);
    expect(m2.rules.find((r) => r.key === key)?.priority).to.equal(1234);
    expect(c2.rules.map((r) => [r.key, r.priority])).to.deep.equal(controller.rules.map((r) => [r.key, r.priority]));
    const other = controller.rules.find((r) => !compute.rules.some((m) => m.key === r.key))?.key as string;
    expect(() => new CatalogDeploymentNetworkSecurityGroups("c", { resourceGroupName: rg, catalogFiles: [file], products, roles, priorities: { compute: { [other]: 1234 } } })).to.throw(
      PortcatalogError,
      new RegExp(`"c-compute": priorities\\.compute\\.${other}: no planned rule has this key`),
    );
    await rec.settled();
  });

  it("keepVirtualNetworkDefault: no closing rules in any role's NSG", async () => {
    const rec = await setupMocks();
    const d = new CatalogDeploymentNetworkSecurityGroups("d", { resourceGroupName: rg, catalogFiles: [file], products, roles: ["controller", "compute"], keepVirtualNetworkDefault: true });
    await rec.settled();
    expect(rec.ofType(RULE).length).to.equal(azureReportsOf(d).reduce((n, r) => n + r.rules.length, 0));
    expect(rec.ofType(RULE).some((r) => r.inputs.access === "Deny")).to.equal(false);
  });
});
