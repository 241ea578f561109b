import { type ResourceValidationArgs, type ResourceValidationPolicy, unknownCheckingProxy } from "@pulumi/policy";
import { expect } from "chai";
import { KNOWN_PRODUCTS, exposureConfigSchema, noAdminPortsToWorld, noAllTrafficToWorld, noInternalPortsToWorld, POLICIES } from "../policy/policies.js";
import { noInternalPortsToWorldAcrossRules, rulesJoinedByGroup } from "../policy/policies.js";
import { joinByGroup } from "../policy/stack.js";
import { runStackOffline, stackNames } from "../stacks/offline.js";
import { stackArgs, stackViolations } from "./support/policy-stack.js";

const AWS_IN = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const AWS_RULE = "aws:ec2/securityGroupRule:SecurityGroupRule";
const AWS_SG = "aws:ec2/securityGroup:SecurityGroup";
const OS_RULE = "openstack:networking/secGroupRule:SecGroupRule";
const AWS_DEFAULT = "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup";

/**
 * Mock validation arguments, as the policy runtime would pass them (props behind its unknown-checking
 * proxy, which throws on reading a value not known yet); the pack itself is never constructed.
 */
function args(type: string, props: Record<string, unknown>, name = "rule", config: Record<string, unknown> = {}): ResourceValidationArgs {
  return {
    type,
    props: unknownCheckingProxy(props),
    name,
    urn: `urn:pulumi:dev::proj::${type}::${name}`,
    opts: {} as ResourceValidationArgs["opts"],
    stackTags: new Map(),
    isType: () => false,
    asType: () => undefined,
    getConfig: <T extends object>() => config as T,
    notApplicable: () => {
      throw new Error("not applicable");
    },
  } as unknown as ResourceValidationArgs;
}

function violations(policy: ResourceValidationPolicy, a: ResourceValidationArgs): string[] {
  const found: string[] = [];
  const validate = policy.validateResource;
  for (const v of Array.isArray(validate) ? validate : [validate]) v?.(a, (message: string) => found.push(message));
  return found;
}

describe("policy: no internal-only catalog port open to the world (mandatory)", () => {
  const p = noInternalPortsToWorld;

  it("aws.vpc.SecurityGroupIngressRule: MySQL from 0.0.0.0/0 names the port, the products and the peer", () => {
    const [v, ...rest] = violations(p, args(AWS_IN, { ipProtocol: "tcp", fromPort: 3306, toPort: 3306, cidrIpv4: "0.0.0.0/0" }, "db"));
    expect(rest).to.deep.equal([]);
    expect(v).to.contain("db opens an internal-only catalog port to 0.0.0.0/0").and.contain("tcp/3306").and.contain("MySQL database service (openstack/cloud)");
  });
  it("a range that merely contains internal ports is caught; peers inside the deployment are clean", () => {
    expect(violations(p, args(AWS_IN, { ipProtocol: "tcp", fromPort: 2000, toPort: 2400, cidrIpv6: "::/0" }))[0]).to.contain("tcp/2379: etcd (anbox-cloud/charmed)").and.contain("::/0");
    expect(violations(p, args(AWS_IN, { ipProtocol: "tcp", fromPort: 3306, toPort: 3306, cidrIpv4: "10.0.0.0/8" }))).to.deep.equal([]);
    expect(violations(p, args(AWS_IN, { ipProtocol: "tcp", fromPort: 3306, toPort: 3306, referencedSecurityGroupId: "sg-1" }))).to.deep.equal([]);
  });
  it("public catalog ports are clean, even where another product uses the port internally (443)", () => {
    expect(violations(p, args(AWS_IN, { ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "0.0.0.0/0" }))).to.deep.equal([]);
  });
  it("aws.ec2.SecurityGroupRule: AMQP ingress is caught, egress is not", () => {
    expect(violations(p, args(AWS_RULE, { type: "ingress", protocol: "tcp", fromPort: 5672, toPort: 5672, cidrBlocks: ["0.0.0.0/0"] }))[0]).to.contain("tcp/5672");
    expect(violations(p, args(AWS_RULE, { type: "egress", protocol: "tcp", fromPort: 5672, toPort: 5672, cidrBlocks: ["0.0.0.0/0"] }))).to.deep.equal([]);
  });
  it("aws.ec2.SecurityGroup: inline ingress is checked rule by rule", () => {
    const v = violations(p, args(AWS_SG, { ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] }, { protocol: "6", fromPort: 11111, toPort: 11111, ipv6CidrBlocks: ["::/0"] }] }, "web"));
    expect(v).to.have.length(1);
    expect(v[0]).to.contain("tcp/11111: ").and.contain("JMX monitoring (wso2/common)");
  });
  it("openstack.networking.SecGroupRule: NATS from 0.0.0.0/0, or from anyone (no prefix, no group)", () => {
    expect(violations(p, args(OS_RULE, { direction: "ingress", ethertype: "IPv4", protocol: "tcp", portRangeMin: 4222, portRangeMax: 4222, remoteIpPrefix: "0.0.0.0/0" }))[0]).to.contain("tcp/4222: NATS (anbox-cloud/charmed)");
    expect(violations(p, args(OS_RULE, { direction: "ingress", ethertype: "IPv6", protocol: "udp", portRangeMin: 45564, portRangeMax: 45564 }))[0]).to.contain("udp/45564: Clustering (wso2/common)").and.contain("::/0");
    expect(violations(p, args(OS_RULE, { direction: "ingress", ethertype: "IPv4", protocol: "tcp", portRangeMin: 4222, portRangeMax: 4222, remoteGroupId: "sg-x" }))).to.deep.equal([]);
  });
  it("all protocols to the world lists the first ports and how many more", () => {
    const [v] = violations(p, args(AWS_IN, { ipProtocol: "-1", cidrIpv4: "0.0.0.0/0" }));
    expect(v).to.match(/; and \d+ more\./);
  });
  it("the allow-list exempts a port, everywhere or on one resource", () => {
    const rule = { ipProtocol: "tcp", fromPort: 3306, toPort: 3306, cidrIpv4: "0.0.0.0/0" };
    expect(violations(p, args(AWS_IN, rule, "db", { allow: [{ port: 3306 }] }))).to.deep.equal([]);
    expect(violations(p, args(AWS_IN, rule, "db", { allow: [{ port: 3306, resource: "db" }] }))).to.deep.equal([]);
    expect(violations(p, args(AWS_IN, rule, "db", { allow: [{ port: 3306, resource: "other" }] }))).to.have.length(1);
    expect(violations(p, args(AWS_IN, rule, "db", { allow: [{ port: 3306, protocol: "udp" }] }))).to.have.length(1);
  });
  it("recognises WSO2 ports moved by the port offsets the config names", () => {
    const jmxAt10 = { ipProtocol: "tcp", fromPort: 11121, toPort: 11121, cidrIpv4: "0.0.0.0/0" };
    // Scoped to WSO2: every release of every product includes OpenStack 2025's serial console range 10000-20000.
    const wso2 = { products: ["wso2/api-manager"] };
    expect(violations(p, args(AWS_IN, jmxAt10, "jmx", wso2))).to.deep.equal([]);
    expect(violations(p, args(AWS_IN, jmxAt10, "jmx", { ...wso2, wso2PortOffsets: [10] }))[0]).to.contain("tcp/11121: JMX monitoring (wso2/common)");
    // Clustering ports are fixed: an offset does not move them.
    expect(violations(p, args(AWS_IN, { ipProtocol: "tcp", fromPort: 4010, toPort: 4010, cidrIpv4: "0.0.0.0/0" }, "c", { wso2PortOffsets: [10] }))).to.deep.equal([]);
  });
  it("places Micro Integrator's moved ports as a plan does: an offset replaces its shipped 10", () => {
    const at = (port: number) => ({ ipProtocol: "tcp", fromPort: port, toPort: port, cidrIpv4: "0.0.0.0/0" });
    const mi = { products: ["wso2/micro-integrator"] };
    // 9201 is the internal HTTP API at the shipped offset 10; at offset 3 it is 9194, at 0 its base 9191.
    expect(violations(p, args(AWS_IN, at(9201), "mi", mi))[0]).to.contain("tcp/9201: Internal HTTP API");
    expect(violations(p, args(AWS_IN, at(9194), "mi", { ...mi, wso2PortOffsets: [3] }))[0]).to.contain("tcp/9194: Internal HTTP API");
    expect(violations(p, args(AWS_IN, at(9204), "mi", { ...mi, wso2PortOffsets: [3] }))).to.deep.equal([]);
    expect(violations(p, args(AWS_IN, at(9191), "mi", { ...mi, wso2PortOffsets: [0] }))[0]).to.contain("tcp/9191: Internal HTTP API");
  });
  it("judges by the products the config names: WSO2's Thrift 10397 is hidden by Anbox's public 10000-11000 until then", () => {
    const thrift = { ipProtocol: "tcp", fromPort: 10397, toPort: 10397, cidrIpv4: "0.0.0.0/0" };
    expect(violations(p, args(AWS_IN, thrift))).to.deep.equal([]);
    expect(violations(p, args(AWS_IN, thrift, "apim", { products: ["wso2/api-manager"] }))[0]).to.contain("tcp/10397: Key validation (Thrift) (wso2/api-manager)");
  });
  it("a config typo is one clear violation naming the bad value and the valid ones, never a throw in every resource", () => {
    const thrift = { ipProtocol: "tcp", fromPort: 10397, toPort: 10397, cidrIpv4: "0.0.0.0/0" };
    const config = { products: ["wso2/api-manager", "wso2/apim"] };
    const first = violations(p, args(AWS_IN, thrift, "apim", config));
    expect(first).to.have.length(1);
    expect(first[0]).to.match(/^policy config of portcatalog-no-internal-ports-to-world: products\[1\] "wso2\/apim" is not a product of the catalog: use "anbox-cloud\/appliance", .*"wso2\/api-manager"/);
    // Validated once: the next resource with the same config gets no second report and is not judged.
    expect(violations(p, args(AWS_IN, thrift, "apim-2", config))).to.deep.equal([]);
  });
  it("the config schema lists the known products, so the engine rejects a typo before any resource is judged", () => {
    const products = exposureConfigSchema.properties.products as { items: { enum: string[] } };
    expect(products.items.enum).to.deep.equal([...KNOWN_PRODUCTS]);
    expect(products.items.enum).to.include("wso2/api-manager").and.not.include("wso2/apim");
    const allow = exposureConfigSchema.properties.allow as { items: { additionalProperties: boolean } };
    expect(allow.items.additionalProperties).to.equal(false);
  });
  it("ignores resource types it does not know", () => {
    expect(violations(p, args("aws:s3/bucket:Bucket", { cidrIpv4: "0.0.0.0/0", fromPort: 3306 }))).to.deep.equal([]);
  });
});

describe("policy: advisories", () => {
  it("admin-only ports open to the world (keystone's admin endpoint)", () => {
    expect(noAdminPortsToWorld.enforcementLevel).to.equal("advisory");
    const [v] = violations(noAdminPortsToWorld, args(OS_RULE, { direction: "ingress", ethertype: "IPv4", protocol: "tcp", portRangeMin: 35357, portRangeMax: 35357, remoteIpPrefix: "0.0.0.0/0" }));
    expect(v).to.contain("admin-only catalog port").and.contain("tcp/35357: Identity service (keystone) administrative endpoint (openstack/cloud)");
    expect(violations(noAdminPortsToWorld, args(AWS_IN, { ipProtocol: "tcp", fromPort: 3306, toPort: 3306, cidrIpv4: "0.0.0.0/0" }))).to.deep.equal([]);
  });
  it("all-protocol or all-port rules open to the world", () => {
    expect(noAllTrafficToWorld.enforcementLevel).to.equal("advisory");
    expect(violations(noAllTrafficToWorld, args(AWS_IN, { ipProtocol: "-1", cidrIpv4: "0.0.0.0/0" }, "wide"))).to.deep.equal(["wide opens every protocol and port to 0.0.0.0/0. Open only the ports the service needs."]);
    expect(violations(noAllTrafficToWorld, args(AWS_RULE, { type: "ingress", protocol: "tcp", fromPort: 0, toPort: 65535, cidrBlocks: ["0.0.0.0/0"] }, "tcp-all"))[0]).to.contain("every tcp port");
    expect(violations(noAllTrafficToWorld, args(AWS_IN, { ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "0.0.0.0/0" }))).to.deep.equal([]);
    expect(violations(noAllTrafficToWorld, args(AWS_IN, { ipProtocol: "-1", cidrIpv4: "0.0.0.0/0" }, "wide", { allowResources: ["wide"] }))).to.deep.equal([]);
  });
});

// What the real engine showed (live policy test): in a preview, a rule's group id is not known yet when
// the group is created in the same update, and the policy runtime throws on reading it. A policy that
// read it was "can't run during preview" (advisory), so MySQL to the world passed preview.
describe("policy: a preview, where the rule's group id is not known yet", () => {
  const UNKNOWN_STRING = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
  const cases: [string, string, Record<string, unknown>][] = [
    ["openstack SecGroupRule", OS_RULE, { securityGroupId: UNKNOWN_STRING, direction: "ingress", ethertype: "IPv4", protocol: "tcp", portRangeMin: 3306, portRangeMax: 3306, remoteIpPrefix: "0.0.0.0/0" }],
    ["aws SecurityGroupIngressRule", AWS_IN, { securityGroupId: UNKNOWN_STRING, ipProtocol: "tcp", fromPort: 3306, toPort: 3306, cidrIpv4: "0.0.0.0/0" }],
    ["aws SecurityGroupRule", AWS_RULE, { securityGroupId: UNKNOWN_STRING, type: "ingress", protocol: "tcp", fromPort: 3306, toPort: 3306, cidrBlocks: ["0.0.0.0/0"] }],
  ];
  for (const [what, type, props] of cases) {
    it(`${what}: MySQL to the world is still a mandatory violation`, () => {
      expect(violations(noInternalPortsToWorld, args(type, props, "mysql-world"))[0]).to.contain("mysql-world opens an internal-only catalog port to 0.0.0.0/0").and.contain("tcp/3306");
    });
  }
  it("a rule whose peer is not known yet is not judged, and is no problem either", () => {
    expect(violations(noInternalPortsToWorld, args(OS_RULE, { securityGroupId: UNKNOWN_STRING, direction: "ingress", ethertype: "IPv4", protocol: "tcp", portRangeMin: 3306, portRangeMax: 3306, remoteIpPrefix: UNKNOWN_STRING }))).to.deep.equal([]);
    expect(violations(noAllTrafficToWorld, args(AWS_IN, { securityGroupId: UNKNOWN_STRING, ipProtocol: "-1", cidrIpv4: UNKNOWN_STRING }))).to.deep.equal([]);
  });
});

describe("policy: portcatalog's own example stacks pass the mandatory policy", () => {
  for (const stack of stackNames()) {
    it(stack, async () => {
      const { recorder } = await runStackOffline(stack);
      for (const r of recorder.resources) {
        expect(violations(noInternalPortsToWorld, args(r.type, r.inputs, r.name)), r.name).to.deep.equal([]);
      }
      // And each group's rules taken together (issue 17).
      // As the engine hands them to a stack policy: checked inputs, property dependencies by URN.
      const resources = recorder.resources.map((r) => ({ type: r.type, name: r.name, urn: r.urn, props: r.inputs as Record<string, unknown>, deps: r.propertyDependencies }));
      expect(stackViolations(noInternalPortsToWorldAcrossRules, stackArgs(resources))).to.deep.equal([]);
      // Every rule joins its group, Azure's too (by the NSG's resource group and name): no note at all.
      expect(stackViolations(rulesJoinedByGroup, stackArgs(resources))).to.deep.equal([]);
      const { groups } = joinByGroup(stackArgs(resources).resources as never);
      const groupTypes = new Set(["aws:ec2/securityGroup:SecurityGroup", "openstack:networking/secGroup:SecGroup", "azure-native:network:NetworkSecurityGroup"]);
      const declared = recorder.resources.filter((r) => groupTypes.has(r.type));
      // A Kubernetes stack has no groups: its NetworkPolicies are judged one by one above.
      if (!declared.length) expect(recorder.resources.filter((r) => r.type === "kubernetes:networking.k8s.io/v1:NetworkPolicy").length, "a stack without groups has NetworkPolicies").to.be.greaterThan(0);
      else expect(groups.filter((g) => g.urn && declared.some((d) => d.urn === g.urn)).length, "groups joined").to.be.greaterThan(0);
    });
  }
  // The mocks model the engine here: azure-native auto-names the NSG in Check, so its name is known
  // in preview too, and each rule's networkSecurityGroupName records its dependency on the NSG.
  it("under the mocks, as in `pulumi preview`, each Azure rule names its NSG and depends on it", async () => {
    const { recorder } = await runStackOffline("wso2-azure", { preview: true });
    const [nsg] = recorder.ofType("azure-native:network:NetworkSecurityGroup");
    expect(nsg.inputs.networkSecurityGroupName).to.match(/^wso2-azure[0-9a-f]{8}$/);
    const rules = recorder.ofType("azure-native:network:SecurityRule");
    expect(rules.length).to.be.greaterThan(0);
    for (const r of rules) {
      expect(r.inputs.networkSecurityGroupName, r.name).to.equal(nsg.inputs.networkSecurityGroupName);
      expect(r.propertyDependencies?.networkSecurityGroupName, r.name).to.deep.equal([nsg.urn]);
    }
    const resources = recorder.resources.map((r) => ({ type: r.type, name: r.name, urn: r.urn, props: r.inputs as Record<string, unknown>, deps: r.propertyDependencies }));
    expect(stackViolations(rulesJoinedByGroup, stackArgs(resources))).to.deep.equal([]);
    // Every rule that opens anything is joined with the NSG (a Deny opens nothing, so holds no rule to join).
    expect(joinByGroup(stackArgs(resources).resources as never).groups.map((g) => g.urn)).to.deep.equal([nsg.urn]);
  });
  it("the pack is exactly the three policies, the internal one mandatory", () => {
    expect(POLICIES.map((p) => [p.name, p.enforcementLevel])).to.deep.equal([
      ["portcatalog-no-internal-ports-to-world", "mandatory"],
      ["portcatalog-no-admin-ports-to-world", "advisory"],
      ["portcatalog-no-all-traffic-to-world", "advisory"],
    ]);
  });
});

/** What the three policies said, in short: `internal <peers> <port labels>`, `all <what> <peers>`, `cannot read …`, `config …`. */
function verdict(type: string, props: unknown, config: Record<string, unknown> = {}, allConfig: Record<string, unknown> = {}): string[] {
  const out: string[] = [];
  for (const [policy, c] of [
    [noInternalPortsToWorld, config],
    [noAdminPortsToWorld, config],
    [noAllTrafficToWorld, allConfig],
  ] as const) {
    for (const v of violations(policy, args(type, props as Record<string, unknown>, "r", c))) {
      const exposure = /^r opens an (internal|admin)-only catalog port to (.+?): (.+)\. Open it/.exec(v);
      const all = /^r opens (every .+?) to (.+)\. Open only/.exec(v);
      const unread = /^r: cannot read (.+); that part was not judged\.$/.exec(v);
      if (exposure) {
        const more = /; and (\d+) more$/.exec(exposure[3]);
        const labels = exposure[3].split("; ").flatMap((h) => /^((?:tcp|udp)\/[\d-]+):/.exec(h)?.[1] ?? []);
        out.push(`${exposure[1]} ${exposure[2]} ${labels.join(",")}${more ? ` +${more[1]}` : ""}`);
      } else if (all) out.push(`all ${all[1]} ${all[2]}`);
      else if (unread) out.push(`cannot read ${unread[1]}`);
      else if (v.startsWith("policy config of ")) out.push(`config ${v.replace(/^policy config of [a-z-]+: /, "").replace(/\. Fix the policy pack's config.*$/, "")}`);
      else out.push(`unexpected: ${v}`);
    }
  }
  return out;
}

// Anbox appliance only: few internal ports (NATS 4004, dashboard 5000, AMS 8444, stream 9031/9033), so all-traffic verdicts stay short.
const APPLIANCE = { products: ["anbox-cloud/appliance"] };
const APPLIANCE_ALL = ["internal 0.0.0.0/0 tcp/4004,tcp/5000,tcp/8444,tcp/9031,tcp/9033", "all every protocol and port 0.0.0.0/0"];

type Case = [string, string, unknown, string[], Record<string, unknown>?, Record<string, unknown>?];
const CASES: Case[] = [
  // The whole internet in pieces.
  ["two halves of IPv4 in one rule", AWS_RULE, { type: "ingress", protocol: "tcp", fromPort: 3306, toPort: 3306, cidrBlocks: ["0.0.0.0/1", "128.0.0.0/1"] }, ["internal 0.0.0.0/1 and 128.0.0.0/1 tcp/3306"]],
  ["one half of IPv4 is not the world", AWS_IN, { ipProtocol: "tcp", fromPort: 3306, toPort: 3306, cidrIpv4: "0.0.0.0/1" }, []],
  ["two halves of IPv4 in two inline rules", AWS_SG, { ingress: [{ protocol: "tcp", fromPort: 3306, toPort: 3306, cidrBlocks: ["0.0.0.0/1"] }, { protocol: "tcp", fromPort: 3300, toPort: 3310, cidrBlocks: ["128.0.0.0/1"] }] }, ["internal 0.0.0.0/1 and 128.0.0.0/1 tcp/3306"]],
  ["two halves of IPv6", AWS_SG, { ingress: [{ protocol: "tcp", fromPort: 5672, toPort: 5672, ipv6CidrBlocks: ["::/1", "8000::/1"] }] }, ["internal ::/1 and 8000::/1 tcp/5672"]],
  ["three pieces of IPv4", AWS_RULE, { type: "ingress", protocol: "tcp", fromPort: 3306, toPort: 3306, cidrBlocks: ["64.0.0.0/2", "0.0.0.0/2", "128.0.0.0/1"] }, ["internal 64.0.0.0/2 and 0.0.0.0/2 and 128.0.0.0/1 tcp/3306"]],
  ["pieces with a gap are not the world", AWS_RULE, { type: "ingress", protocol: "tcp", fromPort: 3306, toPort: 3306, cidrBlocks: ["0.0.0.0/2", "128.0.0.0/1"] }, []],
  ["halves of different families are not the world", AWS_RULE, { type: "ingress", protocol: "tcp", fromPort: 3306, toPort: 3306, cidrBlocks: ["0.0.0.0/1"], ipv6CidrBlocks: ["8000::/1"] }, []],
  // Protocols.
  ["protocol \"6\" is tcp", AWS_IN, { ipProtocol: "6", fromPort: 3306, toPort: 3306, cidrIpv4: "0.0.0.0/0" }, ["internal 0.0.0.0/0 tcp/3306"]],
  ["protocol \"17\" is udp", AWS_IN, { ipProtocol: "17", fromPort: 45564, toPort: 45564, cidrIpv4: "0.0.0.0/0" }, ["internal 0.0.0.0/0 udp/45564"]],
  ["protocol TCP in capitals", OS_RULE, { direction: "ingress", ethertype: "IPv4", protocol: "TCP", portRangeMin: 4222, portRangeMax: 4222, remoteIpPrefix: "0.0.0.0/0" }, ["internal 0.0.0.0/0 tcp/4222"]],
  ["icmp never matches a catalog port", AWS_IN, { ipProtocol: "icmp", fromPort: 3306, toPort: 3306, cidrIpv4: "0.0.0.0/0" }, []],
  ["AWS -1 is every protocol", AWS_IN, { ipProtocol: "-1", cidrIpv4: "0.0.0.0/0" }, APPLIANCE_ALL, APPLIANCE],
  ["AWS all is every protocol", AWS_IN, { ipProtocol: "all", fromPort: 0, toPort: 0, cidrIpv4: "0.0.0.0/0" }, APPLIANCE_ALL, APPLIANCE],
  ["Neutron protocol 0 is every protocol", OS_RULE, { direction: "ingress", ethertype: "IPv4", protocol: 0, remoteIpPrefix: "0.0.0.0/0" }, APPLIANCE_ALL, APPLIANCE],
  ["Neutron protocol \"0\" is every protocol", OS_RULE, { direction: "ingress", ethertype: "IPv4", protocol: "0", remoteIpPrefix: "0.0.0.0/0" }, APPLIANCE_ALL, APPLIANCE],
  ["Neutron protocol null is every protocol, ports or not", OS_RULE, { direction: "ingress", ethertype: "IPv4", protocol: null, portRangeMin: 22, portRangeMax: 22, remoteIpPrefix: "0.0.0.0/0" }, APPLIANCE_ALL, APPLIANCE],
  ["Neutron protocol any, no prefix: anyone", OS_RULE, { direction: "ingress", ethertype: "IPv4", protocol: "any" }, APPLIANCE_ALL, APPLIANCE],
  // Ports.
  ["ports as numeric strings", AWS_IN, { ipProtocol: "tcp", fromPort: "3306", toPort: "3306", cidrIpv4: "0.0.0.0/0" }, ["internal 0.0.0.0/0 tcp/3306"]],
  ["toPort 1e9 is clamped to 65535 (instant)", AWS_IN, { ipProtocol: "tcp", fromPort: 9000, toPort: 1e9, cidrIpv4: "0.0.0.0/0" }, ["internal 0.0.0.0/0 tcp/9031,tcp/9033"], APPLIANCE],
  ["reversed range is read in order", AWS_IN, { ipProtocol: "tcp", fromPort: 3307, toPort: 3305, cidrIpv4: "0.0.0.0/0" }, ["internal 0.0.0.0/0 tcp/3306"]],
  ["tcp with no ports is every tcp port", AWS_RULE, { type: "ingress", protocol: "tcp", cidrBlocks: ["0.0.0.0/0"] }, ["internal 0.0.0.0/0 tcp/4004,tcp/5000,tcp/8444,tcp/9031,tcp/9033", "all every tcp port 0.0.0.0/0"], APPLIANCE],
  ["a port that is not a number is reported, not judged", AWS_IN, { ipProtocol: "tcp", fromPort: "abc", toPort: 3306, cidrIpv4: "0.0.0.0/0" }, ['cannot read fromPort is string "abc", not a port number']],
  ["Neutron port as an object is reported", OS_RULE, { direction: "ingress", protocol: "tcp", portRangeMin: { a: 1 }, portRangeMax: 3306, remoteIpPrefix: "0.0.0.0/0" }, ["cannot read portRangeMin is an object, not a port number"]],
  ["NaN port is reported", AWS_IN, { ipProtocol: "tcp", fromPort: Number.NaN, toPort: 3306, cidrIpv4: "0.0.0.0/0" }, ["cannot read fromPort is number NaN, not a port number"]],
  // Peers.
  ["a CIDR that is not a CIDR is no peer", AWS_IN, { ipProtocol: "tcp", fromPort: 3306, toPort: 3306, cidrIpv4: "everyone" }, []],
  ["a CIDR that is a number is reported", AWS_IN, { ipProtocol: "tcp", fromPort: 3306, toPort: 3306, cidrIpv4: 42 }, ["cannot read cidrIpv4[0] is number 42, not a CIDR string"]],
  ["cidrBlocks as one string", AWS_RULE, { type: "ingress", protocol: "tcp", fromPort: 5672, toPort: 5672, cidrBlocks: "0.0.0.0/0" }, ["internal 0.0.0.0/0 tcp/5672"]],
  ["a null in cidrBlocks is reported, the rest judged", AWS_RULE, { type: "ingress", protocol: "tcp", fromPort: 5672, toPort: 5672, cidrBlocks: [null, "0.0.0.0/0"] }, ["cannot read cidrBlocks[0] is null, not a CIDR string", "internal 0.0.0.0/0 tcp/5672"]],
  ["an address group is no world peer", OS_RULE, { direction: "ingress", ethertype: "IPv4", protocol: "tcp", portRangeMin: 4222, portRangeMax: 4222, remoteAddressGroupId: "ag-1" }, []],
  ["IPv6 anyone on Neutron", OS_RULE, { direction: "ingress", ethertype: "IPv6", protocol: "tcp", portRangeMin: 4222, portRangeMax: 4222 }, ["internal ::/0 tcp/4222"]],
  // Shapes.
  ["properties null", AWS_IN, null, ["cannot read properties are null, not an object"]],
  ["properties a string", AWS_SG, "ingress", ['cannot read properties are string "ingress", not an object']],
  ["ingress not a list", AWS_SG, { ingress: "0.0.0.0/0" }, ['cannot read ingress is string "0.0.0.0/0", not a list of rules']],
  ["ingress an object", AWS_SG, { ingress: { protocol: "tcp" } }, ["cannot read ingress is an object, not a list of rules"]],
  ["a null inline rule is reported, the rest judged", AWS_SG, { ingress: [null, { protocol: "tcp", fromPort: 3306, toPort: 3306, cidrBlocks: ["0.0.0.0/0"] }] }, ["cannot read ingress[0] is null, not a rule", "internal 0.0.0.0/0 tcp/3306"]],
  ["egress rules are not judged", AWS_RULE, { type: "egress", protocol: "tcp", fromPort: 3306, toPort: 3306, cidrBlocks: ["0.0.0.0/0"] }, []],
  ["Neutron egress is not judged", OS_RULE, { direction: "egress", protocol: "tcp", portRangeMin: 3306, portRangeMax: 3306 }, []],
  ["DefaultSecurityGroup inline ingress is judged", AWS_DEFAULT, { ingress: [{ protocol: "tcp", fromPort: 3306, toPort: 3306, cidrBlocks: ["0.0.0.0/0"] }] }, ["internal 0.0.0.0/0 tcp/3306"]],
  ["DefaultSecurityGroup's usual self rule is clean", AWS_DEFAULT, { ingress: [{ protocol: "-1", fromPort: 0, toPort: 0, self: true }] }, []],
  ["admin port: keystone admin endpoint", AWS_IN, { ipProtocol: "tcp", fromPort: 35357, toPort: 35357, cidrIpv6: "::/0" }, ["admin ::/0 tcp/35357"]],
  // Config.
  ["config: unknown product", AWS_IN, { ipProtocol: "tcp", fromPort: 1, toPort: 1, cidrIpv4: "0.0.0.0/0" }, [`config products[0] "openstack/liberty" is not a product of the catalog: use ${KNOWN_PRODUCTS.map((p) => `"${p}"`).join(", ").replace(/, ([^,]+)$/, " or $1")}`, `config products[0] "openstack/liberty" is not a product of the catalog: use ${KNOWN_PRODUCTS.map((p) => `"${p}"`).join(", ").replace(/, ([^,]+)$/, " or $1")}`], { products: ["openstack/liberty"] }],
  ["config: products as a string", AWS_IN, { ipProtocol: "tcp", fromPort: 1, toPort: 1, cidrIpv4: "0.0.0.0/0" }, ['config products is "wso2/api-manager", not a list', 'config products is "wso2/api-manager", not a list'], { products: "wso2/api-manager" }],
  ["config: allow port as a string", AWS_IN, { ipProtocol: "tcp", fromPort: 1, toPort: 1, cidrIpv4: "0.0.0.0/0" }, ['config allow[0].port "3306" is not a port: use a whole number from 1 to 65535', 'config allow[0].port "3306" is not a port: use a whole number from 1 to 65535'], { allow: [{ port: "3306" }] }],
  ["config: allow with an unknown key", AWS_IN, { ipProtocol: "tcp", fromPort: 1, toPort: 1, cidrIpv4: "0.0.0.0/0" }, ['config allow[0] has unknown key "ports": use "port", "protocol" or "resource"', 'config allow[0] has unknown key "ports": use "port", "protocol" or "resource"'], { allow: [{ ports: 3306 }] }],
  ["config: a misspelt key", AWS_IN, { ipProtocol: "tcp", fromPort: 1, toPort: 1, cidrIpv4: "0.0.0.0/0" }, ['config unknown key "product": use "wso2PortOffsets", "products" or "allow"', 'config unknown key "product": use "wso2PortOffsets", "products" or "allow"'], { product: ["wso2/api-manager"] }],
  ["config: a negative offset", AWS_IN, { ipProtocol: "tcp", fromPort: 1, toPort: 1, cidrIpv4: "0.0.0.0/0" }, ["config wso2PortOffsets[0] -1 is not a port offset: use a whole number from 0 to 65534", "config wso2PortOffsets[0] -1 is not a port offset: use a whole number from 0 to 65534"], { wso2PortOffsets: [-1] }],
  ["config: an empty allowResources entry", AWS_IN, { ipProtocol: "-1", cidrIpv4: "10.0.0.0/8" }, ['config allowResources[0] "" is not a resource name or URN'], {}, { allowResources: [""] }],
];

describe("policy: bad and tricky input, table-driven (no crash, exact verdict)", () => {
  it(`has at least 30 cases (${CASES.length})`, () => expect(CASES.length).to.be.at.least(30));
  for (const [title, type, props, expected, config, allConfig] of CASES) {
    it(title, () => expect(verdict(type, props, config, allConfig)).to.deep.equal(expected));
  }
});
