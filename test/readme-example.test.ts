import { expect } from "chai";
import { AnboxApplianceSecurityGroup } from "../index.js";
import { resolve, setupMocks } from "../testing/index.js";

// The README's "Testing your own stacks" example, verbatim, so the docs cannot drift.
describe("README example: testing a stack with portcatalog/testing", () => {
  it("opens only 443 to the world", async () => {
    const recorder = await setupMocks(); // before constructing resources
    const sg = new AnboxApplianceSecurityGroup("anbox", { vpcId: "vpc-1" });
    await recorder.settled(); // every child has registered
    const open = recorder.ofType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").filter((r) => r.inputs.cidrIpv4 === "0.0.0.0/0");
    expect(open.map((r) => r.inputs.fromPort)).to.deep.equal([443]);
    expect(await resolve(sg.ruleCount)).to.equal(9); // 7 catalog rules + allow-all egress (IPv4, IPv6)
  });
});
