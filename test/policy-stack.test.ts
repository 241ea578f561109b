// Issue 17, class 1 for the policy pack: the stack-level judgement (a group's rules together, across
// resources), every provider type that can open a port, and every protocol spelling the clouds accept.
// Table-driven, each case naming the policy and the finding it must produce (or none).
import { expect } from "chai";
import { noAllTrafficToWorld, noInternalPortsToWorld, noInternalPortsToWorldAcrossRules, noAllTrafficToWorldAcrossRules, POLICIES, rulesJoinedByGroup, STACK_POLICIES } from "../policy/policies.js";
import { protocolClass } from "../policy/judge.js";
import { joinByGroup } from "../policy/stack.js";
import { type Res, resourceViolations, stackArgs, stackViolations, T, urnOf } from "./support/policy-stack.js";

const U = "04da6b54-80e4-46f7-96ec-b56ff0331ba9"; // the engine's unknown string during preview
const SG: Res = { type: T.sg, name: "db", props: { name: "db" } };
const SG_URN = urnOf(SG);
/** An aws.vpc.SecurityGroupIngressRule for MySQL from `cidr`, joined to the group `db` by dependency. */
const half = (name: string, cidr: string, extra: Record<string, unknown> = {}): Res => ({
  type: T.in,
  name,
  props: { securityGroupId: U, ipProtocol: "tcp", fromPort: 3306, toPort: 3306, [cidr.includes(":") ? "cidrIpv6" : "cidrIpv4"]: cidr, ...extra },
  deps: { securityGroupId: [SG_URN] },
});
const NSG_RES: Res = { type: "azure-native:network:NetworkSecurityGroup", name: "web-nsg", props: { resourceGroupName: "rg", networkSecurityGroupName: "web-nsg" } };
/** An azure-native SecurityRule allowing MySQL from `prefix`, joined to `web-nsg` by dependency. */
const azHalf = (name: string, prefix: string, extra: Record<string, unknown> = {}): Res => ({
  type: "azure-native:network:SecurityRule",
  name,
  props: { resourceGroupName: "rg", networkSecurityGroupName: "web-nsg", direction: "Inbound", access: "Allow", protocol: "Tcp", priority: 100, sourcePortRange: "*", sourceAddressPrefix: prefix, destinationAddressPrefix: "*", destinationPortRange: "3306", ...extra },
  deps: { networkSecurityGroupName: [urnOf({ type: "azure-native:network:NetworkSecurityGroup", name: "web-nsg" })] },
});
const slash8s = Array.from({ length: 256 }, (_, i) => `${i}.0.0.0/8`);

/** [case, resources, the mandatory stack policy's findings (regexps), notes expected from rulesJoinedByGroup]. */
const SPLITS: [string, Res[], RegExp[], RegExp[]][] = [
  ["IPv4 halves in two SecurityGroupIngressRules (ids unknown in preview)", [SG, half("a", "0.0.0.0/1"), half("b", "128.0.0.0/1")], [/^group db opens an internal-only catalog port to the whole IPv4 internet across a, b \(0\.0\.0\.0\/1 and 128\.0\.0\.0\/1 together\): tcp\/3306: MySQL/], []],
  ["the halves with the group id known (a second preview or up)", [SG, half("a", "0.0.0.0/1", { securityGroupId: "sg-9" }), half("b", "128.0.0.0/1", { securityGroupId: "sg-9" })], [/^group db opens an internal-only catalog port/], []],
  ["the halves on a group of another stack, by id", [{ ...half("a", "0.0.0.0/1", { securityGroupId: "sg-ext" }), deps: {} }, { ...half("b", "128.0.0.0/1", { securityGroupId: "sg-ext" }), deps: {} }], [/^group sg-ext opens an internal-only catalog port/], []],
  ["256 /8s, one rule each", [SG, ...slash8s.map((c, i) => half(`r${i}`, c))], [/across r0, r1, r2, r3, r4, r5 and 250 more resources \(0\.0\.0\.0\/8, 1\.0\.0\.0\/8, .* and 250 more prefixes together\): tcp\/3306/], []],
  ["IPv6 halves; IPv4 world in one rule is the resource policy's", [SG, half("a", "2000::/4"), half("b", "3000::/4"), half("c", "0.0.0.0/0")], [/whole IPv6 internet across a, b \(2000::\/4 and 3000::\/4 together\)/], []],
  ["a half inline in the group, a half in an aws.ec2.SecurityGroupRule", [{ ...SG, props: { ingress: [{ protocol: "6", fromPort: 3300, toPort: 3310, cidrBlocks: ["0.0.0.0/1"] }] } }, { type: T.rule, name: "r", props: { type: "ingress", securityGroupId: U, protocol: "TCP", fromPort: 3306, toPort: 3306, cidrBlocks: ["128.0.0.0/1"] }, deps: { securityGroupId: [SG_URN] } }], [/^group db opens .* across db, r .*tcp\/3306: MySQL/], []],
  [
    "Neutron halves with protocol spellings Neutron reads as TCP",
    [
      { type: T.osGroup, name: "g", props: {} },
      { type: T.osRule, name: "a", props: { securityGroupId: U, direction: "ingress", ethertype: "IPv4", protocol: "06", portRangeMin: 3306, portRangeMax: 3306, remoteIpPrefix: "0.0.0.0/1" }, deps: { securityGroupId: [urnOf({ type: T.osGroup, name: "g" })] } },
      { type: T.osRule, name: "b", props: { securityGroupId: U, direction: "ingress", ethertype: "IPv4", protocol: "Tcp", portRangeMin: 3306, portRangeMax: 3306, remoteIpPrefix: "128.0.0.0/1" }, deps: { securityGroupId: [urnOf({ type: T.osGroup, name: "g" })] } },
    ],
    [/^group g opens an internal-only catalog port to the whole IPv4 internet across a, b/],
    [],
  ],
  ["halves on two different groups are no world opening", [SG, { ...SG, name: "other" }, half("a", "0.0.0.0/1"), { ...half("b", "128.0.0.0/1"), deps: { securityGroupId: [urnOf({ type: T.sg, name: "other" })] } }], [], []],
  ["a gap (one public /8 missing) is no world opening", [SG, ...slash8s.filter((c) => c !== "1.0.0.0/8").map((c, i) => half(`r${i}`, c))], [], []],
  // What an attacker sees: every public address, whatever private or reserved range is left out (issue 24).
  ["every /8 but the private, loopback and reserved ones is the world", [SG, ...slash8s.filter((c) => !["0.0.0.0/8", "10.0.0.0/8", "127.0.0.0/8"].includes(c) && Number(c.split(".")[0]) < 224).map((c, i) => half(`r${i}`, c))], [/whole IPv4 internet across r0, .*tcp\/3306/], []],
  // Azure (issue 24 class 6): SecurityRules join their NSG by dependency (preview) or by resource group and name.
  ["Azure: IPv4 halves in two SecurityRules of one NSG", [NSG_RES, azHalf("a", "0.0.0.0/1"), azHalf("b", "128.0.0.0/1")], [/^group web-nsg opens an internal-only catalog port to the whole IPv4 internet across a, b \(0\.0\.0\.0\/1 and 128\.0\.0\.0\/1 together\): tcp\/3306: MySQL/], []],
  ["Azure: the halves by resource group and name (no dependency), names in another case", [NSG_RES, { ...azHalf("a", "0.0.0.0/1"), deps: {} }, { ...azHalf("b", "128.0.0.0/1", { networkSecurityGroupName: "WEB-NSG" }), deps: {} }], [/^group web-nsg opens an internal-only catalog port/], []],
  ["Azure: ports split, one half on 3306 only, the other on a range holding it", [NSG_RES, azHalf("a", "0.0.0.0/1"), azHalf("b", "128.0.0.0/1", { destinationPortRange: undefined, destinationPortRanges: ["3300-3310", "8080"] })], [/^group web-nsg opens an internal-only catalog port .*tcp\/3306: MySQL/], []],
  ["Azure: the halves in an NSG's inline rules and a SecurityRule", [{ ...NSG_RES, props: { ...NSG_RES.props, securityRules: [{ name: "a", properties: { ...azHalf("a", "0.0.0.0/1").props } }] } }, azHalf("b", "128.0.0.0/1")], [/^group web-nsg opens an internal-only catalog port .*\(0\.0\.0\.0\/1 and 128\.0\.0\.0\/1 together\)/], []],
  ["Azure: halves in two NSGs are no world opening", [NSG_RES, azHalf("a", "0.0.0.0/1"), { ...azHalf("b", "128.0.0.0/1", { networkSecurityGroupName: "other" }), deps: {} }], [], []],
  ["Azure: a Deny half is no opening", [NSG_RES, azHalf("a", "0.0.0.0/1"), azHalf("b", "128.0.0.0/1", { access: "Deny" })], [], []],
  ["an egress split is not ingress", [SG, half("a", "0.0.0.0/1", { ipProtocol: "tcp" }), { ...half("b", "128.0.0.0/1"), type: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule" }], [], []],
  ["a rule whose group is unknown and from no group of the stack: judged alone, and said so", [SG, { ...half("a", "0.0.0.0/1"), deps: {} }, half("b", "128.0.0.0/1")], [], [/^a: securityGroupId is not known during preview and depends on no group of this stack, so its rules cannot be joined/]],
  ["a CIDR unknown in preview: said so", [SG, half("a", U), half("b", "128.0.0.0/1")], [], [/^a: cidrIpv4 not known during preview/]],
];

describe("policy: each group's rules judged together across resources (issue 17, mandatory stack policy)", () => {
  for (const [title, resources, findings, notes] of SPLITS) {
    it(title, () => {
      const found = stackViolations(noInternalPortsToWorldAcrossRules, stackArgs(resources));
      expect(found).to.have.length(findings.length, found.join("\n"));
      findings.forEach((re, i) => expect(found[i]).to.match(re));
      // One summary per stack at most, holding every note.
      const said = stackViolations(rulesJoinedByGroup, stackArgs(resources));
      expect(said).to.have.length(notes.length ? 1 : 0, said.join("\n"));
      notes.forEach((re) => expect(said[0]).to.match(new RegExp(re.source.replace(/^\^/, "(?:: | \\| )"))));
    });
  }
  it("the report names the group's URN, so the engine shows it against the group", () => {
    const urns: (string | undefined)[] = [];
    noInternalPortsToWorldAcrossRules.validateStack(stackArgs([SG, half("a", "0.0.0.0/1"), half("b", "128.0.0.0/1")]), (_m: string, urn?: string) => urns.push(urn));
    expect(urns).to.deep.equal([SG_URN]);
  });
  it("the allow-list exempts the port by the group's name, or by naming every resource that takes part", () => {
    const rs = [SG, half("a", "0.0.0.0/1"), half("b", "128.0.0.0/1")];
    expect(stackViolations(noInternalPortsToWorldAcrossRules, stackArgs(rs, { allow: [{ port: 3306, resource: "db" }] }))).to.deep.equal([]);
    expect(stackViolations(noInternalPortsToWorldAcrossRules, stackArgs(rs, { allow: [{ port: 3306, resource: "a" }] }))).to.have.length(1);
  });
  it("a config typo is one violation, as for the resource policies", () => {
    expect(stackViolations(noInternalPortsToWorldAcrossRules, stackArgs([SG], { products: ["nope/x"] }))[0]).to.match(/^policy config of portcatalog-no-internal-ports-to-world-across-rules: products\[0\] "nope\/x" is not a product/);
  });
  it("all traffic split in two (advisory): said once, as every protocol", () => {
    const all = (name: string, cidr: string) => half(name, cidr, { ipProtocol: "-1", fromPort: undefined, toPort: undefined });
    expect(stackViolations(noAllTrafficToWorldAcrossRules, stackArgs([SG, all("a", "0.0.0.0/1"), all("b", "128.0.0.0/1")]))).to.deep.equal(["group db opens every protocol and port to the whole IPv4 internet across a, b (0.0.0.0/1 and 128.0.0.0/1 together). Open only the ports the service needs."]);
  });
  it("Azure: `*` split in two SecurityRules of one NSG (advisory): every protocol on the rule's port, as the audit says it", () => {
    const star = (name: string, prefix: string) => azHalf(name, prefix, { protocol: "*", destinationPortRange: "443" });
    expect(stackViolations(noAllTrafficToWorldAcrossRules, stackArgs([NSG_RES, star("a", "0.0.0.0/1"), star("b", "128.0.0.0/1")]))).to.deep.equal(["group web-nsg opens every protocol on port 443 to the whole IPv4 internet across a, b (0.0.0.0/1 and 128.0.0.0/1 together). Open only the ports the service needs."]);
  });
  it("the pack runs the stack policies with the resource policies, each name once, levels as their twins", () => {
    const names = [...POLICIES, ...STACK_POLICIES].map((p) => p.name);
    expect(new Set(names).size).to.equal(names.length);
    expect(STACK_POLICIES.map((p) => [p.name, p.enforcementLevel])).to.deep.equal([
      ["portcatalog-no-internal-ports-to-world-across-rules", "mandatory"],
      ["portcatalog-no-admin-ports-to-world-across-rules", "advisory"],
      ["portcatalog-no-all-traffic-to-world-across-rules", "advisory"],
      ["portcatalog-rules-joined-by-group", "advisory"],
      ["portcatalog-pods-selected-by-a-network-policy", "advisory"],
    ]);
  });
  it("a value the engine does not know never stops the judgement of the rest (the proxy throws on read)", () => {
    const joined = joinByGroup(stackArgs([SG, half("a", "0.0.0.0/1"), half("b", "128.0.0.0/1"), { type: T.in, name: "c", props: { securityGroupId: U, ipProtocol: U, cidrIpv4: "0.0.0.0/0" }, deps: { securityGroupId: [SG_URN] } }]).resources as never);
    expect(joined.groups.map((g) => [g.label, g.rules.length])).to.deep.equal([["db", 2]]);
    expect(joined.notes).to.deep.equal(["c: protocol not known during preview; those rules are judged once the values are known (pulumi up, or the next preview)"]);
  });
});

/** [type, props, the mandatory resource policy's finding, or null for none]. */
const TYPES: [string, string, Record<string, unknown>, RegExp | null][] = [
  ["aws.lightsail.InstancePublicPorts: MySQL with no CIDR is open to everyone", "aws:lightsail/instancePublicPorts:InstancePublicPorts", { instanceName: "i", portInfos: [{ protocol: "tcp", fromPort: 3306, toPort: 3306 }] }, /tcp\/3306: MySQL/],
  ["aws.lightsail.InstancePublicPorts: the lightsail-connect alias alone is not the world", "aws:lightsail/instancePublicPorts:InstancePublicPorts", { instanceName: "i", portInfos: [{ protocol: "tcp", fromPort: 3306, toPort: 3306, cidrListAliases: ["lightsail-connect"] }] }, null],
  ["aws.gamelift.Fleet: ec2InboundPermissions in capitals", "aws:gamelift/fleet:Fleet", { ec2InboundPermissions: [{ protocol: "TCP", fromPort: 3306, toPort: 3306, ipRange: "0.0.0.0/0" }] }, /tcp\/3306/],
  ["aws.ec2.DefaultSecurityGroup: inline ingress", "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup", { ingress: [{ protocol: "all", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }] }, /tcp\/\d+/],
  ["openstack.compute.SecGroup: a Nova rule with no cidr is 0.0.0.0/0", "openstack:compute/secGroup:SecGroup", { rules: [{ ipProtocol: "tcp", fromPort: 3306, toPort: 3306 }] }, /to 0\.0\.0\.0\/0: tcp\/3306/],
  ["openstack.compute.SecGroup: from a group is clean", "openstack:compute/secGroup:SecGroup", { rules: [{ ipProtocol: "tcp", fromPort: 3306, toPort: 3306, self: true }] }, null],
  ["openstack.loadbalancer.Listener: MySQL with no allowedCidrs", "openstack:loadbalancer/listener:Listener", { loadbalancerId: "lb", protocol: "TCP", protocolPort: 3306 }, /tcp\/3306/],
  ["openstack.loadbalancer.Listener: allowedCidrs inside the deployment", "openstack:loadbalancer/listener:Listener", { loadbalancerId: "lb", protocol: "TCP", protocolPort: 3306, allowedCidrs: ["10.0.0.0/8"] }, null],
  ["openstack.networking.Port: port security off opens every port", "openstack:networking/port:Port", { networkId: "n", portSecurityEnabled: false }, /tcp\/\d+/],
  ["openstack.networking.Port: port security on is the groups' to judge", "openstack:networking/port:Port", { networkId: "n", portSecurityEnabled: true }, null],
  ["openstack.networking.Network: port security off", "openstack:networking/network:Network", { portSecurityEnabled: false }, /tcp\/\d+/],
  ["aws.ec2.NetworkAcl: a second filter, never judged", "aws:ec2/networkAcl:NetworkAcl", { ingress: [{ protocol: "tcp", fromPort: 3306, toPort: 3306, cidrBlock: "0.0.0.0/0", action: "allow", ruleNo: 1 }] }, null],
];

describe("policy: every provider type that can open a port is judged (issue 17)", () => {
  for (const [title, type, props, finding] of TYPES) {
    it(title, () => {
      const found = resourceViolations(noInternalPortsToWorld, { type, name: "x", props });
      if (finding) expect(found[0]).to.match(finding);
      else expect(found).to.deep.equal([]);
    });
  }
  it("port security off is all traffic too (advisory)", () => {
    expect(resourceViolations(noAllTrafficToWorld, { type: "openstack:networking/port:Port", name: "p", props: { portSecurityEnabled: false } })).to.deep.equal([
      "p opens every protocol and port to 0.0.0.0/0 and ::/0. Open only the ports the service needs.",
    ]);
  });
});

/** Spellings of a protocol the clouds accept, and what they mean (neutron-lib convert_to_protocol; EC2 IpProtocol). */
const SPELLINGS: [unknown, string][] = [
  ["tcp", "tcp"], ["TCP", "tcp"], ["Tcp", "tcp"], [" tcp ", "tcp"], ["6", "tcp"], [6, "tcp"], ["06", "tcp"], ["+6", "tcp"], ["0_6", "tcp"], ["\uFF16", "tcp"], [6.0, "tcp"],
  ["udp", "udp"], ["UDP", "udp"], ["17", "udp"], [17, "udp"], ["017", "udp"], ["1_7", "udp"],
  ["-1", "all"], [-1, "all"], ["all", "all"], ["ALL", "all"], ["any", "all"], ["ANY", "all"], [null, "all"], [undefined, "all"], ["", "all"], ["0", "all"], [0, "all"],
  ["icmp", "other"], ["ICMP", "other"], ["1", "other"], ["58", "other"], ["icmpv6", "other"], ["ipv6-icmp", "other"], ["sctp", "other"], [true, "other"], ["6.5", "other"], ["0x6", "other"],
];

describe("policy: one protocol normaliser reads every spelling the clouds accept (issue 17)", () => {
  for (const [spelling, meaning] of SPELLINGS) {
    it(`${JSON.stringify(spelling) ?? "undefined"} is ${meaning}`, () => {
      expect(protocolClass(spelling)).to.equal(meaning);
    });
  }
  it("a Neutron rule spelt 06 for MySQL from anyone is caught, by the resource policy as by the stack", () => {
    const r: Res = { type: T.osRule, name: "r", props: { direction: "ingress", ethertype: "IPv4", protocol: "06", portRangeMin: 3306, portRangeMax: 3306 } };
    expect(resourceViolations(noInternalPortsToWorld, r)[0]).to.match(/tcp\/3306: MySQL/);
  });
});
