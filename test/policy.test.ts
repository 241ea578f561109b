import type { ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { expect } from "chai";
import { noAdminPortsToWorld, noAllTrafficToWorld, noInternalPortsToWorld, POLICIES } from "../policy/policies.js";
import { runStackOffline, stackNames } from "../stacks/offline.js";

const AWS_IN = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const AWS_RULE = "aws:ec2/securityGroupRule:SecurityGroupRule";
const AWS_SG = "aws:ec2/securityGroup:SecurityGroup";
const OS_RULE = "openstack:networking/secGroupRule:SecGroupRule";

/** Mock validation arguments, as the policy runtime would pass them; the pack itself is never constructed. */
function args(type: string, props: Record<string, unknown>, name = "rule", config: Record<string, unknown> = {}): ResourceValidationArgs {
  return {
    type,
    props,
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
  it("is mandatory", () => expect(p.enforcementLevel).to.equal("mandatory"));

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
    expect(v[0]).to.contain("tcp/11111: JMX monitoring (wso2/common)");
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
  it("judges by the products the config names: WSO2's Thrift 10397 is hidden by Anbox's public 10000-11000 until then", () => {
    const thrift = { ipProtocol: "tcp", fromPort: 10397, toPort: 10397, cidrIpv4: "0.0.0.0/0" };
    expect(violations(p, args(AWS_IN, thrift))).to.deep.equal([]);
    expect(violations(p, args(AWS_IN, thrift, "apim", { products: ["wso2/api-manager"] }))[0]).to.contain("tcp/10397: Key validation (Thrift) (wso2/api-manager)");
    expect(() => violations(p, args(AWS_IN, thrift, "apim", { products: ["wso2/apim"] }))).to.throw(/unknown product "wso2\/apim"/);
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

describe("policy: portcatalog's own example stacks pass the mandatory policy", () => {
  for (const stack of stackNames()) {
    it(stack, async () => {
      const { recorder } = await runStackOffline(stack);
      for (const r of recorder.resources) {
        expect(violations(noInternalPortsToWorld, args(r.type, r.inputs, r.name)), r.name).to.deep.equal([]);
      }
    });
  }
  it("every policy has a name, a description and an enforcement level", () => {
    for (const p of POLICIES) expect(p).to.include.keys("name", "description", "enforcementLevel");
  });
});
