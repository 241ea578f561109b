// portcatalog audit of Azure NSGs: `az network nsg rule list -o json` and `az network nsg show -o json`
// (fixtures: test/fixtures/audit/README.md says where their shape comes from).
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "chai";
import fc from "fast-check";
import ipaddr from "ipaddr.js";
import { auditGroups, drift, planSelection } from "../audit/audit.js";
import type { AuditInput, ExistingRule } from "../audit/model.js";
import { auditRoles } from "../audit/roles.js";
import { combineExports, parseExport, readExport } from "../audit/parse.js";
import { PortcatalogError } from "../catalog/errors.js";
import { CatalogNetworkSecurityRules } from "../components/index.js";
import { setupMocks } from "../testing/index.js";
import { runCli } from "./support/cli.js";
import { nsgShow } from "./support/exports.js";

const FIX = join(__dirname, "fixtures", "audit");
const load = (...names: string[]): AuditInput => combineExports(names.map((n) => readExport(join(FIX, n))));
const SUB = "/subscriptions/00000000-0000-0000-0000-000000000000";
const NSG = `${SUB}/resourceGroups/rg/providers/Microsoft.Network/networkSecurityGroups/nsg`;
const asg = (name: string) => `${SUB}/resourceGroups/rg/providers/Microsoft.Network/applicationSecurityGroups/${name}`;

let n = 0;
let priority = 100;
/** A rule as the CLI prints it (flattened); `over` replaces or adds fields, `undefined` removes one. */
function azRule(over: Record<string, unknown> = {}): Record<string, unknown> {
  const name = (over.name as string) ?? `r${n++}`;
  const base: Record<string, unknown> = {
    access: "Allow", destinationAddressPrefix: "*", destinationAddressPrefixes: [], destinationPortRange: "3306", destinationPortRanges: [], direction: "Inbound",
    etag: 'W/"1"', id: `${NSG}/securityRules/${name}`, name, priority: priority++, protocol: "Tcp", provisioningState: "Succeeded", resourceGroup: "rg",
    sourceAddressPrefix: "*", sourceAddressPrefixes: [], sourcePortRange: "*", sourcePortRanges: [], type: "Microsoft.Network/networkSecurityGroups/securityRules",
  };
  const out = { ...base, ...over, name, id: over.id ?? `${NSG}/securityRules/${name}` };
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined));
}
const input = (...rules: Record<string, unknown>[]) => combineExports([parseExport("nsg.json", JSON.stringify(rules))]);
const findings = (i: AuditInput, products?: string[]) => auditGroups(i, { products }).groups.flatMap((g) => g.rules.flatMap((a) => a.findings.map((f) => `${a.rule.id} ${f.kind}`)));
const MYSQL = ["openstack/cloud"];

describe("audit, Azure: exports read by their shape", () => {
  it("az network nsg show: custom and default rules of one NSG, its ARM id and name", () => {
    const parsed = readExport(join(FIX, "azure-nsg-show.json"));
    expect([parsed.shape, parsed.cloud, parsed.azureRules?.length]).to.deep.equal(["azure-nsg", "azure", 8]);
    const [g] = load("azure-nsg-show.json").groups;
    expect([g.name, g.id.endsWith("/networkSecurityGroups/anbox-applianceNSG"), g.notes]).to.deep.equal(["anbox-applianceNSG", true, undefined]);
    expect(g.azureRules?.filter((r) => r.isDefault).map((r) => `${r.name} ${r.priority}`)).to.deep.equal([
      "AllowVnetInBound 65000", "AllowAzureLoadBalancerInBound 65001", "DenyAllInBound 65500", "AllowVnetOutBound 65000", "AllowInternetOutBound 65001", "DenyAllOutBound 65500",
    ]);
  });
  it("az network nsg rule list: a list of rules; without --include-default the report says the defaults are not judged", () => {
    const parsed = readExport(join(FIX, "azure-rule-list.json"));
    expect([parsed.shape, parsed.cloud]).to.deep.equal(["azure-rules", "azure"]);
    const [g] = load("azure-rule-list.json").groups;
    expect(g.notes?.[0]).to.match(/^Azure's default rules are not in the export \(`az network nsg rule list` without --include-default\)/);
    expect(g.members, "every custom allow lets traffic into asg-control").to.equal(asg("asg-control").replace("/rg/", "/anbox-prod/"));
  });
  it("ARM's nested `properties` shape (az rest, the REST API) reads the same as the CLI's flattened one", () => {
    const flat = azRule({ name: "web", destinationPortRanges: ["443", "80-81"], destinationPortRange: undefined });
    const { name, id, etag, type, resourceGroup, ...props } = flat;
    const nested = { name, id, etag, type, properties: props };
    const a = input(flat).groups[0].rules;
    const b = combineExports([parseExport("n.json", JSON.stringify({ id: NSG, name: "nsg", properties: { securityRules: [nested], defaultSecurityRules: [] } }))]).groups[0].rules;
    expect(b).to.deep.equal(a.map((r) => ({ ...r, origin: r.origin.replace("nsg.json: [0]", "n.json: properties.securityRules[0]") })));
    expect(a.map((r) => [r.protocol, r.fromPort, r.toPort, r.family])).to.deep.equal([
      ["tcp", 80, 81, "IPv4"],
      ["tcp", 80, 81, "IPv6"],
      ["tcp", 443, 443, "IPv4"],
      ["tcp", 443, 443, "IPv6"],
    ]);
  });
  it("an ASG source is a group peer; a bare address is its host prefix; service tags are tags", () => {
    const rules = input(
      azRule({ name: "a", sourceAddressPrefix: undefined, sourceApplicationSecurityGroups: [{ id: asg("lxd"), resourceGroup: "rg" }] }),
      azRule({ name: "b", sourceAddressPrefix: "192.0.2.7" }),
      azRule({ name: "c", sourceAddressPrefix: "Storage.WestEurope" }),
    ).groups[0].rules;
    expect(rules.map((r) => [r.id, r.family, r.peer])).to.deep.equal([
      ["a", "any", { kind: "group", id: asg("lxd") }],
      ["b", "IPv4", { kind: "cidr", cidr: "192.0.2.7/32" }],
      ["c", "any", { kind: "service-tag", id: "Storage.WestEurope" }],
    ]);
  });
});

describe("audit, Azure: what the rules let through (first match by priority)", () => {
  it("a Deny at a lower priority number removes what a later Allow allows; a Deny after it removes nothing", () => {
    const allow = azRule({ name: "allow", priority: 300 });
    expect(findings(input(azRule({ name: "deny", access: "Deny", priority: 200, sourceAddressPrefix: "Internet" }), allow), MYSQL)).to.deep.equal([]);
    // Internet is the public addresses outside the virtual network: the private ranges stay allowed, and so does the
    // virtual network itself (whose addresses may be public), as its tag.
    const left = input(azRule({ name: "deny", access: "Deny", priority: 200, sourceAddressPrefix: "Internet" }), allow).groups[0].rules;
    expect(left.filter((r) => r.peer.kind !== "cidr").map((r) => [r.peer, r.family])).to.deep.equal([[{ kind: "service-tag", id: "VirtualNetwork" }, "any"]]);
    expect(left.map((r) => (r.peer.kind === "cidr" ? r.peer.cidr : ""))).to.include.members(["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "8000::/1"]);
    expect(findings(input(azRule({ name: "deny", access: "Deny", priority: 400, sourceAddressPrefix: "Internet" }), allow), MYSQL)).to.deep.equal(["allow#1 internal-to-world", "allow#2 internal-to-world"]);
  });
  it("a Deny of part of the addresses, ports or protocols leaves the rest, exactly", () => {
    const i = input(
      azRule({ name: "deny", access: "Deny", priority: 200, protocol: "*", sourceAddressPrefix: "0.0.0.0/1", destinationPortRange: "3306-3307" }),
      azRule({ name: "allow", priority: 300, protocol: "*", sourceAddressPrefix: "0.0.0.0/0", destinationPortRange: "3300-3310" }),
    );
    const shown = i.groups[0].rules.map((r) => `${r.protocol} ${r.fromPort}-${r.toPort} ${(r.peer as { cidr: string }).cidr}`);
    expect(shown).to.have.members([
      "tcp 3300-3305 0.0.0.0/0", "tcp 3308-3310 0.0.0.0/0", "tcp 3306-3307 128.0.0.0/1",
      "udp 3300-3305 0.0.0.0/0", "udp 3308-3310 0.0.0.0/0", "udp 3306-3307 128.0.0.0/1",
      // ICMP, ESP, AH and the rest have no ports: a Deny on some ports is not certain to stop them.
      "other 0-65535 0.0.0.0/0", "other 0-65535 0.0.0.0/0", "other 0-65535 0.0.0.0/0", "other 0-65535 0.0.0.0/0",
    ]);
    // MySQL is open only to 128.0.0.0/1: not the world.
    expect(findings(i, MYSQL).filter((f) => f.endsWith("internal-to-world"))).to.deep.equal([]);
    // A Deny of TCP leaves a `*` rule's UDP.
    const tcpDenied = input(azRule({ name: "deny", access: "Deny", priority: 200 }), azRule({ name: "allow", priority: 300, protocol: "*", destinationPortRange: "*" }));
    expect(new Set(tcpDenied.groups[0].rules.map((r) => r.rawProtocol))).to.deep.equal(new Set(["tcp (*)", "udp (*)", "icmp (*)", "esp (*)", "ah (*)", "other (*)"]));
    expect(tcpDenied.groups[0].rules.filter((r) => r.protocol === "tcp").map((r) => `${r.fromPort}-${r.toPort}`)).to.have.members(["0-3305", "3307-65535", "0-3305", "3307-65535"]);
  });
  it("a Deny that does not certainly match keeps the Allow: narrower destination or source ports", () => {
    const allow = azRule({ name: "allow", priority: 300 });
    const narrowTo = azRule({ name: "d1", access: "Deny", priority: 200, destinationAddressPrefix: "10.0.0.4" });
    const narrowFrom = azRule({ name: "d2", access: "Deny", priority: 201, sourcePortRange: "1024-65535" });
    expect(input(narrowTo, narrowFrom, allow).groups[0].rules.map((r) => r.id)).to.deep.equal(["allow#1", "allow#2"]);
  });
  it("a Deny from VirtualNetwork removes ASG peers and the tag, not address prefixes; a Deny from the ASG removes that ASG", () => {
    const i = input(
      azRule({ name: "deny", access: "Deny", priority: 200, sourceAddressPrefix: "VirtualNetwork" }),
      azRule({ name: "asg", priority: 300, sourceAddressPrefix: undefined, sourceApplicationSecurityGroups: [{ id: asg("a") }] }),
      azRule({ name: "cidr", priority: 301, sourceAddressPrefix: "10.0.0.0/8" }),
      azRule({ name: "deny-b", access: "Deny", priority: 302, destinationPortRange: "5000", sourceAddressPrefix: undefined, sourceApplicationSecurityGroups: [{ id: asg("b") }] }),
      azRule({ name: "b", priority: 303, destinationPortRange: "5000", sourceAddressPrefix: undefined, sourceApplicationSecurityGroups: [{ id: asg("b") }, { id: asg("c") }] }),
    );
    expect(i.groups[0].rules.map((r) => r.id)).to.deep.equal(["cidr", "b"]);
    expect(i.groups[0].rules[1].peer).to.deep.equal({ kind: "group", id: asg("c") });
  });
  it("Azure's defaults: AllowVnetInBound is closed by a VirtualNetwork deny, DenyAllInBound allows nothing, the platform's rules are neither drift nor duplicates", () => {
    const [g] = load("azure-nsg-show.json").groups;
    const platform = g.rules.filter((r) => r.platform).map((r) => r.id);
    expect(platform).to.deep.equal(["AllowVnetInBound", "AllowAzureLoadBalancerInBound", "AllowVnetOutBound", "AllowInternetOutBound#1", "AllowInternetOutBound#2"]);
    expect(g.rules.some((r) => r.id.startsWith("DenyAll"))).to.equal(false);
    const d = drift(g, planSelection("azure", { products: ["anbox-cloud/appliance"] }));
    expect(d.remove.concat(d.keep.map((k) => k.existing)).some((r) => r.platform)).to.equal(false);
    const closed = input(azRule({ name: "close", access: "Deny", priority: 4096, protocol: "*", sourceAddressPrefix: "VirtualNetwork", destinationPortRange: "*" }), {
      ...azRule({ name: "AllowVnetInBound", priority: 65000, protocol: "*", sourceAddressPrefix: "VirtualNetwork", destinationAddressPrefix: "VirtualNetwork", destinationPortRange: "*" }),
      id: `${NSG}/defaultSecurityRules/AllowVnetInBound`,
    });
    expect(closed.groups[0].rules).to.deep.equal([]);
  });
});

describe("audit, Azure: a Deny takes away only what it certainly matches, as Azure evaluates it (issue 24)", () => {
  const deny = (over: Record<string, unknown>) => azRule({ name: "deny", access: "Deny", priority: 200, ...over });
  const allow = (over: Record<string, unknown> = {}) => azRule({ name: "allow", priority: 300, ...over });
  const peers = (i: AuditInput) => i.groups[0].rules.map((r) => `${r.protocol} ${r.peer.kind === "cidr" ? r.peer.cidr : `${r.peer.kind}:${(r.peer as { id: string }).id.split("/").pop()}`}${r.target ? ` into ${r.target.split("/").pop()}` : ""}`);
  // [what, rules, whether MySQL is open to the world (0: no), a peer that must stay allowed (or "" for none)]
  const CASES: [string, Record<string, unknown>[], number, string][] = [
    ["a Deny from Internet keeps the virtual network's private prefixes", [deny({ sourceAddressPrefix: "Internet" }), allow({ sourceAddressPrefix: "10.0.0.0/8" })], 0, "tcp 10.0.0.0/8"],
    ["a Deny from Internet keeps VirtualNetwork", [deny({ sourceAddressPrefix: "Internet" }), allow({ sourceAddressPrefix: "VirtualNetwork" })], 0, "tcp service-tag:VirtualNetwork"],
    ["a Deny whose destination is Internet matches no inbound traffic (the machine's private address)", [deny({ destinationAddressPrefix: "Internet" }), allow()], 2, "tcp 0.0.0.0/0"],
    ["a Deny of the private ranges leaves every public IPv4 address: the world", [deny({ sourceAddressPrefix: undefined, sourceAddressPrefixes: ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"] }), allow({ sourceAddressPrefix: "0.0.0.0/0" })], 4, "tcp 0.0.0.0/5"],
    ["an Allow from Internet is the world", [allow({ sourceAddressPrefix: "Internet" })], 2, "tcp 0.0.0.0/0"],
    ["an Allow from Internet after a Deny of a private range (and of IPv6) is still the IPv4 world", [deny({ sourceAddressPrefix: undefined, sourceAddressPrefixes: ["10.0.0.0/8", "::/0"] }), allow({ sourceAddressPrefix: "Internet" })], 4, "tcp 11.0.0.0/8"],
    ["a Deny to VirtualNetwork covers every machine of the NSG", [deny({ destinationAddressPrefix: "VirtualNetwork" }), allow()], 0, ""],
    ["a Deny to the machines' ASG covers an Allow to that ASG only", [deny({ destinationAddressPrefix: undefined, destinationApplicationSecurityGroups: [{ id: asg("db") }] }), allow({ destinationAddressPrefix: undefined, destinationApplicationSecurityGroups: [{ id: asg("db") }, { id: asg("web") }] })], 2, "tcp 0.0.0.0/0 into web"],
    ["a Deny from 0.0.0.0/0 takes IPv4 only: a tag stays for IPv6", [deny({ sourceAddressPrefix: "0.0.0.0/0" }), allow({ sourceAddressPrefix: "Storage" })], 0, "tcp service-tag:Storage"],
    ["a Deny from Storage takes Storage.WestEurope, not an address prefix", [deny({ sourceAddressPrefix: "Storage" }), allow({ sourceAddressPrefix: undefined, sourceAddressPrefixes: ["52.0.0.0/8"] }), azRule({ name: "we", priority: 301, sourceAddressPrefix: "Storage.WestEurope" })], 0, "tcp 52.0.0.0/8"],
    ["an Allow of Icmp on a port lets ICMP in (ports on ICMP are not documented)", [allow({ protocol: "Icmp", destinationPortRange: "8" })], 0, "other 0.0.0.0/0"],
    ["a Deny of Icmp on a port does not certainly stop ICMP", [deny({ protocol: "Icmp", destinationPortRange: "8" }), allow({ protocol: "Icmp", destinationPortRange: "*" })], 0, "other 0.0.0.0/0"],
    ["a Deny from an ASG does not take another ASG", [deny({ sourceAddressPrefix: undefined, sourceApplicationSecurityGroups: [{ id: asg("a") }] }), allow({ sourceAddressPrefix: undefined, sourceApplicationSecurityGroups: [{ id: asg("b") }] })], 0, "tcp group:b"],
  ];
  for (const [what, rules, world, stays] of CASES) {
    it(what, () => {
      const i = input(...rules);
      expect(findings(i, MYSQL).filter((f) => f.endsWith("internal-to-world")).length > 0, peers(i).join("; ")).to.equal(world > 0);
      if (stays) expect(peers(i)).to.include(stays);
      else expect(peers(i)).to.deep.equal([]);
    });
  }
});

describe("audit, Azure: verdicts", () => {
  it("Anbox's Azure quick start (`*` over 80,443,8444,5349,60000-60100 from `*`): AMS 8444 open to the world, TCP on the TURN ports and UDP on 443/8444 wider than the catalog", () => {
    const report = auditGroups(load("azure-nsg-show.json"), { products: ["anbox-cloud/appliance"] });
    const byKind = (kind: string) => report.groups[0].rules.filter((a) => a.findings.some((f) => f.kind === kind)).map((a) => `${a.rule.protocol}/${a.rule.fromPort}-${a.rule.toPort} ${a.rule.family}`);
    // `*` is every protocol on the rule's ports (as the policy pack reads it): TCP and UDP there, and every portless protocol.
    expect(byKind("internal-to-world")).to.have.members(["all/8444-8444 IPv4", "all/8444-8444 IPv6"]);
    expect(byKind("protocol-wider")).to.have.members([
      "all/5349-5349 IPv4", "all/5349-5349 IPv6", "all/60000-60100 IPv4", "all/60000-60100 IPv6",
      "all/443-443 IPv4", "all/443-443 IPv6", "all/8444-8444 IPv4", "all/8444-8444 IPv6",
    ]);
    const allTraffic = report.groups[0].rules.flatMap((a) => a.findings).filter((f) => f.kind === "all-traffic-to-world").map((f) => f.text);
    expect([...new Set(allTraffic)]).to.have.members(["every protocol on port 80 open to 0.0.0.0/0 and ::/0", "every protocol on port 443 open to 0.0.0.0/0 and ::/0", "every protocol on port 5349 open to 0.0.0.0/0 and ::/0", "every protocol on port 8444 open to 0.0.0.0/0 and ::/0", "every protocol on ports 60000-60100 open to 0.0.0.0/0 and ::/0"]);
    const text = report.groups[0].rules.flatMap((a) => a.findings).find((f) => f.kind === "protocol-wider" && f.text.includes("tcp/5349"))?.text;
    expect(text).to.equal("protocol * also opens tcp/5349, where the catalog has udp/5349: Coturn (anbox-cloud/appliance) only");
    expect(report.groups[0].quota).to.deep.equal([{ scope: report.groups[0].group.id, bucket: "rules", used: 2, limit: 1000 }]);
  });
  it("world: `*`, Any, Internet, 0.0.0.0/0 and ::/0, and prefixes that together cover a family, in one rule or two", () => {
    for (const source of [{ sourceAddressPrefix: "*" }, { sourceAddressPrefix: "Any" }, { sourceAddressPrefix: "Internet" }, { sourceAddressPrefix: "0.0.0.0/0" }, { sourceAddressPrefix: "::/0" }, { sourceAddressPrefix: undefined, sourceAddressPrefixes: ["0.0.0.0/1", "128.0.0.0/1"] }]) {
      expect(findings(input(azRule({ name: "w", ...source })), MYSQL).length, JSON.stringify(source)).to.be.greaterThan(0);
    }
    expect(findings(input(azRule({ name: "h1", sourceAddressPrefix: "0.0.0.0/1" }), azRule({ name: "h2", sourceAddressPrefix: "128.0.0.0/1" })), MYSQL)).to.deep.equal(["h1 internal-to-world", "h2 internal-to-world"]);
    expect(findings(input(azRule({ name: "v", sourceAddressPrefix: "VirtualNetwork" }), azRule({ name: "p", sourceAddressPrefix: "10.0.0.0/8" })), MYSQL)).to.deep.equal([]);
  });
  it("--role-groups: ASG ids are the role groups, and a rule is judged as the role of the ASG it lets traffic into", () => {
    const i = load("azure-rule-list.json");
    const id = (name: string) => `${SUB}/resourceGroups/anbox-prod/providers/Microsoft.Network/applicationSecurityGroups/${name}`;
    const roleFindings = auditRoles(i, { product: "anbox-cloud/charmed", release: "1.30", roleGroups: { control: id("asg-control"), lxd: id("asg-lxd") } });
    // lxd calls neither AMS (8444) nor the dashboard (5000) at 1.30; control talks to itself on etcd's 2379, not 2380.
    expect(roleFindings.map((f) => [f.rule.id, f.role, f.from, f.ports])).to.deep.equal([
      ["AllowAmsFromLxd#1", "control", "lxd", ["tcp/5000"]],
      ["AllowAmsFromLxd#2", "control", "lxd", ["tcp/8444"]],
      ["AllowEtcdFromControl", "control", "control", ["tcp/2380"]],
      // A Deny from Internet before `*` leaves the virtual network, every role of it, in on 3306 (no flow at all).
      ["AllowMysqlLegacy#17", "control", "control", ["tcp/3306"]],
      ["AllowMysqlLegacy#17", "control", "lxd", ["tcp/3306"]],
    ]);
    expect(roleFindings.every((f) => f.groupId === id("asg-control"))).to.equal(true);
  });
  it("--role-groups: an ASG id in another case is the same ASG (ARM ids are case-insensitive), and still one group per role", () => {
    const i = load("azure-rule-list.json");
    const id = (name: string) => `${SUB}/resourceGroups/anbox-prod/providers/Microsoft.Network/applicationSecurityGroups/${name}`;
    const exact = auditRoles(i, { product: "anbox-cloud/charmed", release: "1.30", roleGroups: { control: id("asg-control"), lxd: id("asg-lxd") } });
    const shouted = auditRoles(i, { product: "anbox-cloud/charmed", release: "1.30", roleGroups: { control: id("asg-control").toUpperCase(), lxd: id("asg-lxd").toUpperCase() } });
    expect(shouted.map((f) => [f.rule.id, f.role, f.from, f.ports])).to.deep.equal(exact.map((f) => [f.rule.id, f.role, f.from, f.ports]));
    expect(exact.length).to.be.greaterThan(0);
    expect(() => auditRoles(i, { product: "anbox-cloud/charmed", release: "1.30", roleGroups: { control: id("asg-x"), lxd: id("ASG-X") } })).to.throw(/roleGroups\.lxd: group ".*ASG-X" is already roleGroups\.control: a group holds one role/);
  });
});

const SHOW = readFileSync(join(FIX, "azure-nsg-show.json"), "utf8");
const BAD: [string, unknown, RegExp][] = [
  ["an unknown protocol", [azRule({ name: "x", protocol: "Gre" })], /^f\.json: \[0\] \(x\)\.protocol: unknown protocol "Gre": Azure's are Tcp, Udp, Icmp, Esp, Ah, \*$/],
  ["a port above 65535", [azRule({ name: "x", destinationPortRange: "70000" })], /^f\.json: \[0\] \(x\)\.destinationPortRange: port 70000 is outside 0-65535$/],
  ["a range that runs backwards", [azRule({ name: "x", destinationPortRange: undefined, destinationPortRanges: ["90-80"] })], /^f\.json: \[0\] \(x\)\.destinationPortRanges\[0\]: range 90-80 runs backwards$/],
  ["a port that is not one", [azRule({ name: "x", destinationPortRange: "http" })], /destinationPortRange: expected a port, a range like "1000-2000" or "\*", got "http"$/],
  ["a rule without direction", [azRule({ name: "x", direction: undefined })], /^f\.json: \[0\] \(x\)\.direction: expected "Inbound" or "Outbound", got nothing$/],
  ["a rule without destination ports", [azRule({ name: "x", destinationPortRange: undefined })], /^f\.json: \[0\] \(x\): missing destinationPortRange: none of destinationPortRange, destinationPortRanges$/],
  ["a rule without a source", [azRule({ name: "x", sourceAddressPrefix: undefined })], /^f\.json: \[0\] \(x\): missing source: none of sourceAddressPrefix, sourceAddressPrefixes, sourceApplicationSecurityGroups$/],
  ["a rule without a name", [azRule({ name: "x", id: `${NSG}/securityRules/x` })].map(({ name: _n, ...r }) => r), /^f\.json: \[0\]\.name: expected the rule's name, got nothing$/],
  ["a priority outside 100-4096", [azRule({ name: "x", priority: 99 })], /^f\.json: \[0\] \(x\)\.priority: expected a whole number from 100 to 4096, got 99$/],
  ["two rules on one priority", [azRule({ name: "x", priority: 500 }), azRule({ name: "y", priority: 500 })], /^f\.json: \[1\] \(y\): priority 500 is also f\.json: \[0\] \(x\)'s, which Azure does not allow in one direction$/],
  ["an unknown field (a misspelling)", [azRule({ name: "x", sourceAddressPrefixs: [] })], /^f\.json: \[0\]: unknown field "sourceAddressPrefixs"/],
  ["access misspelt", [azRule({ name: "x", access: "allow" })], /\(x\)\.access: expected "Allow" or "Deny", got "allow"$/],
  ["an address that is none", [azRule({ name: "x", sourceAddressPrefix: "10.0.0.0/33" })], /sourceAddressPrefix: "10\.0\.0\.0\/33" is neither an IP address, a CIDR, "\*" nor a service tag$/],
  ["prefixes and ASGs on one side", [azRule({ name: "x", sourceApplicationSecurityGroups: [{ id: asg("a") }] })], /\(x\): both source address prefixes and sourceApplicationSecurityGroups: Azure takes one or the other$/],
  ["an id that is not a rule's", [azRule({ name: "x", id: "/subscriptions/s/x" })], /\(x\)\.id: "\/subscriptions\/s\/x" is not a security rule's ARM id/],
  ["an NSG whose rules are another NSG's", { ...JSON.parse(SHOW), id: `${NSG}2` }, /^f\.json: securityRules\[0\] \(SSH\): its id is not under the NSG's id/],
  ["a default rule listed as custom", { id: NSG, securityRules: [{ ...azRule({ name: "x", priority: 65000 }), id: `${NSG}/defaultSecurityRules/x` }] }, /\(x\)\.id: a custom rule whose id is under defaultSecurityRules$/],
];

describe("audit, Azure: hostile files are one line naming the file, the rule and the field", () => {
  for (const [title, doc, message] of BAD) {
    it(title, () => {
      expect(() => combineExports([parseExport("f.json", JSON.stringify(doc))])).to.throw(PortcatalogError, message);
    });
  }
  it("truncated JSON, the same export twice, and Azure beside AWS", () => {
    expect(() => parseExport("f.json", SHOW.slice(0, 200))).to.throw(PortcatalogError, /^f\.json: not valid JSON/);
    expect(() => load("azure-nsg-show.json", "azure-nsg-show.json")).to.throw(PortcatalogError, /azure-nsg-show\.json: securityRules\[0\] \(SSH\): rule SSH is also in .*azure-nsg-show\.json: securityRules\[0\] \(SSH\): give each export once$/);
    expect(() => load("azure-nsg-show.json", "aws-rules.json")).to.throw(PortcatalogError, /aws-rules\.json: an AWS export, but azure-nsg-show\.json is Azure: audit one cloud at a time$/);
  });
  it("the CLI: UTF-16 with its mark (PowerShell 5's `>`) is read; a bad file is exit 1 and one line, no stack", async () => {
    const dir = mkdtempSync(join(tmpdir(), "audit-azure-"));
    const ps = join(dir, "ps.json");
    writeFileSync(ps, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(SHOW, "utf16le")]));
    const ok = await runCli(["audit", ps, "--products", "anbox-cloud/appliance"]);
    expect(ok.status).to.equal(2);
    expect(ok.stdout).to.match(/^Azure audit: 1 NSG, /);
    expect(ok.stdout).to.contain("internal-only port open to 0.0.0.0/0 and ::/0: tcp/8444: AMS API");
    const bad = join(dir, "bad.json");
    writeFileSync(bad, JSON.stringify([azRule({ name: "x", protocol: "Gre" })]));
    const r = await runCli(["audit", bad]);
    expect([r.status, r.stdout, r.stderr.trim().split("\n").length]).to.deep.equal([1, "", 1]);
    expect(r.stderr).to.match(/bad\.json: \[0\] \(x\)\.protocol: unknown protocol "Gre"/);
  });
});

describe("audit, Azure: round trip (a component's plan, exported as the CLI prints it, audits clean)", () => {
  it("CatalogNetworkSecurityRules for Anbox (charmed) and OpenStack with admin CIDRs and the members' ASG: no findings, no drift", async () => {
    const members = asg("members");
    const sources = { admin: { cidrIpv4: ["10.1.0.0/24"], cidrIpv6: ["2001:db8::/48"] } };
    const products = ["anbox-cloud/charmed", "openstack/cloud"];
    const rec = await setupMocks();
    new CatalogNetworkSecurityRules("rt", { resourceGroupName: "rg", networkSecurityGroupName: "nsg", applicationSecurityGroupId: members, products: products.map((product) => ({ product })), sources });
    await rec.settled();
    const rules = rec.ofType("azure-native:network:SecurityRule");
    expect(rules.length).to.be.greaterThan(5);
    const parsed = combineExports([parseExport("rt.json", nsgShow(rules, NSG))]);
    const [g] = parsed.groups;
    expect(g.members).to.equal(members);
    const report = auditGroups(parsed, { products });
    expect(report.groups[0].rules.flatMap((a) => a.findings.map((f) => `${a.rule.id}: ${f.text}`))).to.deep.equal([]);
    const d = drift(g, planSelection("azure", { products, sources }));
    expect([d.add.map((r) => r.key), d.remove.map((r) => r.id)]).to.deep.equal([[], []]);
    expect(d.keep.length).to.be.greaterThan(rules.length);
  });
});

// ---- property: the effective set against a brute-force first-match evaluator -----------------------------

// Prefixes only (service tags and ASGs: test/audit-azure.property.test.ts, where the audit may only err towards open).
const PREFIXES = ["*", "Any", "0.0.0.0/0", "::/0", "0.0.0.0/1", "128.0.0.0/1", "10.0.0.0/8", "10.1.0.0/16", "192.168.1.7", "2001:db8::/32", "2001:db8::1"];
const PORTS = ["*", "22", "80-90", "85", "3306", "1000-2000", "0-100", "65535"];
const PROTOCOLS = ["Tcp", "Udp", "Icmp", "*"];
const ADDRESSES = ["10.0.0.1", "10.1.2.3", "10.200.0.1", "127.0.0.1", "128.0.0.1", "192.168.1.7", "192.168.1.8", "2001:db8::1", "2001:db8::2", "2002::1"];
const POINT_PORTS = [0, 22, 79, 80, 85, 90, 91, 100, 999, 1000, 1500, 2000, 2001, 3306, 65535];

type Gen = { access: string; priority: number; protocol: string; sources: string[]; ports: string[] };
const contains = (prefix: string, address: string) => {
  if (prefix === "*" || prefix === "Any") return true;
  const a = ipaddr.parse(address);
  const [net, bits] = prefix.includes("/") ? ipaddr.parseCIDR(prefix) : [ipaddr.parse(prefix), ipaddr.parse(prefix).kind() === "ipv4" ? 32 : 128];
  return a.kind() === net.kind() && a.match(net, bits);
};
const portIn = (range: string, port: number) => range === "*" || (([f, t]) => port >= f && port <= (t ?? f))(range.split("-").map(Number));

/** Azure's first match for TCP and UDP: by priority, the first rule whose protocol, port and source match. */
function firstMatch(rules: readonly Gen[], protocol: string, port: number, address: string): boolean {
  for (const r of [...rules].sort((a, b) => a.priority - b.priority)) {
    const proto = r.protocol === "*" || r.protocol.toLowerCase() === protocol;
    const ports = r.ports.some((p) => portIn(p, port));
    if (proto && ports && r.sources.some((s) => contains(s, address))) return r.access === "Allow";
  }
  return false;
}
const allows = (rules: readonly ExistingRule[], protocol: string, port: number, address: string) =>
  rules.some((r) => (r.protocol === "all" || r.protocol === protocol) && port >= r.fromPort && port <= r.toPort && r.peer.kind === "cidr" && contains(r.peer.cidr, address));

describe("audit, Azure: property", () => {
  it("what the effective rules allow of TCP and UDP is exactly what Azure's first match allows, for random Deny/Allow lists of prefixes", () => {
    const rule = fc.record({
      access: fc.constantFrom("Allow", "Deny"),
      priority: fc.integer({ min: 100, max: 4096 }),
      protocol: fc.constantFrom(...PROTOCOLS),
      sources: fc.uniqueArray(fc.constantFrom(...PREFIXES), { minLength: 1, maxLength: 3 }),
      ports: fc.uniqueArray(fc.constantFrom(...PORTS), { minLength: 1, maxLength: 3 }),
    });
    fc.assert(
      fc.property(fc.uniqueArray(rule, { minLength: 1, maxLength: 8, selector: (r) => r.priority }), (gens) => {
        const exported = gens.map((g, i) => azRule({ name: `g${i}`, access: g.access, priority: g.priority, protocol: g.protocol, sourceAddressPrefix: undefined, sourceAddressPrefixes: g.sources, destinationPortRange: undefined, destinationPortRanges: g.ports }));
        const rules = input(...exported).groups[0]?.rules ?? [];
        for (const protocol of ["tcp", "udp"]) {
          for (const port of POINT_PORTS) {
            for (const address of ADDRESSES) {
              const want = firstMatch(gens, protocol, port, address);
              if (allows(rules, protocol, port, address) !== want) throw new Error(`${protocol}/${port} from ${address}: Azure ${want ? "allows" : "denies"}, the audit says the opposite`);
            }
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe("portcatalog import, Azure: rules adopted under the component's names, only when name, priority and content are the component's", () => {
  const members = asg("members");
  const sources = { admin: { cidrIpv4: ["10.1.0.0/24"] } };
  const args = { products: [{ product: "anbox-cloud/appliance" }], sources, allFeatures: true };
  async function exported(): Promise<{ show: string; names: string[] }> {
    const rec = await setupMocks();
    new CatalogNetworkSecurityRules("anbox", { resourceGroupName: "rg", networkSecurityGroupName: "nsg", applicationSecurityGroupId: members, ...args });
    await rec.settled();
    const rules = rec.ofType("azure-native:network:SecurityRule");
    return { show: nsgShow(rules, NSG), names: rules.map((r) => r.name).sort() };
  }
  it("the component's own rules, exported: every one adopted by its ARM id, nothing to add or remove", async () => {
    const { show, names } = await exported();
    const dir = mkdtempSync(join(tmpdir(), "import-azure-"));
    writeFileSync(join(dir, "nsg.json"), show);
    const r = await runCli(["import", join(dir, "nsg.json"), "--component", "CatalogNetworkSecurityRules", "--name", "anbox", "--args", JSON.stringify(args), "--out", join(dir, "import.json"), "--json"]);
    expect(r.stderr).to.equal("");
    expect(r.status).to.equal(0);
    const file = JSON.parse(readFileSync(join(dir, "import.json"), "utf8")) as { resources: { type: string; name: string; id?: string }[] };
    const rules = file.resources.filter((x) => x.type === "azure-native:network:SecurityRule");
    expect(rules.map((x) => x.name).sort()).to.deep.equal(names);
    for (const x of rules) expect(x.id).to.equal(`${NSG}/securityRules/${x.name.replace(/^anbox-/, "")}`);
  });
  it("the same rule under another name or priority is not adopted, and says why; a rule not in the plan is not either", async () => {
    const { show } = await exported();
    const doc = JSON.parse(show) as { securityRules: Record<string, unknown>[] };
    const moved = doc.securityRules.find((r) => r.priority !== 4095 && r.priority !== 4096) as Record<string, unknown>;
    const oldName = moved.name as string;
    Object.assign(moved, { name: "AllowAnbox", id: `${NSG}/securityRules/AllowAnbox`, priority: 333 });
    doc.securityRules.push(azRule({ name: "ssh", priority: 334, destinationPortRange: "22" }));
    const dir = mkdtempSync(join(tmpdir(), "import-azure-"));
    writeFileSync(join(dir, "nsg.json"), JSON.stringify(doc));
    const r = await runCli(["import", join(dir, "nsg.json"), "--component", "CatalogNetworkSecurityRules", "--name", "anbox", "--args", JSON.stringify(args), "--out", join(dir, "import.json"), "--json"]);
    expect(r.stderr).to.equal("");
    expect(r.status).to.equal(2);
    const out = JSON.parse(r.stdout) as { notAdopted: { name: string; reason: string }[]; add: { azureName: string }[] };
    expect(out.notAdopted.map((x) => x.name)).to.deep.equal(["AllowAnbox", "ssh"]);
    expect(out.notAdopted[0].reason).to.match(new RegExp(`^the same rule as the component's anbox-${oldName}, but named AllowAnbox at priority 333 where the component names it ${oldName} at \\d+: an Azure rule's name cannot change`));
    expect(out.notAdopted[1].reason).to.equal("not in the plan");
    expect(out.add.map((a) => a.azureName)).to.deep.equal([oldName]);
  });
  it("an AWS component for an Azure export names the Azure ones", async () => {
    const dir = mkdtempSync(join(tmpdir(), "import-azure-"));
    const r = await runCli(["import", join(FIX, "azure-rule-list.json"), "--component", "CatalogSecurityGroup", "--name", "x", "--out", join(dir, "i.json")]);
    expect([r.status, r.stderr.trim()]).to.deep.equal([1, 'portcatalog: unknown Azure component "CatalogSecurityGroup" for an Azure export: use "AnboxApplianceNetworkSecurityGroup", "AnboxCloudNetworkSecurityGroup", "CatalogNetworkSecurityGroup", "CatalogNetworkSecurityRules" or "Wso2NetworkSecurityGroup"']);
  });
  it("the Azure deployment class, which makes one NSG per role, refuses one NSG's export and says what to use", async () => {
    const dir = mkdtempSync(join(tmpdir(), "import-azure-"));
    const r = await runCli(["import", join(FIX, "azure-rule-list.json"), "--component", "CatalogDeploymentNetworkSecurityGroups", "--name", "x", "--out", join(dir, "i.json")]);
    expect(r.status).to.equal(1);
    expect(r.stderr.trim().split("\n")).to.have.length(1);
    expect(r.stderr).to.match(/^portcatalog: CatalogDeploymentNetworkSecurityGroups makes one NSG per role .* CatalogNetworkSecurityGroup and that role's "role" and "roleGroups"\n$/);
    expect(existsSync(join(dir, "i.json"))).to.equal(false);
  });
});
