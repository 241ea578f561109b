// Issue 17, class 1 for the audit: every export as saved on any system is read, describe-security-groups'
// own permissions are audited, and a group's rules are judged together whichever files hold them.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "chai";
import { auditGroups } from "../audit/audit.js";
import { importPlan } from "../audit/import-file.js";
import type { AuditInput } from "../audit/model.js";
import { combineExports, decodeExport, parseExport, readExport } from "../audit/parse.js";
import { PortcatalogError } from "../catalog/errors.js";

const dir = mkdtempSync(join(tmpdir(), "audit-world-"));
let n = 0;
/** Writes bytes to a new file and returns its path. */
const file = (bytes: Uint8Array | string) => {
  const path = join(dir, `f${n++}.json`);
  writeFileSync(path, bytes);
  return path;
};
const utf16le = (text: string) => Buffer.from(text, "utf16le");
const utf16be = (text: string) => Buffer.from(text, "utf16le").swap16();
const withBom = (bom: number[], body: Uint8Array) => Buffer.concat([Buffer.from(bom), body]);

const rule = (id: string, cidr: string, extra: Record<string, unknown> = {}) => ({ SecurityGroupRuleId: id, GroupId: "sg-1", IsEgress: false, IpProtocol: "tcp", FromPort: 3306, ToPort: 3306, CidrIpv4: cidr, ...extra });
const rules = (...r: object[]) => JSON.stringify({ SecurityGroupRules: r });
const group = (ingress: object[], id = "sg-1") => ({ GroupId: id, GroupName: id, Description: "d", IpPermissions: ingress, IpPermissionsEgress: [] });
const groups = (...g: object[]) => JSON.stringify({ SecurityGroups: g });
const mysql = (ranges: string[], v6: string[] = [], protocol = "tcp") => ({ IpProtocol: protocol, FromPort: 3306, ToPort: 3306, IpRanges: ranges.map((CidrIp) => ({ CidrIp })), Ipv6Ranges: v6.map((CidrIpv6) => ({ CidrIpv6 })), PrefixListIds: [], UserIdGroupPairs: [] });

const audit = (...paths: string[]) => auditGroups(combineExports(paths.map((p) => readExport(p))));
const findingsOf = (input: AuditInput | ReturnType<typeof audit>) => {
  const report = "findings" in input ? input : auditGroups(input);
  return report.groups.flatMap((g) => g.rules.flatMap((a) => a.findings.map((f) => `${a.rule.id} ${f.kind}`)));
};

describe("audit: exports as Windows tools save them (issue 17)", () => {
  const text = rules(rule("sgr-1", "0.0.0.0/0"));
  const CASES: [string, Uint8Array][] = [
    ["UTF-8 with a byte-order mark (PowerShell 7 -Encoding utf8BOM, Notepad)", withBom([0xef, 0xbb, 0xbf], Buffer.from(text))],
    ["UTF-16 LE with its mark (Windows PowerShell 5 `>`)", withBom([0xff, 0xfe], utf16le(text))],
    ["UTF-16 BE with its mark", withBom([0xfe, 0xff], utf16be(text))],
  ];
  for (const [title, bytes] of CASES) {
    it(`${title}: read as the plain file, and judged`, () => {
      expect(findingsOf(audit(file(bytes)))).to.deep.equal(["sgr-1 internal-to-world"]);
    });
  }
  it("a byte-order mark left in decoded text is not a JSON error", () => {
    expect(parseExport("f.json", `\uFEFF${text}`).rules).to.have.length(1);
  });
  it("bytes that are no text are one error naming the file; UTF-16 without a mark gets a hint", () => {
    expect(() => readExport(file(Buffer.from([0x7b, 0xff, 0xfe, 0x7d, 0xc3])))).to.throw(PortcatalogError, /f\d+\.json: not UTF-8 or UTF-16 text$/);
    expect(() => decodeExport("x.json", Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from([0x00])]))).to.throw(PortcatalogError, /^x\.json: not UTF-8 or UTF-16 text/);
    expect(() => readExport(file(utf16le(text)))).to.throw(PortcatalogError, /not valid JSON|not UTF-8 or UTF-16 text \(UTF-16 without a byte-order mark\?/);
  });
});

describe("audit: describe-security-groups' own permissions (issue 17)", () => {
  it("are audited without a rules file: MySQL to the world is found, one rule per range", () => {
    const input = combineExports([readExport(file(groups(group([mysql(["0.0.0.0/0", "10.0.0.0/8"], ["::/0"])]))))]);
    const [g] = input.groups;
    expect(g.rules.map((r) => [r.id, r.family, r.protocol, r.fromPort, r.toPort, r.peer])).to.deep.equal([
      ["sg-1 SecurityGroups[0].IpPermissions[0].IpRanges[0]", "IPv4", "tcp", 3306, 3306, { kind: "cidr", cidr: "0.0.0.0/0" }],
      ["sg-1 SecurityGroups[0].IpPermissions[0].IpRanges[1]", "IPv4", "tcp", 3306, 3306, { kind: "cidr", cidr: "10.0.0.0/8" }],
      ["sg-1 SecurityGroups[0].IpPermissions[0].Ipv6Ranges[0]", "IPv6", "tcp", 3306, 3306, { kind: "cidr", cidr: "::/0" }],
    ]);
    expect(findingsOf(input).filter((f) => f.endsWith("internal-to-world"))).to.have.length(2);
  });
  it("egress permissions, prefix lists and group pairs are read too; an unknown field is one error", () => {
    const g = { ...group([]), IpPermissionsEgress: [{ IpProtocol: "-1", IpRanges: [{ CidrIp: "0.0.0.0/0" }], UserIdGroupPairs: [{ GroupId: "sg-2", UserId: "1" }], PrefixListIds: [{ PrefixListId: "pl-1" }] }] };
    const [parsed] = combineExports([parseExport("g.json", groups(g))]).groups;
    expect(parsed.rules.map((r) => [r.direction, r.protocol, r.peer.kind])).to.deep.equal([
      ["egress", "all", "cidr"],
      ["egress", "all", "prefix-list"],
      ["egress", "all", "group"],
    ]);
    expect(() => parseExport("g.json", groups(group([{ ...mysql(["0.0.0.0/0"]), CidrIp: "x" }])))).to.throw(PortcatalogError, /^g\.json: SecurityGroups\[0\]\.IpPermissions\[0\]: unknown field "CidrIp"/);
  });
  it("with a rules file too, a rule both hold counts once (the rules file's, with its id)", () => {
    const input = combineExports([readExport(file(rules(rule("sgr-1", "0.0.0.0/0")))), readExport(file(groups(group([mysql(["0.0.0.0/0", "10.0.0.0/8"])]))))]);
    expect(input.groups[0].rules.map((r) => r.id)).to.deep.equal(["sgr-1", "sg-1 SecurityGroups[0].IpPermissions[0].IpRanges[1]"]);
    // The same groups file twice: AWS holds a rule once per group, so it is one rule.
    const twice = groups(group([mysql(["0.0.0.0/0"])]));
    expect(combineExports([parseExport("a.json", twice), parseExport("b.json", twice)]).groups[0].rules).to.have.length(1);
  });
  it("a rule read from permissions has no id to import: the import file says what to add", () => {
    const input = combineExports([parseExport("g.json", groups(group([{ ...mysql(["0.0.0.0/0"]), FromPort: 443, ToPort: 443 }])))]);
    const plan = {
      cloud: "aws" as const,
      type: "portcatalog:index:CatalogSecurityGroup",
      name: "web",
      ownsGroup: false,
      groups: [{ name: "web", rules: [{ direction: "ingress", ethertype: "IPv4", protocol: "tcp", fromPort: 443, toPort: 443, peer: { kind: "cidr", cidr: "0.0.0.0/0" } }] }],
      ruleName: () => "web-tcp-443",
    };
    // biome-ignore lint/suspicious/noExplicitAny: a minimal component plan
    expect(() => importPlan(input.groups[0], plan as any)).to.throw(PortcatalogError, /g\.json: SecurityGroups\[0\]\.IpPermissions\[0\]\.IpRanges\[0\]: describe-security-groups gives no rule ids to import; add the output of `aws ec2 describe-security-group-rules --filters Name=group-id,Values=sg-1 --output json`/);
  });
});

describe("audit: a group's rules are judged together whichever files hold them (issue 17)", () => {
  it("halves of IPv4 in two rules files", () => {
    const found = findingsOf(audit(file(rules(rule("sgr-1", "0.0.0.0/1"))), file(rules(rule("sgr-2", "128.0.0.0/1")))));
    expect(found).to.deep.equal(["sgr-1 internal-to-world", "sgr-2 internal-to-world"]);
  });
  it("one half in a rules file, the other in a groups file's permissions, and an OpenStack split over the CLI and the API", () => {
    expect(findingsOf(audit(file(rules(rule("sgr-1", "0.0.0.0/1"))), file(groups(group([mysql(["128.0.0.0/1"])])))))).to.have.length(2);
    const osc = [{ ID: "r1", "IP Protocol": "TCP", Ethertype: "IPv4", "IP Range": "0.0.0.0/1", "Port Range": "3306:3306", Direction: "ingress", "Remote Security Group": null, "Remote Address Group": null, "Security Group": "g1" }];
    const api = { security_group_rules: [{ id: "r2", security_group_id: "g1", direction: "ingress", ethertype: "IPv4", protocol: "06", port_range_min: 3306, port_range_max: 3306, remote_ip_prefix: "128.0.0.0/1", remote_group_id: null }] };
    expect(findingsOf(audit(file(JSON.stringify(osc)), file(JSON.stringify(api))))).to.deep.equal(["r1 internal-to-world", "r2 internal-to-world"]);
  });
  it("the halves in two different groups are not one group's opening", () => {
    expect(findingsOf(audit(file(rules(rule("sgr-1", "0.0.0.0/1"))), file(rules(rule("sgr-2", "128.0.0.0/1", { GroupId: "sg-2" })))))).to.deep.equal([]);
  });
});

describe("portcatalog audit: a PowerShell export of describe-security-groups alone, end to end (issue 17)", () => {
  it("UTF-16 with its mark, permissions only: exit 2 with the MySQL finding; bytes that are no text: exit 1, one line", async () => {
    const { runCli } = await import("./support/cli.js");
    const ps = file(withBom([0xff, 0xfe], utf16le(groups(group([mysql(["0.0.0.0/1"]), mysql(["128.0.0.0/1"])])))));
    const r = await runCli(["audit", ps]);
    expect(r.status).to.equal(2);
    expect(r.stdout).to.contain("internal-only port open to 0.0.0.0/1 and 128.0.0.0/1: tcp/3306: MySQL");
    const bad = await runCli(["audit", file(Buffer.from([0xc3, 0x28]))]);
    expect([bad.status, bad.stderr.trim().split("\n").length]).to.deep.equal([1, 1]);
    expect(bad.stderr).to.match(/not UTF-8 or UTF-16 text/);
  });
});
