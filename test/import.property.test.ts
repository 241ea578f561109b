// portcatalog import adopts only what is the component's: over random changes to an export of the component's
// own rules (a description, a port, a peer, the group a rule is in, Azure's destination ASG and NSG …) and random
// component arguments (the group its rules go into, given in another case or as another group), every rule the
// import file adopts is, field for field, the rule the component registers with those arguments, in its group.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "chai";
import fc from "fast-check";
import { runImport } from "../cli/import-command.js";
import { CatalogNetworkSecurityRules, CatalogSecGroupRules, CatalogSecurityGroupRules } from "../components/index.js";
import { type RegisteredResource, setupMocks } from "../testing/index.js";
import { awsExport, neutronExport, nsgShow } from "./support/exports.js";

type Json = Record<string, unknown>;
type Mutation = (rule: Json) => boolean;

const dir = mkdtempSync(join(tmpdir(), "import-property-"));
let files = 0;
const write = (text: string) => {
  const file = join(dir, `export-${files++}.json`);
  writeFileSync(file, text);
  return file;
};

const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
/** The same JSON with every id in one spelling (lower case, a UUID without dashes): what "the same rule" compares. */
const norm = (v: unknown): unknown =>
  typeof v === "string" && UUID.test(v)
    ? v.toLowerCase().replace(/-/g, "")
    : typeof v === "string" && /^(sg-|pl-|\/subscriptions\/)/i.test(v)
      ? v.toLowerCase()
      : Array.isArray(v)
        ? v.map(norm)
        : v && typeof v === "object"
          ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, norm(x)]))
          : v;
const without = (o: Json, ...keys: string[]) => Object.fromEntries(Object.entries(o).filter(([k]) => !keys.includes(k)));

async function registered(make: () => void, types: string[]): Promise<RegisteredResource[]> {
  const rec = await setupMocks();
  make();
  await rec.settled();
  return rec.resources.filter((r) => types.includes(r.type));
}

/**
 * Runs one case: the export of the component's rules under `base` arguments, changed by `mutations` (one per rule,
 * or none), imported with `args`; checks that each adopted rule is the one the component registers with `args`.
 */
async function check(opts: {
  rules: Json[];
  wrap: (rules: Json[]) => string;
  idOf: (rule: Json) => string;
  ignore: string[];
  expected: (name: string) => Json | undefined;
  argv: string[];
  mutations: (Mutation | null)[];
  mustAdoptAll: boolean;
}): Promise<void> {
  const rules = opts.rules.map((r) => structuredClone(r));
  const touched = new Set<string>();
  // Every other rule unchanged at least: the group stays in the export.
  const mutations = [null, ...opts.mutations];
  rules.forEach((r, i) => {
    const m = mutations[i % mutations.length];
    if (m?.(r)) touched.add(opts.idOf(r));
  });
  const file = write(opts.wrap(rules));
  const { plan } = await runImport([file, ...opts.argv, "--out", join(dir, `import-${files++}.json`)]);
  const adopted = plan.file.resources.filter((r) => r.id && /Rule$/.test(r.type));
  for (const a of adopted) {
    const have = rules.find((r) => opts.idOf(r).toLowerCase() === String(a.id).toLowerCase()) as Json;
    const want = opts.expected(a.name);
    expect(want, `${a.name} adopted, but the component registers no such rule`).to.not.equal(undefined);
    expect(norm(without(have, ...opts.ignore)), `${a.name} adopted from ${a.id}`).to.deep.equal(norm(without(want as Json, ...opts.ignore)));
  }
  if (opts.mustAdoptAll) {
    // Not vacuous: an unchanged rule is adopted, unless a changed one became its twin (then one of them is).
    const content = (r: Json) => JSON.stringify(norm(without(r, ...opts.ignore)));
    const twins = new Set(rules.filter((r) => touched.has(opts.idOf(r))).map(content));
    const ids = new Set(adopted.map((a) => String(a.id).toLowerCase()));
    for (const r of rules.filter((x) => !touched.has(opts.idOf(x)) && !twins.has(content(x)))) {
      expect(ids.has(opts.idOf(r).toLowerCase()), `${opts.idOf(r)} is the component's and unchanged, but not adopted`).to.equal(true);
    }
  }
}

const pick = <T>(list: T[]) => fc.constantFrom(...list);

describe("portcatalog import: every adopted rule is the component's, in the component's group (fast-check)", function () {
  this.timeout(300_000);

  it("AWS (describe-security-group-rules): CatalogSecurityGroupRules into its securityGroupId", async () => {
    const SG = "sg-0aaaaaaaaaaaaaaa1";
    const OTHER = "sg-0bbbbbbbbbbbbbbb2";
    const TYPES = ["aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule"];
    const base = { products: [{ product: "anbox-cloud/appliance" }], sources: { admin: { cidrIpv4: ["10.1.0.0/24"] }, internal: { self: true, securityGroups: [{ name: "nodes", id: "sg-0ccccccccccccccc3" }] } } };
    const make = (securityGroupId: string) => () => new CatalogSecurityGroupRules("c", { ...base, securityGroupId });
    const exported = JSON.parse(awsExport(await registered(make(SG), TYPES))).SecurityGroupRules as Json[];
    const mutations: Record<string, Mutation> = {
      description: (r) => ((r.Description = "changed"), true),
      "no description": (r) => (delete r.Description, true),
      "another group": (r) => ((r.GroupId = OTHER), true),
      "group id in upper case": (r) => ((r.GroupId = String(r.GroupId).toUpperCase().replace("SG-", "sg-")), false),
      port: (r) => (r.FromPort === -1 ? false : ((r.ToPort = Number(r.ToPort) + 1), true)),
      protocol: (r) => (r.IpProtocol === "tcp" ? ((r.IpProtocol = "udp"), true) : false),
      cidr: (r) => (r.CidrIpv4 ? ((r.CidrIpv4 = "10.9.9.0/24"), true) : false),
      "peer group": (r) => (r.ReferencedGroupInfo ? ((r.ReferencedGroupInfo = { GroupId: OTHER }), true) : false),
    };
    await fc.assert(
      fc.asyncProperty(pick([SG, SG.toUpperCase().replace("SG-", "sg-"), OTHER]), fc.array(fc.option(pick(Object.keys(mutations)), { nil: null }), { minLength: 1, maxLength: 6 }), async (groupArg, chosen) => {
        const want = await registered(make(groupArg), TYPES);
        const byName = new Map(want.map((r) => [r.name, JSON.parse(awsExport([r])).SecurityGroupRules[0] as Json]));
        await check({
          rules: exported,
          wrap: (rules) => JSON.stringify({ SecurityGroupRules: rules }),
          idOf: (r) => String(r.SecurityGroupRuleId),
          ignore: ["SecurityGroupRuleId"],
          expected: (name) => byName.get(name),
          argv: ["--group", SG, "--component", "CatalogSecurityGroupRules", "--name", "c", "--args", JSON.stringify({ ...base, securityGroupId: groupArg })],
          mutations: chosen.map((k) => (k === null ? null : mutations[k])),
          mustAdoptAll: groupArg !== OTHER,
        });
      }),
      { numRuns: 25 },
    );
  });

  it("OpenStack (the Neutron API's export): CatalogSecGroupRules into its securityGroupId, its tenantId and ethertypes", async () => {
    const SG = "5f0c6b4e-8d1a-4b7e-9c2f-0a1b2c3d4e5f";
    const OTHER = "6a1d7c5f-9e2b-4c8f-8d3a-1b2c3d4e5f60";
    const TYPES = ["openstack:networking/secGroupRule:SecGroupRule"];
    const base = { products: [{ product: "openstack/kilo", roles: ["controller"] }], sources: { admin: { cidrIpv4: ["192.168.10.0/24"], cidrIpv6: ["2001:db8:10::/48"] }, internal: { self: true } } };
    const make = (args: Json) => () => new CatalogSecGroupRules("c", { ...base, ...args } as never);
    const exported = JSON.parse(neutronExport(await registered(make({ securityGroupId: SG }), TYPES))).security_group_rules as Json[];
    const mutations: Record<string, Mutation> = {
      description: (r) => ((r.description = "changed"), true),
      "another group": (r) => ((r.security_group_id = OTHER), true),
      "group id in upper case, no dashes": (r) => ((r.security_group_id = String(r.security_group_id).toUpperCase().replace(/-/g, "")), false),
      port: (r) => (r.port_range_max === null ? false : ((r.port_range_max = Number(r.port_range_max) + 1), true)),
      "remote group": (r) => (r.remote_group_id ? ((r.remote_group_id = OTHER), true) : false),
      // A group reference names no addresses, so its ethertype can change alone.
      ethertype: (r) => (r.remote_group_id ? ((r.ethertype = r.ethertype === "IPv4" ? "IPv6" : "IPv4"), true) : false),
      project: () => false, // below: a change only where the component sets a tenantId
    };
    await fc.assert(
      fc.asyncProperty(
        pick([SG, SG.toUpperCase(), OTHER]),
        fc.boolean(),
        fc.array(fc.option(pick(Object.keys(mutations)), { nil: null }), { minLength: 1, maxLength: 6 }),
        async (groupArg, tenant, chosen) => {
          const args = { securityGroupId: groupArg, ...(tenant ? { tenantId: "p1" } : {}) };
          const want = await registered(make(args), TYPES);
          const byName = new Map(want.map((r) => [r.name, JSON.parse(neutronExport([r])).security_group_rules[0] as Json]));
          // The project is the rule's only where the component sets a tenantId; else the export's is not compared.
          const muts = chosen.map((k) => (k === null ? null : k === "project" ? (r: Json) => ((r.project_id = "p2"), tenant) : mutations[k]));
          await check({
            rules: exported,
            wrap: (rules) => JSON.stringify({ security_group_rules: rules }),
            idOf: (r) => String(r.id),
            ignore: ["id", ...(tenant ? [] : ["project_id"])],
            expected: (name) => byName.get(name),
            argv: ["--group", SG, "--component", "CatalogSecGroupRules", "--name", "c", "--args", JSON.stringify({ ...base, ...args })],
            mutations: muts,
            mustAdoptAll: groupArg !== OTHER,
          });
        },
      ),
      { numRuns: 25 },
    );
  });

  it("Azure (az network nsg show): CatalogNetworkSecurityRules into its NSG, with its members' ASG as the destination", async () => {
    const SUB = "/subscriptions/00000000-0000-0000-0000-000000000000";
    const NSG = `${SUB}/resourceGroups/rg/providers/Microsoft.Network/networkSecurityGroups/nsg`;
    const asg = (name: string) => `${SUB}/resourceGroups/rg/providers/Microsoft.Network/applicationSecurityGroups/${name}`;
    const TYPES = ["azure-native:network:SecurityRule"];
    const base = { resourceGroupName: "rg", products: [{ product: "anbox-cloud/appliance" }], sources: { admin: { cidrIpv4: ["10.1.0.0/24"] } }, allFeatures: true };
    const make = (args: Json) => () => new CatalogNetworkSecurityRules("c", { ...base, ...args } as never);
    const baseArgs = { networkSecurityGroupName: "nsg", applicationSecurityGroupId: asg("members") };
    const exported = JSON.parse(nsgShow(await registered(make(baseArgs), TYPES), NSG)) as { securityRules: Json[] };
    const used = new Set(exported.securityRules.map((r) => r.priority));
    const free = [...Array(40).keys()].map((i) => 3000 + i).filter((p) => !used.has(p));
    const mutations: Record<string, Mutation> = {
      description: (r) => ((r.description = "changed"), true),
      priority: (r) => ((r.priority = free.shift()), true),
      "destination ASG": (r) => (r.destinationApplicationSecurityGroups ? ((r.destinationApplicationSecurityGroups = [{ id: asg("other") }]), true) : false),
      "ASG id in upper case": (r) => (r.destinationApplicationSecurityGroups ? ((r.destinationApplicationSecurityGroups = [{ id: asg("members").toUpperCase() }]), false) : false),
      source: (r) => (r.sourceAddressPrefixes ? ((r.sourceAddressPrefixes = ["10.9.9.0/24"]), true) : false),
      ports: (r) => (r.destinationPortRanges ? ((r.destinationPortRanges = ["1-2"]), true) : false),
      protocol: (r) => (r.protocol === "Tcp" ? ((r.protocol = "Udp"), true) : false),
      access: (r) => ((r.access = r.access === "Allow" ? "Deny" : "Allow"), true),
      "source ports": (r) => ((r.sourcePortRange = "1024-65535"), true),
    };
    await fc.assert(
      fc.asyncProperty(
        pick(["nsg", "NSG", "nsg2"]),
        pick([asg("members"), asg("members").toUpperCase(), asg("other")]),
        fc.array(fc.option(pick(Object.keys(mutations)), { nil: null }), { minLength: 1, maxLength: 6 }),
        async (nsgName, members, chosen) => {
          free.splice(0, free.length, ...[...Array(40).keys()].map((i) => 3000 + i).filter((p) => !used.has(p)));
          const args = { networkSecurityGroupName: nsgName, applicationSecurityGroupId: members };
          const want = await registered(make(args), TYPES);
          // The expected rule is in the NSG the arguments name, so a rule of another NSG never equals it.
          const theirs = NSG.replace(/nsg$/, nsgName);
          const byName = new Map(want.map((r) => [r.name, (JSON.parse(nsgShow([r], theirs)) as { securityRules: Json[] }).securityRules[0]]));
          await check({
            rules: exported.securityRules,
            wrap: (rules) => JSON.stringify({ ...exported, securityRules: rules }),
            idOf: (r) => String(r.id),
            ignore: [],
            expected: (name) => byName.get(name),
            argv: ["--component", "CatalogNetworkSecurityRules", "--name", "c", "--args", JSON.stringify({ ...base, ...args })],
            mutations: chosen.map((k) => (k === null ? null : mutations[k])),
            // Another NSG adopts nothing; another ASG still adopts the closing rules, which name no ASG.
            mustAdoptAll: nsgName !== "nsg2" && members !== asg("other"),
          });
        },
      ),
      { numRuns: 25 },
    );
  });
});
