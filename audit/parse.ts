// Readers for the exports the clouds' own tools print, each strict about its shape: a file of the
// wrong cloud or shape, truncated JSON or an unknown field is one error naming the file and what
// is wrong, before anything is reported.
//
// Shapes, with the field names and casing they really have:
// - `aws ec2 describe-security-group-rules --output json`: `{"SecurityGroupRules": [SecurityGroupRule]}`.
//   SecurityGroupRule fields per the EC2 API reference (API_SecurityGroupRule: securityGroupRuleId,
//   groupId, groupOwnerId, isEgress, ipProtocol, fromPort, toPort, cidrIpv4, cidrIpv6, prefixListId,
//   referencedGroupInfo, description, tags, securityGroupRuleArn), which the CLI prints capitalised
//   (`SecurityGroupRuleId`, `IsEgress`, …); referencedGroupInfo is API_ReferencedSecurityGroup
//   (GroupId, PeeringStatus, UserId, VpcId, VpcPeeringConnectionId).
// - `aws ec2 describe-security-groups --output json`: `{"SecurityGroups": [SecurityGroup]}` (API_SecurityGroup:
//   GroupId, GroupName, Description, VpcId, OwnerId, IpPermissions, IpPermissionsEgress, Tags, SecurityGroupArn).
//   Names, VPCs and descriptions, and the rules themselves: each IpPermission (API_IpPermission: IpProtocol,
//   FromPort, ToPort, IpRanges[{CidrIp, Description}], Ipv6Ranges[{CidrIpv6, Description}],
//   PrefixListIds[{PrefixListId, Description}], UserIdGroupPairs[API_UserIdGroupPair]) holds one rule per
//   range, prefix list or group pair. They carry no rule id: a rules file's copy of the same rule wins.
// - `openstack security group rule list --long -f json`: a list of rows keyed by the column headers of
//   python-openstackclient's openstackclient/network/v2/security_group_rule.py (ListSecurityGroupRule):
//   "ID", "IP Protocol", "Ethertype", "IP Range", "Port Range", "Direction", "Remote Security Group",
//   "Remote Address Group", and "Security Group" when no group is named. "Port Range" is
//   network/utils.py format_network_port_range (`""`, `"443:443"`, `"type=3:code=0"`); "IP Range" is
//   format_remote_ip_prefix: `0.0.0.0/0` or `::/0` when the rule has no prefix, even beside a remote group.
// - The Neutron API, GET /v2.0/security-group-rules: `{"security_group_rules": [...]}` with the fields of
//   neutron-lib's api-ref (security-group-rules.inc).
// - `az network nsg rule list -o json` (a list of security rules) and `az network nsg show -o json` (an NSG with
//   `securityRules` and `defaultSecurityRules`): read by audit/azure.ts, whose head cites the shapes.
import { readFileSync, statSync } from "node:fs";
import { basename } from "node:path";
import ipaddr from "ipaddr.js";
import { PortcatalogError } from "../catalog/errors.js";
import { duplicateJsonKey } from "../catalog/json.js";
import { portRange, protocolClass } from "../policy/judge.js";
import { idKey } from "../planner/ids.js";
import { existingKey } from "./audit.js";
import { azureGroups, looksLikeAzureNsg, looksLikeAzureRule, readAzureRule } from "./azure.js";
import type { AuditCloud, AuditInput, AzureRule, ExistingGroup, ExistingPeer, ExistingRule } from "./model.js";

/** Exports larger than this are refused: a real account's rules are a few megabytes at most. */
export const MAX_AUDIT_FILE_BYTES = 16 * 1024 * 1024;

export type ExportShape = "aws-rules" | "aws-groups" | "openstack-cli" | "neutron-api" | "azure-rules" | "azure-nsg";

const AWS_RULE_KEYS = ["SecurityGroupRuleId", "GroupId", "GroupOwnerId", "IsEgress", "IpProtocol", "FromPort", "ToPort", "CidrIpv4", "CidrIpv6", "PrefixListId", "ReferencedGroupInfo", "Description", "Tags", "SecurityGroupRuleArn"];
const AWS_REFERENCED_KEYS = ["GroupId", "PeeringStatus", "UserId", "VpcId", "VpcPeeringConnectionId"];
const AWS_PERMISSION_KEYS = ["IpProtocol", "FromPort", "ToPort", "IpRanges", "Ipv6Ranges", "PrefixListIds", "UserIdGroupPairs"];
const AWS_PAIR_KEYS = ["Description", "GroupId", "GroupName", "PeeringStatus", "UserId", "VpcId", "VpcPeeringConnectionId"];
const AWS_GROUP_KEYS = ["Description", "GroupName", "IpPermissions", "OwnerId", "GroupId", "IpPermissionsEgress", "Tags", "VpcId", "SecurityGroupArn"];
const OSC_KEYS = ["ID", "IP Protocol", "Ethertype", "IP Range", "Port Range", "Direction", "Remote Security Group", "Remote Address Group", "Security Group"];
const NEUTRON_KEYS = [
  "id", "tenant_id", "project_id", "security_group_id", "direction", "ethertype", "protocol", "port_range_min", "port_range_max",
  "remote_ip_prefix", "remote_group_id", "remote_address_group_id", "normalized_cidr", "description", "tags", "created_at",
  "updated_at", "revision_number", "belongs_to_default_sg",
];

/** One parsed file before files are combined. */
export interface ParsedExport {
  file: string;
  shape: ExportShape;
  cloud: AuditCloud;
  rules: ExistingRule[];
  /** Azure: the security rules as exported; `rules` stays empty until the NSGs are joined. */
  azureRules?: AzureRule[];
  /** AWS groups file: names, VPCs and descriptions by group id. */
  groups: Omit<ExistingGroup, "rules">[];
}

const fromPermissions = (r: ExistingRule): boolean => r.fromPermissions === true;

class Reader {
  constructor(readonly file: string) {}
  fail(where: string, what: string): never {
    throw new PortcatalogError(`${this.file}: ${where ? `${where}: ` : ""}${what}`);
  }
  object(where: string, v: unknown, keys: readonly string[]): Record<string, unknown> {
    if (typeof v !== "object" || v === null || Array.isArray(v)) this.fail(where, `expected an object, got ${show(v)}`);
    for (const k of Object.keys(v)) {
      if (!keys.includes(k)) this.fail(where, `unknown field "${k}" (known: ${keys.join(", ")})`);
    }
    return v as Record<string, unknown>;
  }
  string(where: string, v: unknown, optional = false): string | undefined {
    if ((v === undefined || v === null) && optional) return undefined;
    if (typeof v !== "string" || !v) this.fail(where, `expected a non-empty string, got ${show(v)}`);
    return v;
  }
  port(where: string, v: unknown): number | undefined {
    if (v === undefined || v === null) return undefined;
    if (typeof v !== "number" || !Number.isInteger(v) || v < -1 || v > 65535) this.fail(where, `expected a port (-1 to 65535), got ${show(v)}`);
    return v;
  }
  cidr(where: string, v: unknown, family: "IPv4" | "IPv6"): string {
    const s = this.string(where, v) as string;
    const ok = family === "IPv4" ? ipaddr.IPv4.isValidCIDRFourPartDecimal(s) : !ipaddr.IPv4.isValidCIDR(s) && ipaddr.IPv6.isValidCIDR(s);
    if (!ok) this.fail(where, `"${s}" is not an ${family} CIDR`);
    return s;
  }
  list(where: string, v: unknown): unknown[] {
    if (!Array.isArray(v)) this.fail(where, `expected a list, got ${show(v)}`);
    return v;
  }
}

function show(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "a list";
  if (typeof v === "object") return "an object";
  const text = typeof v === "string" ? JSON.stringify(v) : String(v);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

function awsRule(r: Reader, at: string, v: unknown): ExistingRule {
  const o = r.object(at, v, AWS_RULE_KEYS);
  const id = r.string(`${at}.SecurityGroupRuleId`, o.SecurityGroupRuleId) as string;
  const groupId = r.string(`${at}.GroupId`, o.GroupId) as string;
  if (typeof o.IsEgress !== "boolean") r.fail(`${at}.IsEgress`, `expected true or false, got ${show(o.IsEgress)}`);
  const raw = r.string(`${at}.IpProtocol`, o.IpProtocol) as string;
  const from = r.port(`${at}.FromPort`, o.FromPort);
  const to = r.port(`${at}.ToPort`, o.ToPort);
  const peers: [ExistingPeer, "IPv4" | "IPv6" | "any"][] = [];
  if (o.CidrIpv4 !== undefined) peers.push([{ kind: "cidr", cidr: r.cidr(`${at}.CidrIpv4`, o.CidrIpv4, "IPv4") }, "IPv4"]);
  if (o.CidrIpv6 !== undefined) peers.push([{ kind: "cidr", cidr: r.cidr(`${at}.CidrIpv6`, o.CidrIpv6, "IPv6") }, "IPv6"]);
  if (o.PrefixListId !== undefined) peers.push([{ kind: "prefix-list", id: r.string(`${at}.PrefixListId`, o.PrefixListId) as string }, "any"]);
  if (o.ReferencedGroupInfo !== undefined) {
    const ref = r.object(`${at}.ReferencedGroupInfo`, o.ReferencedGroupInfo, AWS_REFERENCED_KEYS);
    peers.push([{ kind: "group", id: r.string(`${at}.ReferencedGroupInfo.GroupId`, ref.GroupId) as string }, "any"]);
  }
  if (peers.length !== 1) r.fail(at, `expected exactly one of CidrIpv4, CidrIpv6, PrefixListId, ReferencedGroupInfo, got ${peers.length}`);
  if (o.Tags !== undefined) r.list(`${at}.Tags`, o.Tags).forEach((t, i) => r.object(`${at}.Tags[${i}]`, t, ["Key", "Value"]));
  const protocol = protocolClass(raw);
  const ports = protocol === "all" ? { fromPort: 0, toPort: 65535 } : portRange(from, to);
  return {
    id,
    groupId,
    direction: o.IsEgress ? "egress" : "ingress",
    family: peers[0][1],
    protocol,
    rawProtocol: raw,
    ...ports,
    peer: peers[0][0],
    description: r.string(`${at}.Description`, o.Description === "" ? undefined : o.Description, true),
    origin: `${r.file}: ${at}`,
  };
}

/** The rules one IpPermission of describe-security-groups holds: one per range, prefix list or group pair. */
function awsPermissionRules(r: Reader, at: string, v: unknown, groupId: string, direction: "ingress" | "egress"): ExistingRule[] {
  const o = r.object(at, v, AWS_PERMISSION_KEYS);
  const raw = r.string(`${at}.IpProtocol`, o.IpProtocol) as string;
  const protocol = protocolClass(raw);
  const ports = protocol === "all" ? { fromPort: 0, toPort: 65535 } : portRange(r.port(`${at}.FromPort`, o.FromPort), r.port(`${at}.ToPort`, o.ToPort));
  const out: ExistingRule[] = [];
  const add = (where: string, peer: ExistingPeer, family: ExistingRule["family"], description: unknown) =>
    out.push({
      id: `${groupId} ${where}`,
      groupId,
      direction,
      family,
      protocol,
      rawProtocol: raw,
      ...ports,
      peer,
      description: typeof description === "string" && description ? description : undefined,
      origin: `${r.file}: ${where}`,
      fromPermissions: true,
    });
  const entries = (key: string, keys: string[]) => (o[key] === undefined ? [] : r.list(`${at}.${key}`, o[key]).map((e, i) => [`${at}.${key}[${i}]`, r.object(`${at}.${key}[${i}]`, e, keys)] as const));
  for (const [where, e] of entries("IpRanges", ["CidrIp", "Description"])) add(where, { kind: "cidr", cidr: r.cidr(`${where}.CidrIp`, e.CidrIp, "IPv4") }, "IPv4", e.Description);
  for (const [where, e] of entries("Ipv6Ranges", ["CidrIpv6", "Description"])) add(where, { kind: "cidr", cidr: r.cidr(`${where}.CidrIpv6`, e.CidrIpv6, "IPv6") }, "IPv6", e.Description);
  for (const [where, e] of entries("PrefixListIds", ["PrefixListId", "Description"])) add(where, { kind: "prefix-list", id: r.string(`${where}.PrefixListId`, e.PrefixListId) as string }, "any", e.Description);
  for (const [where, e] of entries("UserIdGroupPairs", AWS_PAIR_KEYS)) add(where, { kind: "group", id: r.string(`${where}.GroupId`, e.GroupId) as string }, "any", e.Description);
  return out;
}

function neutronRule(r: Reader, at: string, v: unknown): ExistingRule {
  const o = r.object(at, v, NEUTRON_KEYS);
  const direction = o.direction;
  if (direction !== "ingress" && direction !== "egress") r.fail(`${at}.direction`, `expected "ingress" or "egress", got ${show(direction)}`);
  const family = o.ethertype;
  if (family !== "IPv4" && family !== "IPv6") r.fail(`${at}.ethertype`, `expected "IPv4" or "IPv6", got ${show(family)}`);
  if (o.protocol !== null && o.protocol !== undefined && typeof o.protocol !== "string" && typeof o.protocol !== "number") r.fail(`${at}.protocol`, `expected a protocol name, number or null, got ${show(o.protocol)}`);
  const protocol = protocolClass(o.protocol);
  const from = r.port(`${at}.port_range_min`, o.port_range_min);
  const to = r.port(`${at}.port_range_max`, o.port_range_max);
  const group = r.string(`${at}.remote_group_id`, o.remote_group_id, true);
  const addressGroup = r.string(`${at}.remote_address_group_id`, o.remote_address_group_id, true);
  const prefix = o.remote_ip_prefix === null || o.remote_ip_prefix === undefined ? undefined : r.cidr(`${at}.remote_ip_prefix`, o.remote_ip_prefix, family);
  if ([group, addressGroup, prefix].filter(Boolean).length > 1) r.fail(at, "expected at most one of remote_ip_prefix, remote_group_id, remote_address_group_id");
  // Neutron: no remote at all admits every address of the rule's family.
  const peer: ExistingPeer = group ? { kind: "group", id: group } : addressGroup ? { kind: "address-group", id: addressGroup } : { kind: "cidr", cidr: prefix ?? (family === "IPv4" ? "0.0.0.0/0" : "::/0") };
  return {
    id: r.string(`${at}.id`, o.id) as string,
    groupId: r.string(`${at}.security_group_id`, o.security_group_id) as string,
    direction,
    family,
    protocol,
    rawProtocol: o.protocol === null || o.protocol === undefined ? "any" : String(o.protocol),
    ...(protocol === "all" ? { fromPort: 0, toPort: 65535 } : portRange(from, to)),
    peer,
    description: typeof o.description === "string" && o.description ? o.description : undefined,
    ...(typeof (o.project_id ?? o.tenant_id) === "string" && (o.project_id ?? o.tenant_id) ? { project: (o.project_id ?? o.tenant_id) as string } : {}),
    origin: `${r.file}: ${at}`,
  };
}

function oscRule(r: Reader, at: string, v: unknown, group: string | undefined): ExistingRule {
  const o = r.object(at, v, OSC_KEYS);
  for (const k of ["ID", "IP Protocol", "Ethertype", "IP Range", "Port Range", "Direction", "Remote Security Group"]) {
    if (!(k in o)) r.fail(at, `missing "${k}"${k === "Direction" || k === "Ethertype" ? " (old clients print it only with --long)" : ""}`);
  }
  const direction = o.Direction;
  if (direction !== "ingress" && direction !== "egress") r.fail(`${at}.Direction`, `expected "ingress" or "egress", got ${show(direction)}`);
  const family = o.Ethertype;
  if (family !== "IPv4" && family !== "IPv6") r.fail(`${at}.Ethertype`, `expected "IPv4" or "IPv6", got ${show(family)}`);
  const rawProtocol = o["IP Protocol"];
  if (rawProtocol !== null && typeof rawProtocol !== "string" && typeof rawProtocol !== "number") r.fail(`${at}."IP Protocol"`, `expected a protocol or null, got ${show(rawProtocol)}`);
  const protocol = protocolClass(rawProtocol);
  const range = o["Port Range"];
  if (typeof range !== "string") r.fail(`${at}."Port Range"`, `expected text like "443:443" or "", got ${show(range)}`);
  let ports = { fromPort: 0, toPort: 65535 };
  const m = /^(\d+):(\d+)$/.exec(range);
  if (m && protocol !== "all") ports = portRange(Number(m[1]), Number(m[2]));
  else if (range !== "" && !/^type=\d+(:code=\d+)?$/.test(range)) r.fail(`${at}."Port Range"`, `expected "", "<min>:<max>" or "type=<t>:code=<c>", got ${show(range)}`);
  const remoteGroup = r.string(`${at}."Remote Security Group"`, o["Remote Security Group"], true);
  const addressGroup = r.string(`${at}."Remote Address Group"`, o["Remote Address Group"], true);
  // The client prints 0.0.0.0/0 or ::/0 for a rule without a prefix, even when a remote group is set.
  const peer: ExistingPeer = remoteGroup
    ? { kind: "group", id: remoteGroup }
    : addressGroup
      ? { kind: "address-group", id: addressGroup }
      : { kind: "cidr", cidr: r.cidr(`${at}."IP Range"`, o["IP Range"], family) };
  const groupId = "Security Group" in o ? (r.string(`${at}."Security Group"`, o["Security Group"]) as string) : group;
  if (!groupId) r.fail(at, `no "Security Group" column: list the rules without naming a group, or pass --group <id> for this file`);
  return {
    id: r.string(`${at}.ID`, o.ID) as string,
    groupId,
    direction,
    family,
    protocol,
    rawProtocol: rawProtocol === null ? "any" : String(rawProtocol),
    ...ports,
    peer,
    descriptionUnknown: true,
    origin: `${r.file}: ${at}`,
  };
}

/**
 * The text of an export as saved on any system: UTF-8, with or without a byte-order mark, or
 * UTF-16 LE/BE with its mark (what Windows PowerShell 5's `>` and `Out-File` write by default).
 * Anything else is one error: bytes that are not text cannot be judged.
 */
export function decodeExport(file: string, bytes: Uint8Array): string {
  const [a, b, c] = bytes;
  try {
    if (a === 0xef && b === 0xbb && c === 0xbf) return new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(3));
    if (a === 0xff && b === 0xfe) return new TextDecoder("utf-16le", { fatal: true }).decode(bytes.subarray(2));
    if (a === 0xfe && b === 0xff) {
      if (bytes.length % 2) throw new Error("odd length");
      const swapped = new Uint8Array(bytes.length - 2);
      for (let i = 2; i + 1 < bytes.length; i += 2) [swapped[i - 2], swapped[i - 1]] = [bytes[i + 1], bytes[i]];
      return new TextDecoder("utf-16le", { fatal: true }).decode(swapped);
    }
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    const hint = bytes.length > 1 && (bytes[0] === 0 || bytes[1] === 0) ? " (UTF-16 without a byte-order mark? save it as UTF-8)" : "";
    throw new PortcatalogError(`${file}: not UTF-8 or UTF-16 text${hint}`);
  }
}

/** Parses one export's text; `group` names the group for `openstack security group rule list <group>` output. */
export function parseExport(file: string, text: string, options: { group?: string } = {}): ParsedExport {
  const r = new Reader(file);
  let doc: unknown;
  try {
    // A byte-order mark left in decoded text is not JSON's, but it is not the user's mistake either.
    doc = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (err) {
    r.fail("", `not valid JSON (${(err as Error).message.split("\n")[0]}); is the file complete?`);
  }
  // JSON.parse keeps the last of two equal keys: a second "SecurityGroupRules" would hide the first's rules.
  const twice = duplicateJsonKey(text);
  if (twice) r.fail(twice.at === "the top level" ? "" : twice.at, `key ${JSON.stringify(twice.key)} is given twice; the tools never print that, so the file was edited: give each key once`);
  const shapes = "`aws ec2 describe-security-group-rules --output json`, `aws ec2 describe-security-groups --output json`, `openstack security group rule list --long -f json`, the Neutron API's {\"security_group_rules\": [...]}, `az network nsg rule list -o json` or `az network nsg show -o json`";
  if (Array.isArray(doc)) {
    if (!doc.length) r.fail("", "an empty list: no rules to audit (`az network nsg rule list` prints [] for an NSG without custom rules: export it with `az network nsg show -o json`)");
    if (looksLikeAzureRule(doc[0])) return { file, shape: "azure-rules", cloud: "azure", rules: [], groups: [], azureRules: doc.map((v, i) => readAzureRule(file, `[${i}]`, v)) };
    if (typeof doc[0] !== "object" || doc[0] === null || !("ID" in doc[0])) r.fail("[0]", `not a row of \`openstack security group rule list -f json\`; expected one of ${shapes}`);
    return { file, shape: "openstack-cli", cloud: "openstack", rules: doc.map((v, i) => oscRule(r, `[${i}]`, v, options.group)), groups: [] };
  }
  if (typeof doc !== "object" || doc === null) r.fail("", `expected one of ${shapes}, got ${show(doc)}`);
  const o = doc as Record<string, unknown>;
  if (looksLikeAzureNsg(o)) return { file, shape: "azure-nsg", cloud: "azure", rules: [], groups: [], azureRules: azureNsgRules(r, o) };
  if ("SecurityGroupRules" in o) {
    r.object("", o, ["SecurityGroupRules", "NextToken"]);
    return { file, shape: "aws-rules", cloud: "aws", rules: r.list("SecurityGroupRules", o.SecurityGroupRules).map((v, i) => awsRule(r, `SecurityGroupRules[${i}]`, v)), groups: [] };
  }
  if ("SecurityGroups" in o) {
    r.object("", o, ["SecurityGroups", "NextToken"]);
    const rules: ExistingRule[] = [];
    const groups = r.list("SecurityGroups", o.SecurityGroups).map((v, i) => {
      const at = `SecurityGroups[${i}]`;
      const g = r.object(at, v, AWS_GROUP_KEYS);
      const id = r.string(`${at}.GroupId`, g.GroupId) as string;
      for (const [key, direction] of [["IpPermissions", "ingress"], ["IpPermissionsEgress", "egress"]] as const) {
        if (g[key] === undefined) continue;
        r.list(`${at}.${key}`, g[key]).forEach((p, j) => rules.push(...awsPermissionRules(r, `${at}.${key}[${j}]`, p, id, direction)));
      }
      return {
        id,
        name: r.string(`${at}.GroupName`, g.GroupName, true),
        vpcId: r.string(`${at}.VpcId`, g.VpcId, true),
        description: typeof g.Description === "string" ? g.Description : undefined,
      };
    });
    return { file, shape: "aws-groups", cloud: "aws", rules, groups };
  }
  if ("security_group_rules" in o) {
    r.object("", o, ["security_group_rules", "security_group_rules_links"]);
    return { file, shape: "neutron-api", cloud: "openstack", rules: r.list("security_group_rules", o.security_group_rules).map((v, i) => neutronRule(r, `security_group_rules[${i}]`, v)), groups: [] };
  }
  const keys = Object.keys(o).slice(0, 5).map((k) => `"${k}"`).join(", ");
  return r.fail("", `not a security group export (top-level keys ${keys || "none"}); expected one of ${shapes}`);
}

/**
 * The rules of `az network nsg show -o json`: its custom and default rules, each checked to be the NSG's. The
 * NSG's other fields (subnets, interfaces, flow logs, tags …) are not read, so they are not checked either.
 */
function azureNsgRules(r: Reader, doc: Record<string, unknown>): AzureRule[] {
  const nested = typeof doc.properties === "object" && doc.properties !== null && !Array.isArray(doc.properties);
  const o = (nested ? doc.properties : doc) as Record<string, unknown>;
  const prefix = nested ? "properties." : "";
  const id = r.string("id", doc.id) as string;
  const rules: AzureRule[] = [];
  for (const [key, isDefault] of [["securityRules", false], ["defaultSecurityRules", true]] as const) {
    if (o[key] === undefined || o[key] === null) continue;
    r.list(`${prefix}${key}`, o[key]).forEach((v, i) => rules.push(readAzureRule(r.file, `${prefix}${key}[${i}]`, v, isDefault)));
  }
  for (const rule of rules) if (rule.nsgId.toLowerCase() !== id.toLowerCase()) r.fail(rule.origin.slice(r.file.length + 2), `its id is not under the NSG's id ${id}`);
  return rules;
}

/** Reads one export from disk: regular files of at most {@link MAX_AUDIT_FILE_BYTES} only. */
export function readExport(path: string, options: { group?: string } = {}): ParsedExport {
  return parseExport(path, readExportText(path), options);
}

/** One export's text: a regular file of at most {@link MAX_AUDIT_FILE_BYTES}, decoded as {@link decodeExport} reads it. */
export function readExportText(path: string): string {
  let stat: ReturnType<typeof statSync>;
  try {
    stat = statSync(path);
  } catch (err) {
    throw new PortcatalogError(`${path}: cannot read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  if (!stat.isFile()) throw new PortcatalogError(`${path}: not a regular file`);
  if (stat.size > MAX_AUDIT_FILE_BYTES) throw new PortcatalogError(`${path}: ${stat.size} bytes, above the ${MAX_AUDIT_FILE_BYTES}-byte limit for an export; export fewer groups per file`);
  return decodeExport(path, readFileSync(path));
}

/** Each cloud as the reports name it. */
export const CLOUD_TITLE: Record<AuditCloud, string> = { aws: "AWS", openstack: "OpenStack", azure: "Azure" };

/** Combines parsed exports into one cloud's groups. Files of two clouds, or a rule id twice, are errors. */
export function combineExports(parsed: readonly ParsedExport[]): AuditInput {
  if (!parsed.length) throw new PortcatalogError("no input: give the exported JSON files to audit");
  const cloud = parsed[0].cloud;
  const other = parsed.find((p) => p.cloud !== cloud);
  if (other) throw new PortcatalogError(`${other.file}: an ${CLOUD_TITLE[other.cloud]} export, but ${basename(parsed[0].file)} is ${CLOUD_TITLE[cloud]}: audit one cloud at a time`);
  if (cloud === "azure") return { cloud, groups: azureGroups(parsed.flatMap((p) => p.azureRules ?? [])) };
  const groups = new Map<string, ExistingGroup>();
  const seen = new Map<string, string>();
  // Two spellings of one id (case, a UUID's dashes) are one group, shown as first spelled.
  const groupOf = (id: string) => {
    let g = groups.get(idKey(id));
    if (!g) groups.set(idKey(id), (g = { id, rules: [] }));
    return g;
  };
  // A group's rules from several files are one group: joined here, judged together.
  for (const p of parsed) {
    for (const rule of p.rules) {
      if (fromPermissions(rule)) continue;
      const first = seen.get(idKey(rule.id));
      if (first) throw new PortcatalogError(`${rule.origin}: rule ${rule.id} is also in ${first}: give each export once`);
      seen.set(idKey(rule.id), rule.origin);
      groupOf(rule.groupId).rules.push(rule);
    }
  }
  // describe-security-groups' permissions: a rule a rules file (or an earlier groups file) already holds is that rule, once.
  const held = new Map<string, number>();
  for (const g of groups.values()) for (const rule of g.rules) held.set(`${idKey(g.id)}|${existingKey(rule)}`, 1);
  for (const p of parsed) {
    for (const rule of p.rules.filter(fromPermissions)) {
      const k = `${idKey(rule.groupId)}|${existingKey(rule)}`;
      // AWS holds a rule once per group (InvalidPermission.Duplicate), so an equal one is the same rule.
      if (held.has(k)) continue;
      held.set(k, 1);
      groupOf(rule.groupId).rules.push(rule);
    }
  }
  for (const p of parsed) for (const g of p.groups) Object.assign(groupOf(g.id), { name: g.name, vpcId: g.vpcId, description: g.description });
  return { cloud, groups: [...groups.values()] };
}
