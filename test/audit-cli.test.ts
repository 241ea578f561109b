import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "chai";
import { runAudit } from "../cli/audit-command.js";
import { runImport } from "../cli/import-command.js";
import { CatalogSecGroup, CatalogSecurityGroup } from "../components/index.js";
import { setupMocks } from "../testing/index.js";
import { runCli } from "./support/cli.js";
import { awsExport, neutronExport } from "./support/exports.js";

const FIX = join(__dirname, "fixtures", "audit");
const AWS_GROUP = "aws:ec2/securityGroup:SecurityGroup";
const AWS_RULES = ["aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule"];
const OS_GROUP = "openstack:networking/secGroup:SecGroup";
const OS_RULE = "openstack:networking/secGroupRule:SecGroupRule";

describe("audit round trip: a planned component, written in the CLI's shape, audits clean and imports to exactly its names", () => {
  const dir = mkdtempSync(join(tmpdir(), "audit-rt-"));

  it("AWS: CatalogSecurityGroup with admin CIDRs, a peer group, a prefix list and allow-all egress", async () => {
    const sources = {
      admin: { cidrIpv4: ["10.1.0.0/24"], prefixLists: [{ name: "ops", id: "pl-0123456789abcdef0", maxEntries: 5 }] },
      internal: { self: true, securityGroups: [{ name: "nodes", id: "sg-0nodes000000000001" }] },
    };
    const args = { vpcId: "vpc-1", products: [{ product: "anbox-cloud/charmed" }, { product: "wso2/api-manager" }], sources, allowAllEgress: true };
    const recorder = await setupMocks();
    new CatalogSecurityGroup("rt", args);
    await recorder.settled();
    const group = recorder.named("rt", AWS_GROUP);
    const rules = recorder.resources.filter((r) => AWS_RULES.includes(r.type));
    expect(rules.length).to.be.greaterThan(20);
    const rulesFile = join(dir, "aws-rules.json");
    const groupsFile = join(dir, "aws-groups.json");
    writeFileSync(rulesFile, awsExport(rules));
    writeFileSync(groupsFile, JSON.stringify({ SecurityGroups: [{ GroupId: group.id, GroupName: "rt-7c1d2e3", Description: group.inputs.description, VpcId: "vpc-1", OwnerId: "123456789012", IpPermissions: [], IpPermissionsEgress: [] }] }));

    const selection = ["--products", "anbox-cloud/charmed,wso2/api-manager", "--sources", JSON.stringify(sources), "--allow-all-egress"];
    const audit = runAudit([rulesFile, groupsFile, ...selection, "--json"]);
    const report = JSON.parse(audit.output);
    expect(report.findings, JSON.stringify(report.groups.flatMap((g: { rules: { verdicts?: unknown[]; findings?: unknown[] }[] }) => g.rules.filter((r) => (r.findings ?? r.verdicts ?? []).length)))).to.equal(0);
    expect(report.drift).to.have.length(1);
    expect([report.drift[0].add, report.drift[0].remove, report.drift[0].keep.length]).to.deep.equal([[], [], rules.length]);
    expect(audit.findings).to.equal(false);

    const out = join(dir, "import.json");
    const imported = await runImport([rulesFile, groupsFile, "--component", "CatalogSecurityGroup", "--name", "rt", "--args", JSON.stringify(args), "--stack", "dev", "--project", "web", "--out", out]);
    const file = JSON.parse(readFileSync(out, "utf8"));
    expect(file.nameTable).to.deep.equal({ rt: "urn:pulumi:dev::web::portcatalog:index:CatalogSecurityGroup::rt" });
    const names = (file.resources as { type: string; name: string; parent: string }[]).map((r) => `${r.type}::${r.name}`).sort();
    expect(names).to.deep.equal([group, ...rules].map((r) => `${r.type}::${r.name}`).sort());
    expect(file.resources.every((r: { parent: string }) => r.parent === "rt")).to.equal(true);
    expect(imported.plan.warnings).to.deep.equal([]);
    expect(imported.findings).to.equal(false);
  });

  it("OpenStack: CatalogSecGroup for openstack/kilo with an admin CIDR, from the Neutron API's export", async () => {
    const args = { products: [{ product: "openstack/kilo", roles: ["controller"] }], sources: { admin: { cidrIpv4: ["192.168.10.0/24"], cidrIpv6: ["2001:db8:10::/48"] } } };
    const recorder = await setupMocks();
    new CatalogSecGroup("osrt", args);
    await recorder.settled();
    const group = recorder.named("osrt", OS_GROUP);
    const rules = recorder.ofType(OS_RULE);
    const file = join(dir, "neutron.json");
    writeFileSync(file, neutronExport(rules));
    const audit = runAudit([file, "--products", "openstack/kilo", "--sources", JSON.stringify(args.sources), "--json"]);
    const report = JSON.parse(audit.output);
    // The audit plans the whole product; the component only the controller role: what differs is only what the role leaves out.
    expect(report.findings, JSON.stringify(report.groups.flatMap((g: { rules: { verdicts?: unknown[]; findings?: unknown[] }[] }) => g.rules.filter((r) => (r.findings ?? r.verdicts ?? []).length)))).to.equal(0);
    expect(report.drift[0].remove).to.deep.equal([]);

    const out = join(dir, "os-import.json");
    const imported = await runImport([file, "--component", "CatalogSecGroup", "--name", "osrt", "--args", JSON.stringify(args), "--out", out]);
    const written = JSON.parse(readFileSync(out, "utf8"));
    expect(written.resources[0]).to.deep.equal({ type: "portcatalog:index:CatalogSecGroup", name: "osrt", component: true });
    const names = (written.resources.slice(1) as { type: string; name: string }[]).map((r) => `${r.type}::${r.name}`).sort();
    expect(names).to.deep.equal([group, ...rules].map((r) => `${r.type}::${r.name}`).sort());
    expect([imported.plan.drift.add, imported.plan.drift.remove, imported.plan.warnings]).to.deep.equal([[], [], []]);
  });
});

describe("cli: portcatalog audit and import", () => {
  const fx = (n: string) => join(FIX, n);

  it("audit with findings prints the table and exits 2", async () => {
    const r = await runCli(["audit", fx("aws-rules.json"), fx("aws-groups.json"), "--products", "anbox-cloud/appliance"]);
    expect(r.stderr).to.equal("");
    expect(r.status).to.equal(2);
    expect(r.stdout).to.match(/^AWS audit: 2 groups, 11 rules, 5 findings, 21 changes of drift\n/);
    expect(r.stdout).to.contain("internal-only port open to 0.0.0.0/1 and 128.0.0.0/1: tcp/8444: AMS API (anbox-cloud/appliance)");
  });
  it("a clean audit exits 0", async () => {
    const dir = mkdtempSync(join(tmpdir(), "audit-clean-"));
    const file = join(dir, "clean.json");
    writeFileSync(file, JSON.stringify({ SecurityGroupRules: [{ SecurityGroupRuleId: "sgr-1", GroupId: "sg-1", IsEgress: false, IpProtocol: "tcp", FromPort: 443, ToPort: 443, CidrIpv4: "0.0.0.0/0" }] }));
    const r = await runCli(["audit", file, "--markdown"]);
    expect([r.status, r.stderr]).to.deep.equal([0, ""]);
    expect(r.stdout).to.match(/^# AWS audit: 1 group, 1 rules, 0 findings\n/);
    expect(r.stdout).to.contain("| ingress | IPv4 | tcp | 443 | 0.0.0.0/0 |");
  });
  it("bad input: one line naming the file, exit 1, nothing half-reported on stdout", async () => {
    const r = await runCli(["audit", fx("aws-rules.json"), fx("openstack-cli.json")]);
    expect(r.status).to.equal(1);
    expect(r.stdout).to.equal("");
    expect(r.stderr.trim().split("\n")).to.have.length(1);
    expect(r.stderr).to.match(/^portcatalog: .*openstack-cli\.json: an OpenStack export, but aws-rules\.json is AWS/);
  });
  it("import writes the file, lists what it does not adopt, and exits 2", async () => {
    const dir = mkdtempSync(join(tmpdir(), "audit-import-"));
    const out = join(dir, "import.json");
    const r = await runCli(["import", fx("aws-rules.json"), fx("aws-groups.json"), "--group", "sg-0aaaaaaaaaaaaaaa1", "--component", "AnboxApplianceSecurityGroup", "--name", "anbox", "--args", JSON.stringify({ description: "anbox appliance" }), "--out", out]);
    expect([r.status, r.stderr]).to.deep.equal([2, ""]);
    expect(r.stdout).to.match(/^Import of sg-0aaaaaaaaaaaaaaa1: 1 resources adopted, 9 rules to remove, 9 rules `pulumi up` adds\n/);
    const file = JSON.parse(readFileSync(out, "utf8"));
    // The 443 rules and AWS's default allow-all egress match the plan's ports and peers but not its
    // descriptions: they are not the component's rules, so they are listed, never adopted.
    expect(file.resources.map((x: { name: string; id?: string }) => [x.name, x.id ?? null])).to.deep.equal([
      ["anbox", null],
      ["anbox", "sg-0aaaaaaaaaaaaaaa1"],
    ]);
    expect(r.stdout).to.match(/sgr-0a0000000000000a8 +its description "" differs from the component's "Outbound traffic/);
  });
  it("import: an unknown component names the valid ones; __proto__ is not a component", async () => {
    const dir = mkdtempSync(join(tmpdir(), "audit-import-"));
    for (const name of ["CatalogGroup", "__proto__", "constructor"]) {
      let message = "";
      await runImport([join(FIX, "aws-rules.json"), "--group", "sg-0aaaaaaaaaaaaaaa1", "--component", name, "--name", "x", "--out", join(dir, "i.json")]).catch((e: Error) => {
        message = e.message;
      });
      expect(message).to.match(new RegExp(`^unknown component "${name}": use "AnboxApplianceSecGroup", .*"CatalogSecurityGroup"`));
    }
  });
});
