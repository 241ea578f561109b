// Issue 17, class 1: every resource type of the two providers that can hold a port is either judged
// by the policy pack or listed with why it cannot open a port to a host. A provider upgrade that
// adds one fails here until it is classified.
import { expect } from "chai";
import { JUDGED_TYPES, NOT_JUDGED_TYPES, RESOURCE_TYPES } from "../policy/policies.js";
import { readRules } from "../policy/ingress.js";
import { portHoldingTypes } from "./support/provider-inventory.js";

describe("policy: the inventory of provider types that can open a port (issue 17)", () => {
  const inventory = new Map([...portHoldingTypes("aws"), ...portHoldingTypes("openstack")]);
  const judged = JUDGED_TYPES.map((t) => t.type);
  const notJudged = NOT_JUDGED_TYPES.map((t) => t.type);

  it("finds the types everyone knows hold rules (the scan itself works)", () => {
    for (const t of ["aws:ec2/securityGroup:SecurityGroup", "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "openstack:networking/secGroupRule:SecGroupRule", "openstack:compute/secGroup:SecGroup"]) expect(inventory.has(t), t).to.equal(true);
    expect(inventory.get("aws:ec2/securityGroup:SecurityGroup")).to.include.members(["ingress.fromPort", "egress.toPort"]);
  });
  it("every type in the providers that holds a port is judged or listed with why not, and nothing else is listed", () => {
    const listed = [...judged, ...notJudged].sort();
    // Judged types without port fields (port security switches) are found by their switch.
    expect(listed).to.deep.equal([...inventory.keys()].sort());
  });
  it("no type is both judged and not, and every reason is a sentence", () => {
    expect(judged.filter((t) => notJudged.includes(t))).to.deep.equal([]);
    for (const t of [...JUDGED_TYPES, ...NOT_JUDGED_TYPES]) expect(t.why.length, t.type).to.be.greaterThan(20);
  });
  it("the pack reads exactly the judged types, and reads none of the others", () => {
    // Azure's and Kubernetes' types are judged resource by resource (policy/azure.ts, policy/netpol.ts and their tests); this inventory is AWS's and OpenStack's.
    expect([...RESOURCE_TYPES].filter((t) => !t.startsWith("azure-native:") && !t.startsWith("kubernetes:")).sort()).to.deep.equal([...judged].sort());
    for (const t of notJudged) expect(readRules(t, { ingress: [{ protocol: "tcp", fromPort: 1, toPort: 65535, cidrBlocks: ["0.0.0.0/0"] }] }), t).to.equal(undefined);
  });
});

describe("docs/policy.md lists every type with its reason", () => {
  it("each judged and not-judged type appears with its reason", () => {
    const doc = require("node:fs").readFileSync(require("node:path").join(__dirname, "..", "docs", "policy.md"), "utf8") as string;
    for (const t of [...JUDGED_TYPES, ...NOT_JUDGED_TYPES]) expect(doc, t.type).to.contain(`| \`${t.type}\` | ${t.why.replace(/\|/g, "\\|")} |`);
  });
});
