import { mkdtempSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "chai";
import { auditGroups, drift, planSelection } from "../audit/audit.js";
import { importPlan } from "../audit/import-file.js";
import type { AuditInput, ExistingRule } from "../audit/model.js";
import { combineExports, MAX_AUDIT_FILE_BYTES, parseExport, readExport } from "../audit/parse.js";
import { renderAudit } from "../audit/render.js";
import { PortcatalogError } from "../catalog/errors.js";

const FIX = join(__dirname, "fixtures", "audit");
const fixture = (name: string) => join(FIX, name);
const load = (...names: string[]): AuditInput => combineExports(names.map((n) => readExport(fixture(n))));

const SG_A = "sg-0aaaaaaaaaaaaaaa1";
const SG_B = "sg-0bbbbbbbbbbbbbbb2";
const OS_GROUP = "5c1f7f3e-1111-4a5a-8c5e-aaaaaaaaaaaa";

/** Finding kinds per rule id. */
function kinds(input: AuditInput, products?: string[]): Record<string, string[]> {
  const report = auditGroups(input, { products });
  return Object.fromEntries(report.groups.flatMap((g) => g.rules.map((a) => [a.rule.id, a.findings.map((f) => f.kind)])));
}

describe("audit: reading the clouds' exports", () => {
  it("aws ec2 describe-security-group-rules: peers, protocols and ports as AWS means them", () => {
    const input = load("aws-rules.json");
    expect(input.cloud).to.equal("aws");
    expect(input.groups.map((g) => [g.id, g.rules.length])).to.deep.equal([
      [SG_A, 9],
      [SG_B, 2],
    ]);
    const byId = new Map(input.groups.flatMap((g) => g.rules).map((r) => [r.id, r]));
    const pick = (id: string) => {
      const r = byId.get(id) as ExistingRule;
      return [r.direction, r.family, r.protocol, r.fromPort, r.toPort, r.peer];
    };
    expect(pick("sgr-0a0000000000000a1")).to.deep.equal(["ingress", "IPv4", "tcp", 443, 443, { kind: "cidr", cidr: "0.0.0.0/0" }]);
    expect(pick("sgr-0a0000000000000a2")).to.deep.equal(["ingress", "IPv6", "tcp", 443, 443, { kind: "cidr", cidr: "::/0" }]);
    expect(pick("sgr-0a0000000000000a5")).to.deep.equal(["ingress", "any", "all", 0, 65535, { kind: "group", id: SG_A }]);
    expect(pick("sgr-0a0000000000000a6")).to.deep.equal(["ingress", "any", "tcp", 5000, 5000, { kind: "prefix-list", id: "pl-0b0b0b0b0b0b0b0b0" }]);
    expect(pick("sgr-0a0000000000000a8")).to.deep.equal(["egress", "IPv4", "all", 0, 65535, { kind: "cidr", cidr: "0.0.0.0/0" }]);
    expect(byId.get("sgr-0a0000000000000a1")?.description).to.equal("UI and API");
  });
  it("describe-security-groups adds names, VPCs and descriptions", () => {
    const [a, b] = load("aws-rules.json", "aws-groups.json").groups;
    expect([a.name, a.vpcId, a.description, b.name]).to.deep.equal(["anbox-web", "vpc-0c0c0c0c0c0c0c0c0", "anbox appliance", "legacy-db"]);
  });
  it("openstack security group rule list --long -f json: a remote group wins over the 0.0.0.0/0 the client prints beside it; null protocol is any", () => {
    const [g] = load("openstack-cli.json").groups;
    expect(g.id).to.equal(OS_GROUP);
    const r = (n: number) => g.rules[n - 1];
    expect([r(1).direction, r(1).protocol, r(1).fromPort, r(1).toPort, r(1).peer]).to.deep.equal(["egress", "all", 0, 65535, { kind: "cidr", cidr: "0.0.0.0/0" }]);
    expect(r(3).peer).to.deep.equal({ kind: "group", id: OS_GROUP });
    expect([r(4).fromPort, r(4).toPort]).to.deep.equal([5000, 5000]);
    expect([r(8).protocol, r(8).rawProtocol]).to.deep.equal(["other", "icmp"]);
    expect(r(9).peer).to.deep.equal({ kind: "address-group", id: "9d7b0000-2222-4b4b-9c9c-bbbbbbbbbbbb" });
    expect(r(1).description).to.equal(undefined);
  });
  it("Neutron API: protocol \"0\" is any, no prefix is the whole family, descriptions kept", () => {
    const [g] = load("neutron-api.json").groups;
    expect([g.rules[0].protocol, g.rules[0].rawProtocol, g.rules[0].description]).to.deep.equal(["all", "0", "debug, remove"]);
    expect(g.rules[1].peer).to.deep.equal({ kind: "cidr", cidr: "::/0" });
    expect(g.rules[1].description).to.equal(undefined);
  });
});

const AWS_RULE = { SecurityGroupRuleId: "sgr-1", GroupId: "sg-1", IsEgress: false, IpProtocol: "tcp", FromPort: 443, ToPort: 443, CidrIpv4: "0.0.0.0/0" };
const OSC_ROW = { ID: "r1", "IP Protocol": "tcp", Ethertype: "IPv4", "IP Range": "0.0.0.0/0", "Port Range": "443:443", Direction: "ingress", "Remote Security Group": null, "Remote Address Group": null, "Security Group": "g1" };
const NEUTRON_RULE = { id: "r1", security_group_id: "g1", direction: "ingress", ethertype: "IPv4", protocol: "tcp", port_range_min: 443, port_range_max: 443, remote_ip_prefix: null, remote_group_id: null };
const aws = (rule: Record<string, unknown>) => JSON.stringify({ SecurityGroupRules: [rule] });

const BAD: [string, string, RegExp][] = [
  ["truncated JSON", aws(AWS_RULE).slice(0, 60), /^f\.json: not valid JSON \(.+\); is the file complete\?$/],
  ["not JSON at all", "SecurityGroupRules:", /^f\.json: not valid JSON/],
  ["another AWS command's output", JSON.stringify({ Reservations: [] }), /^f\.json: not a security group export \(top-level keys "Reservations"\); expected one of `aws ec2 describe-security-group-rules/],
  ["a bare number", "42", /^f\.json: expected one of .*, got 42$/],
  ["an empty list", "[]", /^f\.json: an empty list: no rules to audit \(`az network nsg rule list` prints \[\] for an NSG without custom rules: export it with `az network nsg show -o json`\)$/],
  ["a list of something else", JSON.stringify([{ id: "x" }]), /^f\.json: \[0\]: not a row of `openstack security group rule list -f json`/],
  ["unknown top-level field beside the rules", JSON.stringify({ SecurityGroupRules: [], Extra: 1 }), /^f\.json: unknown field "Extra" \(known: SecurityGroupRules, NextToken\)$/],
  ["unknown field in an AWS rule", aws({ ...AWS_RULE, Cidr: "0.0.0.0/0" }), /^f\.json: SecurityGroupRules\[0\]: unknown field "Cidr" \(known: SecurityGroupRuleId, /],
  ["snake_case field in an AWS rule (wrong casing)", aws({ ...AWS_RULE, is_egress: false }), /^f\.json: SecurityGroupRules\[0\]: unknown field "is_egress"/],
  ["AWS rule without an id", aws({ ...AWS_RULE, SecurityGroupRuleId: undefined }), /^f\.json: SecurityGroupRules\[0\]\.SecurityGroupRuleId: expected a non-empty string, got undefined$/],
  ["AWS IsEgress as a string", aws({ ...AWS_RULE, IsEgress: "false" }), /^f\.json: SecurityGroupRules\[0\]\.IsEgress: expected true or false, got "false"$/],
  ["AWS port as a string", aws({ ...AWS_RULE, FromPort: "443" }), /^f\.json: SecurityGroupRules\[0\]\.FromPort: expected a port \(-1 to 65535\), got "443"$/],
  ["AWS port out of range", aws({ ...AWS_RULE, ToPort: 70000 }), /^f\.json: SecurityGroupRules\[0\]\.ToPort: expected a port \(-1 to 65535\), got 70000$/],
  ["AWS rule with two peers", aws({ ...AWS_RULE, CidrIpv6: "::/0" }), /^f\.json: SecurityGroupRules\[0\]: expected exactly one of CidrIpv4, CidrIpv6, PrefixListId, ReferencedGroupInfo, got 2$/],
  ["AWS rule with no peer", aws({ ...AWS_RULE, CidrIpv4: undefined }), /got 0$/],
  ["IPv6 CIDR in CidrIpv4", aws({ ...AWS_RULE, CidrIpv4: "::/0" }), /^f\.json: SecurityGroupRules\[0\]\.CidrIpv4: "::\/0" is not an IPv4 CIDR$/],
  ["unknown field in ReferencedGroupInfo", aws({ ...AWS_RULE, CidrIpv4: undefined, ReferencedGroupInfo: { GroupId: "sg-2", Owner: "x" } }), /ReferencedGroupInfo: unknown field "Owner"/],
  ["unknown field in a group", JSON.stringify({ SecurityGroups: [{ GroupId: "sg-1", GroupName: "a", Rules: [] }] }), /^f\.json: SecurityGroups\[0\]: unknown field "Rules"/],
  ["OpenStack row with an unknown column", JSON.stringify([{ ...OSC_ROW, Project: "p" }]), /^f\.json: \[0\]: unknown field "Project"/],
  ["OpenStack row without --long on an old client", JSON.stringify([{ ...OSC_ROW, Direction: undefined }]), /^f\.json: \[0\]: missing "Direction" \(old clients print it only with --long\)$/],
  ["OpenStack port range in the wrong form", JSON.stringify([{ ...OSC_ROW, "Port Range": "443-443" }]), /^f\.json: \[0\]\."Port Range": expected "", "<min>:<max>" or "type=<t>:code=<c>", got "443-443"$/],
  ["OpenStack direction misspelt", JSON.stringify([{ ...OSC_ROW, Direction: "inbound" }]), /^f\.json: \[0\]\.Direction: expected "ingress" or "egress", got "inbound"$/],
  ["OpenStack rows listed for one group need --group", JSON.stringify([{ ...OSC_ROW, "Security Group": undefined }]), /no "Security Group" column: .* pass --group <id> for this file$/],
  ["Neutron ethertype misspelt", JSON.stringify({ security_group_rules: [{ ...NEUTRON_RULE, ethertype: "ipv4" }] }), /^f\.json: security_group_rules\[0\]\.ethertype: expected "IPv4" or "IPv6", got "ipv4"$/],
  ["Neutron unknown field", JSON.stringify({ security_group_rules: [{ ...NEUTRON_RULE, remote_ip: "0.0.0.0/0" }] }), /^f\.json: security_group_rules\[0\]: unknown field "remote_ip"/],
  ["Neutron prefix and group at once", JSON.stringify({ security_group_rules: [{ ...NEUTRON_RULE, remote_ip_prefix: "10.0.0.0/8", remote_group_id: "g2" }] }), /expected at most one of remote_ip_prefix, remote_group_id, remote_address_group_id$/],
  ["Neutron rules not a list", JSON.stringify({ security_group_rules: {} }), /^f\.json: security_group_rules: expected a list, got an object$/],
];

describe("audit: bad input is one error naming the file and what is wrong", () => {
  for (const [title, text, message] of BAD) {
    it(title, () => {
      expect(() => parseExport("f.json", text)).to.throw(PortcatalogError, message);
    });
  }
  it("an OpenStack export listed for one group reads with --group", () => {
    const parsed = parseExport("f.json", JSON.stringify([{ ...OSC_ROW, "Security Group": undefined }]), { group: "g9" });
    expect(parsed.rules[0].groupId).to.equal("g9");
  });
  it("files of two clouds are refused, naming the second file", () => {
    expect(() => load("aws-rules.json", "openstack-cli.json")).to.throw(PortcatalogError, /openstack-cli\.json: an OpenStack export, but aws-rules\.json is AWS: audit one cloud at a time$/);
  });
  it("the same export twice is refused, naming the rule and both places", () => {
    expect(() => load("aws-rules.json", "aws-rules.json")).to.throw(PortcatalogError, /aws-rules\.json: SecurityGroupRules\[0\]: rule sgr-0a0000000000000a1 is also in .*aws-rules\.json: SecurityGroupRules\[0\]/);
  });
  it("a groups file alone is audited: its groups with no permissions have no rules", () => {
    expect(load("aws-groups.json").groups.map((g) => [g.id, g.rules.length])).to.deep.equal([
      [SG_A, 0],
      [SG_B, 0],
    ]);
  });
  it("a directory, a missing file and a file above the size limit are refused before reading", () => {
    const dir = mkdtempSync(join(tmpdir(), "audit-"));
    expect(() => readExport(dir)).to.throw(PortcatalogError, /: not a regular file$/);
    expect(() => readExport(join(dir, "missing.json"))).to.throw(PortcatalogError, /missing\.json: cannot read \(ENOENT\)$/);
    const huge = join(dir, "huge.json");
    writeFileSync(huge, "");
    truncateSync(huge, MAX_AUDIT_FILE_BYTES + 1); // sparse: nothing is written
    expect(() => readExport(huge)).to.throw(PortcatalogError, new RegExp(`huge\\.json: ${MAX_AUDIT_FILE_BYTES + 1} bytes, above the ${MAX_AUDIT_FILE_BYTES}-byte limit`));
  });
});

describe("audit: verdicts (the policy pack's judgement, hand-computed)", () => {
  it("AWS, judged by anbox-cloud/appliance: halves of IPv4 over two rules, all traffic, a covered rule", () => {
    expect(kinds(load("aws-rules.json"), ["anbox-cloud/appliance"])).to.deep.equal({
      "sgr-0a0000000000000a1": [],
      "sgr-0a0000000000000a2": [],
      // 8444 (AMS API, internal) from 0.0.0.0/1 in one rule and 128.0.0.0/1 in a range rule: together the world.
      "sgr-0a0000000000000a3": ["internal-to-world"],
      "sgr-0a0000000000000a4": ["internal-to-world"],
      "sgr-0a0000000000000a5": [],
      "sgr-0a0000000000000a6": [],
      "sgr-0a0000000000000a7": ["covered"],
      "sgr-0a0000000000000a8": [],
      "sgr-0a0000000000000a9": [],
      "sgr-0b0000000000000b1": ["internal-to-world", "all-traffic-to-world"],
      // MySQL is not an appliance port.
      "sgr-0b0000000000000b2": [],
    });
  });
  it("judged by the whole catalog, MySQL to ::/0 is caught too", () => {
    expect(kinds(load("aws-rules.json"))["sgr-0b0000000000000b2"]).to.deep.equal(["internal-to-world"]);
  });
  it("the finding names the ports, the services and the peers", () => {
    const report = auditGroups(load("aws-rules.json"), { products: ["anbox-cloud/appliance"] });
    const a3 = report.groups[0].rules.find((a) => a.rule.id === "sgr-0a0000000000000a3");
    expect(a3?.findings[0].text).to.equal("internal-only port open to 0.0.0.0/1 and 128.0.0.0/1: tcp/8444: AMS API (anbox-cloud/appliance)");
    expect(a3?.services).to.deep.equal(["tcp/8444: AMS API (anbox-cloud/appliance)"]);
    expect(report.findings).to.equal(5);
  });
  it("OpenStack CLI: an exact duplicate, AMQP in a range open to ::/0; a remote group, an address group and icmp are clean", () => {
    const k = kinds(load("openstack-cli.json"));
    const id = (n: number) => `0b6d2e3c-6f2a-4c4e-9b1e-00000000000${n}`;
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => k[id(n)])).to.deep.equal([[], [], [], [], ["duplicate"], [], ["internal-to-world"], [], []]);
  });
  it("Neutron API, judged by wso2/api-manager: protocol 0 is all traffic; IPv4 world plus IPv6 world on 45564", () => {
    const k = kinds(load("neutron-api.json"), ["wso2/api-manager"]);
    expect(k["7a1c0000-3333-4c4c-8d8d-000000000001"]).to.deep.equal(["internal-to-world", "internal-to-world", "internal-to-world", "admin-to-world", "all-traffic-to-world"]);
    expect(k["7a1c0000-3333-4c4c-8d8d-000000000002"]).to.deep.equal(["internal-to-world"]);
    expect(k["7a1c0000-3333-4c4c-8d8d-000000000003"]).to.deep.equal(["covered"]);
  });
  it("quota per direction and family: AWS counts a group or prefix-list reference in both families", () => {
    const report = auditGroups(load("aws-rules.json"));
    expect(report.groups[0].quota.map((q) => `${q.bucket} ${q.used}/${q.limit}`)).to.deep.equal(["egress/IPv4 1/60", "ingress/IPv4 7/60", "ingress/IPv6 3/60"]);
    expect(report.overQuota).to.deep.equal([]);
  });
  it("61 IPv4 ingress rules in one AWS group are over quota; 101 Neutron rules in a project too", () => {
    const rules = Array.from({ length: 61 }, (_, i) => ({ ...AWS_RULE, SecurityGroupRuleId: `sgr-${i}`, FromPort: 20000 + i, ToPort: 20000 + i }));
    const awsReport = auditGroups(combineExports([parseExport("big.json", JSON.stringify({ SecurityGroupRules: rules }))]));
    expect(awsReport.overQuota).to.deep.equal([{ scope: "sg-1", bucket: "ingress/IPv4", used: 61, limit: 60 }]);
    const neutron = Array.from({ length: 101 }, (_, i) => ({ ...NEUTRON_RULE, id: `r${i}`, security_group_id: `g${i % 3}`, port_range_min: 20000 + i, port_range_max: 20000 + i, remote_ip_prefix: "10.0.0.0/8" }));
    const osReport = auditGroups(combineExports([parseExport("big.json", JSON.stringify({ security_group_rules: neutron }))]));
    expect(osReport.overQuota).to.deep.equal([{ scope: "project", bucket: "rules", used: 101, limit: 100 }]);
    expect(osReport.findings).to.equal(1);
  });
});

describe("audit: drift against a selection (compared on direction, family, protocol, ports, peer)", () => {
  it("AWS group against anbox-cloud/appliance: two rules stay, the internal ports come from the group itself, the rest goes", () => {
    const [a] = load("aws-rules.json").groups;
    const d = drift(a, planSelection("aws", { products: ["anbox-cloud/appliance"] }));
    expect(d.keep.map((k) => [k.existing.id, k.planned.key])).to.deep.equal([
      ["sgr-0a0000000000000a1", "in-tcp-443-anywhere-ipv4"],
      ["sgr-0a0000000000000a2", "in-tcp-443-anywhere-ipv6"],
    ]);
    expect(d.add.map((r) => r.key)).to.deep.equal(["in-tcp-4004-self", "in-tcp-5000-self", "in-tcp-8444-self", "in-tcp-9031-self", "in-tcp-9033-self"]);
    expect(d.remove.map((r) => r.id)).to.deep.equal(["sgr-0a0000000000000a3", "sgr-0a0000000000000a4", "sgr-0a0000000000000a5", "sgr-0a0000000000000a6", "sgr-0a0000000000000a7", "sgr-0a0000000000000a8", "sgr-0a0000000000000a9"]);
  });
  it("with the instance-services feature the udp range stays too, and allowAllEgress keeps AWS's default egress", () => {
    const [a] = load("aws-rules.json").groups;
    const d = drift(a, planSelection("aws", { products: ["anbox-cloud/appliance"], features: ["instance-services"], allowAllEgress: true }));
    expect(d.keep.map((k) => k.existing.id)).to.deep.equal(["sgr-0a0000000000000a1", "sgr-0a0000000000000a2", "sgr-0a0000000000000a8", "sgr-0a0000000000000a9"]);
    expect(d.add.map((r) => r.key)).to.include("in-tcp-10000-11000-anywhere-ipv4").and.include("out-all-anywhere-ipv6");
  });
  it("OpenStack: internal peers from --sources as a security group; a duplicate is one to remove", () => {
    const [g] = load("openstack-cli.json").groups;
    const d = drift(g, planSelection("openstack", { products: ["openstack/kilo"], sources: { internal: { securityGroups: [{ name: "self-by-id", id: OS_GROUP }] } } }));
    const kept = d.keep.map((k) => [k.existing.id.slice(-1), k.planned.key]);
    expect(kept).to.deep.include(["3", "in-tcp-3306-sg-self-by-id-ipv4"]);
    expect(kept).to.deep.include(["4", "in-tcp-5000-anywhere-ipv4"]);
    expect(d.remove.map((r) => r.id.slice(-1))).to.include("5");
  });
  it("--release picks the release; an unknown one names the valid ones", () => {
    expect(() => planSelection("aws", { products: ["anbox-cloud/appliance"], release: "1.22" })).to.throw(PortcatalogError, /unknown release "1\.22" of anbox-cloud\/appliance/);
    const old = planSelection("aws", { products: ["anbox-cloud/appliance"], release: "1.25", features: ["instance-services"] });
    const now = planSelection("aws", { products: ["anbox-cloud/appliance"], release: "1.30", features: ["instance-services"] });
    const services = (p: typeof old) => [...new Set(p.filter((r) => r.fromPort === 10000).flatMap((r) => r.services))];
    expect(services(old)).to.deep.equal(["AMS node controller"]);
    expect(services(now)).to.deep.equal(["LXD"]);
  });
});

describe("audit: the import file", () => {
  it("maps the group to the group's name, parents the component; rules that differ from the component's (here their descriptions) are listed with why, never imported", () => {
    const [a] = load("aws-rules.json", "aws-groups.json").groups;
    const rules = planSelection("aws", { products: ["anbox-cloud/appliance"] });
    const plan = importPlan(a, {
      component: "CatalogSecurityGroup",
      type: "portcatalog:index:CatalogSecurityGroup",
      name: "anbox",
      cloud: "aws",
      groups: [{ name: "anbox", rules }],
      ownsGroup: true,
      ruleName: (r) => `anbox-${r.key}`,
      groupInputs: { description: "portcatalog: anbox-cloud/appliance", vpcId: "vpc-0c0c0c0c0c0c0c0c0" },
    }, { urn: "urn:pulumi:dev::web::portcatalog:index:CatalogSecurityGroup::anbox" });
    expect(plan.file).to.deep.equal({
      nameTable: { anbox: "urn:pulumi:dev::web::portcatalog:index:CatalogSecurityGroup::anbox" },
      resources: [
        { type: "aws:ec2/securityGroup:SecurityGroup", name: "anbox", id: SG_A, parent: "anbox" },
      ],
    });
    expect(plan.drift.remove).to.have.length(9);
    // The export's 443 rules match the plan's ports and peers, but not its descriptions ("UI and API", none).
    const why = plan.drift.remove.filter((r) => plan.reasons.has(r)).map((r) => [r.id, plan.reasons.get(r)?.split(":")[0]]);
    expect(why).to.deep.equal([
      ["sgr-0a0000000000000a1", 'its description "UI and API" differs from the component\'s "UI and API'],
      ["sgr-0a0000000000000a2", 'its description "" differs from the component\'s "UI and API'],
    ]);
    expect(plan.warnings).to.deep.equal([
      `group ${SG_A}: the component's description "portcatalog: anbox-cloud/appliance" differs from the group's "anbox appliance", and AWS cannot change it: pass description: "anbox appliance" in the component's args, or the group and every rule in it are replaced`,
    ]);
  });
  it("without a URN the file creates the component as an empty parent; a group of another component is never in it", () => {
    const [, b] = load("aws-rules.json", "aws-groups.json").groups;
    const plan = importPlan(b, {
      component: "CatalogSecurityGroup",
      type: "portcatalog:index:CatalogSecurityGroup",
      name: "db",
      cloud: "aws",
      groups: [{ name: "db", rules: planSelection("aws", { products: ["anbox-cloud/appliance"] }) }],
      ownsGroup: true,
      ruleName: (r) => `db-${r.key}`,
      groupInputs: { description: "legacy database" },
    });
    expect(plan.file).to.deep.equal({
      resources: [
        { type: "portcatalog:index:CatalogSecurityGroup", name: "db", component: true },
        { type: "aws:ec2/securityGroup:SecurityGroup", name: "db", id: SG_B, parent: "db" },
      ],
    });
    expect(plan.drift.remove.map((r) => r.id)).to.deep.equal(["sgr-0b0000000000000b1", "sgr-0b0000000000000b2"]);
    expect(plan.warnings).to.deep.equal([]);
  });
});

describe("audit: output", () => {
  const hostile = parseExport("h.json", JSON.stringify({ SecurityGroupRules: [{ ...AWS_RULE, SecurityGroupRuleId: "sgr-\u001b[2J\u0007|" }] }));
  const report = auditGroups(combineExports([hostile]));
  it("control characters from an export never reach the terminal raw; pipes do not break Markdown rows", () => {
    for (const format of ["table", "markdown"] as const) {
      const out = renderAudit(report, [], "", format);
      expect(out).to.not.match(/[\u0000-\u0009\u000b-\u001f\u007f]/);
      expect(out).to.contain("sgr-\\x1b[2J\\x07");
    }
    // A pipe inside a Markdown cell is escaped, so it cannot split the row.
    expect(renderAudit(report, [], "", "markdown")).to.contain("| sgr-\\x1b[2J\\x07\\| |");
  });
  it("--json carries every rule with its verdicts and the drift", () => {
    const [a] = load("aws-rules.json").groups;
    const d = drift(a, planSelection("aws", { products: ["anbox-cloud/appliance"] }));
    const json = JSON.parse(renderAudit(auditGroups(load("aws-rules.json"), { products: ["anbox-cloud/appliance"] }), [d], "anbox-cloud/appliance", "json"));
    expect(json.findings).to.equal(5);
    expect(json.groups[0].rules[2]).to.deep.include({ id: "sgr-0a0000000000000a3", peer: "0.0.0.0/1", services: ["tcp/8444: AMS API (anbox-cloud/appliance)"] });
    expect(json.drift[0].keep).to.deep.equal([
      { id: "sgr-0a0000000000000a1", key: "in-tcp-443-anywhere-ipv4" },
      { id: "sgr-0a0000000000000a2", key: "in-tcp-443-anywhere-ipv6" },
    ]);
  });
});
