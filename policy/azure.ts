// Azure (azure-native) NSG rules as the policy pack's permissions. Inputs are hostile like every
// other: a malformed piece is skipped and reported, never a crash.
import ipaddr from "ipaddr.js";
import type { ReadIngress } from "./ingress.js";
import { type Permission, type ProtocolClass, portRange, protocolClass } from "./judge.js";
import { UNKNOWN } from "./unknown.js";

export const AZURE_RESOURCE_TYPES = ["azure-native:network:SecurityRule", "azure-native:network:NetworkSecurityGroup"] as const;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const show = (v: unknown) => (typeof v === "string" ? JSON.stringify(v) : Array.isArray(v) ? "a list" : v === null ? "null" : typeof v);

// Azure's words for every address: `*`/`Any` and the `Internet` service tag
// (https://learn.microsoft.com/azure/virtual-network/network-security-groups-overview, "Security rules").
const WORLD = new Set(["*", "any", "internet"]);

/** Whether an Azure address prefix is one of Azure's words for every address (`*`, `Any`, `Internet`). */
export const isAzureWorld = (value: string) => WORLD.has(value.trim().toLowerCase());

/** A source as CIDRs: the world words are both families' /0, a bare address its host prefix; other service tags and ASGs admit no world. */
export function sourceCidrs(value: string): string[] {
  const v = value.trim();
  if (isAzureWorld(v)) return ["0.0.0.0/0", "::/0"];
  if (ipaddr.isValidCIDR(v)) return [v];
  if (ipaddr.isValid(v)) return [`${v}/${ipaddr.parse(v).kind() === "ipv4" ? 32 : 128}`];
  return [];
}

/**
 * What an Azure rule's protocol opens, the one reading the policy pack and the audit share: `Tcp` and `Udp` on
 * the rule's ports; `Icmp`, `Esp` and `Ah`, which have no ports, whatever ports the rule names (Azure does not
 * document a port on them: an allow is read as letting them through); `*` every protocol on the rule's ports, i.e.
 * TCP and UDP on them and every portless protocol (`other`: GRE and the rest). docs/policy.md says why.
 */
export const AZURE_SHARES = ["tcp", "udp", "icmp", "esp", "ah", "other"] as const;
export type AzureShare = (typeof AZURE_SHARES)[number];
export const azureShares = (protocol: string): AzureShare[] => (protocol.trim() === "*" ? [...AZURE_SHARES] : AZURE_SHARES.filter((a) => a === protocol.trim().toLowerCase()));
/** Whether a share of a rule's protocol is limited to the rule's ports. */
export const portedShare = (a: AzureShare) => a === "tcp" || a === "udp";
/** The judge's protocol class of an Azure protocol: `*` is every protocol (on the rule's ports), TCP and UDP are themselves, the rest never carry a catalog port. */
export const azureProtocolClass = (protocol: unknown): ProtocolClass => {
  const shares = typeof protocol === "string" ? azureShares(protocol) : [];
  return shares.length > 1 ? "all" : shares[0] === "tcp" || shares[0] === "udp" ? shares[0] : protocolClass(protocol);
};

/** `80`, `80-90`, `*`: a port range; anything else is a problem. */
function ports(where: string, value: unknown, problems: string[]): { fromPort: number; toPort: number } | undefined {
  if (typeof value === "string" && value.trim() === "*") return { fromPort: 0, toPort: 65535 };
  const m = typeof value === "string" ? /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(value) : typeof value === "number" ? [String(value), String(value)] : null;
  if (!m) {
    problems.push(`${where} is ${show(value)}, not a port or range`);
    return undefined;
  }
  return portRange(Number(m[1]), Number(m[2] ?? m[1]));
}

const list = (single: unknown, many: unknown): unknown[] => [...(single === undefined || single === null ? [] : [single]), ...(Array.isArray(many) ? many : many === undefined || many === null ? [] : [many])];

/** An Azure rule's inbound allow permissions: one per destination port range. */
export function azureRulePermissions(where: string, rule: Record<string, unknown>, problems: string[]): Permission[] {
  // azure-native spells properties flat; ARM JSON (`az ... -o json` of an NSG) nests them under `properties`.
  const r = isRecord(rule.properties) ? { ...rule, ...rule.properties } : rule;
  // A field not known yet (a preview): the rule is judged once it is, not guessed at now.
  const fields = ["direction", "access", "protocol", "sourceAddressPrefix", "sourceAddressPrefixes", "destinationPortRange", "destinationPortRanges"];
  if (fields.some((f) => r[f] === UNKNOWN || (Array.isArray(r[f]) && (r[f] as unknown[]).includes(UNKNOWN)))) return [];
  if (String(r.direction ?? "").toLowerCase() !== "inbound" || String(r.access ?? "").toLowerCase() !== "allow") return [];
  const protocol = azureProtocolClass(r.protocol);
  const sources = list(r.sourceAddressPrefix, r.sourceAddressPrefixes).flatMap((s, i) => {
    if (typeof s === "string") return sourceCidrs(s);
    problems.push(`${where}sourceAddressPrefixes[${i}] is ${show(s)}, not an address prefix`);
    return [];
  });
  const runs = list(r.destinationPortRange, r.destinationPortRanges).map((p, i) => ports(`${where}destinationPortRanges[${i}]`, p, problems));
  if (runs.some((p) => p === undefined)) return [];
  // `*` is every protocol on the rule's own ports (Azure keeps the port ranges), not every port.
  return (runs as { fromPort: number; toPort: number }[]).map((p) => ({ protocol, ...p, cidrs: sources }));
}

/** Ingress permissions of an azure-native SecurityRule or NSG (its inline `securityRules`), or `undefined` for other types. */
export function readAzureIngress(type: string, props: unknown): ReadIngress | undefined {
  if (!(AZURE_RESOURCE_TYPES as readonly string[]).includes(type)) return undefined;
  const problems: string[] = [];
  if (!isRecord(props)) return { permissions: [], problems: [`properties are ${show(props)}, not an object`] };
  if (type === "azure-native:network:SecurityRule") return { permissions: azureRulePermissions("", props, problems), problems };
  const rules = props.securityRules;
  if (rules === undefined || rules === null || rules === UNKNOWN) return { permissions: [], problems };
  if (!Array.isArray(rules)) return { permissions: [], problems: [`securityRules is ${show(rules)}, not a list of rules`] };
  const permissions = rules.flatMap((rule, i) => {
    if (isRecord(rule)) return azureRulePermissions(`securityRules[${i}].`, rule, problems);
    if (rule === UNKNOWN) return [];
    problems.push(`securityRules[${i}] is ${show(rule)}, not a rule`);
    return [];
  });
  return { permissions, problems };
}
