// Azure (azure-native) NSG rules as the policy pack's permissions. Inputs are hostile like every
// other: a malformed piece is skipped and reported, never a crash.
import ipaddr from "ipaddr.js";
import type { ReadIngress } from "./ingress.js";
import { type Permission, portRange, protocolClass } from "./judge.js";
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
  const protocol = String(r.protocol ?? "").trim() === "*" ? "all" : protocolClass(r.protocol);
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
