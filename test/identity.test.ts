import { AWS_PROFILE } from "../components/clouds.js";
// One identity for one thing: two spellings of one resource id (Azure ARM ids in another case, AWS ids in upper
// case, Neutron UUIDs in upper case or without dashes) name one resource everywhere ids are compared.
import { expect } from "chai";
import { drift } from "../audit/audit.js";
import { auditRoles } from "../audit/roles.js";
import { combineExports, parseExport } from "../audit/parse.js";
import { PortcatalogError } from "../catalog/errors.js";
import type { CatalogEntry } from "../catalog/model.js";
import { CatalogNetworkSecurityRules, CatalogSecGroupRules, CatalogSecurityGroupRules } from "../components/index.js";
import { idKey } from "../planner/ids.js";
import { planRole, type Selection } from "../planner/index.js";
import { setupMocks } from "../testing/index.js";

const UUID = "5f0c6b4e-8d1a-4b7e-9c2f-0a1b2c3d4e5f";
const ASG = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/applicationSecurityGroups/asg-control";
/** Each id with spellings of it that name the same resource. */
const SPELLINGS: [string, string, string[]][] = [
  ["AWS group id", "sg-0abc1234def567890", ["SG-0ABC1234DEF567890", "sg-0ABC1234def567890", " sg-0abc1234def567890 "]],
  ["Neutron UUID", UUID, [UUID.toUpperCase(), UUID.replace(/-/g, ""), UUID.toUpperCase().replace(/-/g, ""), `{${UUID}}`]],
  ["Azure ARM id", ASG, [ASG.toUpperCase(), ASG.toLowerCase(), ASG.replace("resourceGroups", "resourcegroups")]],
];
/** Ids that look alike but are other resources. */
const DIFFERENT: [string, string][] = [
  ["sg-0abc1234def567890", "sg-0abc1234def567891"],
  [UUID, UUID.replace(/f$/, "0")],
  [ASG, ASG.replace("asg-control", "asg-contro1")],
  // A UUID's dashes are only spelling: moved dashes are not a UUID, and are compared as written.
  ["5f0c6b4e8d1a-4b7e-9c2f-0a1b2c3d4e5f-x", "5f0c6b4e-8d1a-4b7e-9c2f-0a1b2c3d4e5fx"],
];

describe("one identity for one thing: ids in another spelling", () => {
  describe("idKey", () => {
    for (const [what, id, others] of SPELLINGS) {
      it(`${what}: ${others.length} other spellings are the same id`, () => {
        for (const o of others) expect(idKey(o), o).to.equal(idKey(id));
      });
    }
    it("ids that differ are different, whatever their case", () => {
      for (const [a, b] of DIFFERENT) expect(idKey(a)).to.not.equal(idKey(b.toUpperCase()));
    });
  });

  const entries: CatalogEntry[] = [
    { id: "acme/web/api", catalog: "acme", variant: "web", service: "api", roles: ["compute", "controller", "network"], protocol: "tcp", fromPort: 8080, toPort: 8080, direction: "ingress", audiences: ["internal"], required: true, description: "API", source: { document: "t", section: "t" }, flows: [{ from: ["controller"], releases: ["1"], source: { document: "t", section: "t" } }] } as unknown as CatalogEntry,
  ];
  const SEL: Selection[] = [{ name: "acme/web", entries, release: "1" }];

  describe("the planner: two roles given one group in two spellings is refused, on every cloud's ids", () => {
    for (const [what, id, others] of SPELLINGS) {
      it(what, () => {
        for (const o of others) {
          expect(() => planRole(SEL, { cloud: AWS_PROFILE, role: "compute", roles: { controller: { securityGroups: [{ name: "a", id }] }, network: { securityGroups: [{ name: "b", id: o }] } } }), o).to.throw(
            PortcatalogError,
            /^roles\.network: .* is already roles\.controller: a group holds one role/,
          );
        }
      });
    }
  });

  describe("components: the group's own id named as another role's group, in another spelling, is refused before anything registers", () => {
    const table: [string, (own: string, other: string) => unknown, string, string][] = [
      ["AWS", (own, other) => new CatalogSecurityGroupRules("c", { securityGroupId: own, products: [{ product: "anbox-cloud/charmed" }], role: "lxd", roleGroups: { control: other } }), "sg-0abc1234def567890", "SG-0ABC1234DEF567890"],
      ["OpenStack", (own, other) => new CatalogSecGroupRules("c", { securityGroupId: own, products: [{ product: "anbox-cloud/charmed" }], role: "lxd", roleGroups: { control: other } }), UUID, UUID.toUpperCase().replace(/-/g, "")],
      ["Azure", (own, other) => new CatalogNetworkSecurityRules("c", { resourceGroupName: "rg", networkSecurityGroupName: "nsg", applicationSecurityGroupId: own, products: [{ product: "anbox-cloud/charmed" }], role: "lxd", roleGroups: { control: other } }), ASG, ASG.toUpperCase()],
    ];
    for (const [cloud, make, own, other] of table) {
      it(cloud, async () => {
        const rec = await setupMocks();
        expect(() => make(own, other)).to.throw(PortcatalogError, /args\.roleGroups\.control: .* is args\.(securityGroupId|applicationSecurityGroupId), this group's own machines: a group holds one role/);
        await rec.settled();
        expect(rec.resources).to.deep.equal([]);
      });
    }
  });

  describe("the audit and import: one group in two spellings is one group", () => {
    const awsRule = (id: string, group: string, port: number, peer?: string) => ({
      SecurityGroupRuleId: id, GroupId: group, IsEgress: false, IpProtocol: "tcp", FromPort: port, ToPort: port, ...(peer ? { ReferencedGroupInfo: { GroupId: peer } } : { CidrIpv4: "10.0.0.0/8" }),
    });
    const neutronRule = (id: string, group: string, port: number) => ({ id, security_group_id: group, direction: "ingress", ethertype: "IPv4", protocol: "tcp", port_range_min: port, port_range_max: port, remote_ip_prefix: "10.0.0.0/8" });
    it("AWS: rules of sg-0abc… and SG-0ABC… are one group's; a peer group in another case is the same peer", () => {
      const input = combineExports([parseExport("a.json", JSON.stringify({ SecurityGroupRules: [awsRule("sgr-1", "sg-0abc1234def567890", 80), awsRule("sgr-2", "SG-0ABC1234DEF567890", 81, "SG-0ABC1234DEF567890")] }))]);
      expect(input.groups.map((g) => [g.id, g.rules.length])).to.deep.equal([["sg-0abc1234def567890", 2]]);
      // The self rule (the group itself, spelled otherwise) is the plan's self peer.
      const d = drift(input.groups[0], [{ key: "in-tcp-81-self", direction: "ingress", ethertype: "any", protocol: "tcp", fromPort: 81, toPort: 81, peer: { kind: "self" }, entries: [], services: [], description: "" } as never]);
      expect(d.keep.map((k) => k.existing.id)).to.deep.equal(["sgr-2"]);
    });
    it("Neutron: a group id in upper case and without dashes is one group; the same rule id twice is refused", () => {
      const input = combineExports([parseExport("n.json", JSON.stringify({ security_group_rules: [neutronRule("00000000-0000-4000-8000-000000000001", UUID, 80), neutronRule("00000000-0000-4000-8000-000000000002", UUID.toUpperCase().replace(/-/g, ""), 81)] }))]);
      expect(input.groups.map((g) => [g.id, g.rules.length])).to.deep.equal([[UUID, 2]]);
      const twice = [parseExport("a.json", JSON.stringify({ security_group_rules: [neutronRule("00000000-0000-4000-8000-000000000001", UUID, 80)] })), parseExport("b.json", JSON.stringify({ security_group_rules: [neutronRule("00000000-0000-4000-8000-000000000001".toUpperCase(), UUID, 80)] }))];
      expect(() => combineExports(twice)).to.throw(PortcatalogError, /rule 00000000-0000-4000-8000-000000000001 is also in a\.json/i);
    });
    it("audit --role-groups: two roles given one group in two spellings is refused on AWS and Neutron too", () => {
      const aws = combineExports([parseExport("a.json", JSON.stringify({ SecurityGroupRules: [awsRule("sgr-1", "sg-0abc1234def567890", 80)] }))]);
      expect(() => auditRoles(aws, { product: "anbox-cloud/charmed", roleGroups: { control: "sg-0abc1234def567890", lxd: "SG-0ABC1234DEF567890" } })).to.throw(PortcatalogError, /roleGroups\.lxd: group "SG-0ABC1234DEF567890" is already roleGroups\.control/);
      const neutron = combineExports([parseExport("n.json", JSON.stringify({ security_group_rules: [neutronRule("00000000-0000-4000-8000-000000000001", UUID, 80)] }))]);
      expect(() => auditRoles(neutron, { product: "anbox-cloud/charmed", roleGroups: { control: UUID, lxd: UUID.replace(/-/g, "") } })).to.throw(PortcatalogError, /is already roleGroups\.control/);
    });
  });
});
