import { type ResourceValidationArgs, type ResourceValidationPolicy, unknownCheckingProxy } from "@pulumi/policy";
import { expect } from "chai";
import { readAzureIngress } from "../policy/azure.js";
import { noAllTrafficToWorld, noInternalPortsToWorld } from "../policy/policies.js";
import { azureRuleArgs, closingRuleArgs } from "../components/azure/rules.js";
import { planListRules } from "../planner/index.js";
import { AZURE_RULE_SHAPE } from "../components/azure/profile.js";
import { auditGroups } from "../audit/audit.js";
import { combineExports, parseExport } from "../audit/parse.js";

const RULE = "azure-native:network:SecurityRule";
const NSG = "azure-native:network:NetworkSecurityGroup";

function args(type: string, props: Record<string, unknown>, name = "rule"): ResourceValidationArgs {
  // Behind the policy runtime's proxy, which throws on reading a value not known yet.
  return { type, props: unknownCheckingProxy(props), name, urn: `urn:pulumi:dev::proj::${type}::${name}`, getConfig: <T extends object>() => ({}) as T } as unknown as ResourceValidationArgs;
}
function violations(policy: ResourceValidationPolicy, a: ResourceValidationArgs): string[] {
  const found: string[] = [];
  const validate = policy.validateResource;
  for (const v of Array.isArray(validate) ? validate : [validate]) v?.(a, (message: string) => found.push(message));
  return found;
}
const inbound = { direction: "Inbound", access: "Allow", protocol: "Tcp", sourcePortRange: "*" };

describe("policy: azure-native NSGs and security rules", () => {
  for (const world of ["*", "Internet", "Any", "0.0.0.0/0", "::/0"]) {
    it(`SecurityRule: MySQL from ${world} is world-open`, () => {
      const [v] = violations(noInternalPortsToWorld, args(RULE, { ...inbound, sourceAddressPrefix: world, destinationPortRange: "3306" }));
      expect(v).to.contain("tcp/3306").and.contain("MySQL");
    });
  }
  it("prefixes that together cover a family are the world; a port list is read range by range", () => {
    const [v] = violations(noInternalPortsToWorld, args(RULE, { ...inbound, sourceAddressPrefixes: ["0.0.0.0/1", "128.0.0.0/1"], destinationPortRanges: ["443", "4220-4225"] }));
    expect(v).to.contain("tcp/4222");
  });
  it("deny rules, outbound rules, VirtualNetwork and ASG sources are never world-open", () => {
    expect(violations(noInternalPortsToWorld, args(RULE, { ...inbound, access: "Deny", sourceAddressPrefix: "*", destinationPortRange: "3306" }))).to.deep.equal([]);
    expect(violations(noInternalPortsToWorld, args(RULE, { ...inbound, direction: "Outbound", sourceAddressPrefix: "*", destinationPortRange: "3306" }))).to.deep.equal([]);
    expect(violations(noInternalPortsToWorld, args(RULE, { ...inbound, sourceAddressPrefix: "VirtualNetwork", destinationPortRange: "3306" }))).to.deep.equal([]);
    expect(violations(noInternalPortsToWorld, args(RULE, { ...inbound, sourceApplicationSecurityGroups: [{ id: "/asg" }], destinationPortRange: "3306" }))).to.deep.equal([]);
  });
  it("protocol * over every port from Internet is all traffic; inline NSG rules (ARM's nested properties too) are judged", () => {
    expect(violations(noAllTrafficToWorld, args(RULE, { ...inbound, protocol: "*", sourceAddressPrefix: "Internet", destinationPortRange: "*" }))).to.have.length.greaterThan(0);
    const v = violations(noInternalPortsToWorld, args(NSG, { securityRules: [{ name: "a", properties: { ...inbound, sourceAddressPrefix: "*", destinationPortRange: "5672" } }] }));
    expect(v[0]).to.contain("tcp/5672");
  });
  it("hostile inputs are problems, not crashes", () => {
    expect(readAzureIngress(RULE, "x")?.problems).to.deep.equal(['properties are "x", not an object']);
    expect(readAzureIngress(RULE, { ...inbound, sourceAddressPrefix: "*", destinationPortRange: "http" })?.problems).to.deep.equal(['destinationPortRanges[0] is "http", not a port or range']);
    expect(readAzureIngress(NSG, { securityRules: "all" })?.problems).to.deep.equal(["securityRules is \"all\", not a list of rules"]);
  });
  it("what the Azure components register passes the pack (the closing rules included)", () => {
    const rules = planListRules<string>([{ key: "k", direction: "ingress", ethertype: "any", protocol: "tcp", fromPort: 3306, toPort: 3306, peer: { kind: "self" }, description: "d", entries: [], services: [] }], AZURE_RULE_SHAPE);
    const target = { resourceGroupName: "rg", networkSecurityGroupName: "nsg", membersId: "/asg/m" };
    for (const a of [...rules.map((r) => azureRuleArgs(r, target)), ...closingRuleArgs(target)]) {
      expect(violations(noInternalPortsToWorld, args(RULE, a as unknown as Record<string, unknown>))).to.deep.equal([]);
      expect(violations(noAllTrafficToWorld, args(RULE, a as unknown as Record<string, unknown>))).to.deep.equal([]);
    }
  });
});

describe("policy on Azure: a preview, where ids are not known yet", () => {
  const UNKNOWN_STRING = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
  const rule = { resourceGroupName: "rg", networkSecurityGroupName: UNKNOWN_STRING, direction: "Inbound", access: "Allow", priority: 200, protocol: "Tcp", sourceAddressPrefix: "Internet", sourcePortRange: "*", destinationPortRange: "3306" };
  it("a SecurityRule in an NSG made in the same preview is still judged", () => {
    expect(violations(noInternalPortsToWorld, args(RULE, rule, "mysql-world"))[0]).to.contain("mysql-world opens an internal-only catalog port").and.contain("tcp/3306");
  });
  it("a rule whose source or ports are not known yet is not judged, and is no problem either", () => {
    expect(violations(noInternalPortsToWorld, args(RULE, { ...rule, sourceAddressPrefix: UNKNOWN_STRING }))).to.deep.equal([]);
    expect(violations(noInternalPortsToWorld, args(RULE, { ...rule, destinationPortRange: undefined, destinationPortRanges: [UNKNOWN_STRING] }))).to.deep.equal([]);
    expect(violations(noInternalPortsToWorld, args(NSG, { resourceGroupName: "rg", securityRules: UNKNOWN_STRING }))).to.deep.equal([]);
  });
});

describe("policy on Azure: protocol * is every protocol on the rule's own ports", () => {
  const star = { direction: "Inbound", access: "Allow", protocol: "*", sourcePortRange: "*", sourceAddressPrefix: "Internet" };
  it("* on 443 from the Internet opens no internal port (Anbox's quickstart shape), and says every protocol on port 443", () => {
    expect(violations(noInternalPortsToWorld, args(RULE, { ...star, destinationPortRange: "443" }))).to.deep.equal([]);
    expect(violations(noAllTrafficToWorld, args(RULE, { ...star, destinationPortRange: "443" }, "web"))).to.deep.equal(["web opens every protocol on port 443 to 0.0.0.0/0 and ::/0. Open only the ports the service needs."]);
  });
  it("* on 3306 is MySQL to the world; * on every port is every protocol and port", () => {
    expect(violations(noInternalPortsToWorld, args(RULE, { ...star, destinationPortRange: "3306" }))[0]).to.contain("tcp/3306");
    expect(violations(noAllTrafficToWorld, args(RULE, { ...star, destinationPortRange: "*" }, "all"))).to.deep.equal(["all opens every protocol and port to 0.0.0.0/0 and ::/0. Open only the ports the service needs."]);
  });
});

describe("policy and audit agree on what an Azure protocol opens (one reading of `*`, issue 24)", () => {
  const SUB = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/networkSecurityGroups/nsg";
  // [protocol, ports]: every protocol on some ports, on every port, one protocol, a portless one with a port.
  const CASES: [string, string][] = [["*", "443"], ["*", "3306"], ["*", "*"], ["*", "80-90"], ["Tcp", "3306"], ["Udp", "*"], ["Icmp", "8"], ["Esp", "*"], ["Tcp", "*"]];
  for (const [protocol, ports] of CASES) {
    it(`${protocol} on ${ports} from *: the pack's violations and the audit's findings name the same exposure`, () => {
      const props = { ...inbound, protocol, sourceAddressPrefix: "*", destinationAddressPrefix: "*", destinationPortRange: ports, priority: 100 };
      const pack = {
        internal: violations(noInternalPortsToWorld, args(RULE, props)).length > 0,
        allTraffic: violations(noAllTrafficToWorld, args(RULE, props)).map((v) => /opens (every [a-z]+(?: and port| on ports? [\d-]+| port)?)/.exec(v)?.[1]),
      };
      const exported = [{ ...props, name: "r", id: `${SUB}/securityRules/r` }];
      const report = auditGroups(combineExports([parseExport("nsg.json", JSON.stringify(exported))]), {});
      const found = report.groups[0].rules.flatMap((a) => a.findings);
      const audit = {
        internal: found.some((f) => f.kind === "internal-to-world"),
        allTraffic: [...new Set(found.filter((f) => f.kind === "all-traffic-to-world").map((f) => /^(every [a-z]+(?: and port| on ports? [\d-]+| port)?)/.exec(f.text)?.[1]))],
      };
      expect(audit).to.deep.equal(pack);
    });
  }
});
