// Verdicts on existing groups and their drift from a plan. World exposure is the policy pack's
// judgement (policy/judge.ts), not a second implementation.
import ipaddr from "ipaddr.js";
import { builtinCatalog, type CatalogEntry, judgedEntries, PortcatalogError, selectProduct } from "../catalog/index.js";
import { resolveCloud } from "../components/clouds.js";
import { type CloudProfile, type PlannedRule, planRules, type Selection, type Sources } from "../planner/index.js";
import { buildPortIndex, cidrContains, describeUsers, exposedPorts, isAllTraffic, type Permission, type PortIndex, portLabel, portUses, trafficWords, worldOpenings } from "../policy/judge.js";
import { idKey, sameId } from "../planner/ids.js";
import type { AuditCloud, AuditInput, ExistingGroup, ExistingPeer, ExistingRule } from "./model.js";

export type FindingKind = "internal-to-world" | "admin-to-world" | "all-traffic-to-world" | "protocol-wider" | "duplicate" | "covered";

/** The cloud profile an audit counts quota and plans drift with: the adapter's, by the cloud's name. */
export const auditProfile = (cloud: AuditCloud): CloudProfile => resolveCloud(cloud);

export interface Finding {
  kind: FindingKind;
  text: string;
}

export interface AuditedRule {
  rule: ExistingRule;
  /** Catalog services its ports serve, e.g. `tcp/3306: MySQL database service (openstack/kilo)`. */
  services: string[];
  findings: Finding[];
}

/** Rules counted against a cloud limit: AWS per group, direction and family; Neutron per project. */
export interface QuotaUse {
  scope: string;
  bucket: string;
  used: number;
  limit: number;
}

export interface GroupAudit {
  group: ExistingGroup;
  rules: AuditedRule[];
  quota: QuotaUse[];
}

export interface AuditReport {
  cloud: AuditCloud;
  groups: GroupAudit[];
  /** Neutron: the project's rules against its quota, across every group in the input. */
  projectQuota: QuotaUse[];
  /** Quota buckets over their limit. */
  overQuota: QuotaUse[];
  findings: number;
}

export const peerText = (p: ExistingPeer) => (p.kind === "cidr" ? p.cidr : p.kind === "group" ? `sg:${p.id}` : p.kind === "prefix-list" ? `pl:${p.id}` : p.kind === "service-tag" ? `tag:${p.id}` : `ag:${p.id}`);
/** Whether a rule is every port: an every-protocol rule on Azure keeps its ports (`*` over 443 is every protocol on 443). */
const everyPort = (r: Pick<ExistingRule, "fromPort" | "toPort">) => r.fromPort <= 1 && r.toPort >= 65535;
export const portsText = (r: Pick<ExistingRule, "protocol" | "rawProtocol" | "fromPort" | "toPort">) =>
  r.protocol === "all" && everyPort(r) ? "all" : r.fromPort === 0 && r.toPort === 65535 ? "all ports" : r.fromPort === r.toPort ? `${r.fromPort}` : `${r.fromPort}-${r.toPort}`;

/** The catalog scope of an audit: the products named (every release, or the one `--release` names), or the whole catalog. */
export function scopeEntries(products: readonly string[] = [], release?: string): CatalogEntry[] {
  return judgedEntries(builtinCatalog, release === undefined ? products : products.map((p) => `${p}@${release}`));
}

const permission = (r: ExistingRule): Permission => ({ protocol: r.protocol, fromPort: r.fromPort, toPort: r.toPort, cidrs: r.peer.kind === "cidr" ? [r.peer.cidr] : [] });

/** Whether rule `a` allows everything rule `b` allows (same direction). */
function covers(a: ExistingRule, b: ExistingRule): boolean {
  if (a.direction !== b.direction) return false;
  if (a.protocol !== "all" && (a.protocol !== b.protocol || (a.protocol === "other" && a.rawProtocol !== b.rawProtocol))) return false;
  if (!(a.fromPort <= b.fromPort && a.toPort >= b.toPort) && !(a.protocol === "all" && everyPort(a))) return false;
  // An Azure rule into one ASG reaches its members only.
  if (a.target !== undefined && (b.target === undefined || !sameId(a.target, b.target))) return false;
  if (a.peer.kind !== b.peer.kind) return false;
  if (a.peer.kind === "cidr" && b.peer.kind === "cidr") return cidrContains(a.peer.cidr, b.peer.cidr);
  if (a.family !== b.family) return false;
  return sameId((a.peer as { id: string }).id, (b.peer as { id: string }).id);
}

/** The comparison tuple of a rule: direction, family, protocol, ports, peer. */
export function existingKey(r: ExistingRule, canonical = canonicalCidr): string {
  const protocol = r.protocol === "other" ? `other:${r.rawProtocol.toLowerCase()}` : r.protocol;
  const ports = r.protocol === "all" && everyPort(r) ? "all" : `${r.fromPort}-${r.toPort}`;
  const peer = r.peer.kind === "cidr" ? `cidr:${canonical(r.peer.cidr)}` : `${r.peer.kind}:${idKey(r.peer.id)}`;
  return `${r.direction}|${r.family}|${protocol}|${ports}|${peer}`;
}

export function canonicalCidr(cidr: string): string {
  try {
    const [addr, prefix] = ipaddr.parseCIDR(cidr);
    return `${addr.toString()}/${prefix}`;
  } catch {
    return cidr;
  }
}

/** A group's rules per direction and family (what the exports show), against `limit`. */
function quotaFor(g: ExistingGroup, limit: number): QuotaUse[] {
  const used = new Map<string, number>();
  for (const r of g.rules) {
    // AWS counts a group or prefix-list reference in both families (a prefix list really counts its max entries, which the export does not say).
    const families = r.family === "any" ? ["IPv4", "IPv6"] : [r.family];
    for (const f of families) used.set(`${r.direction}/${f}`, (used.get(`${r.direction}/${f}`) ?? 0) + 1);
  }
  return [...used.entries()].sort().map(([bucket, n]) => ({ scope: g.id, bucket, used: n, limit }));
}

/**
 * Audits every group: the catalog services each rule's ports serve, world exposure of internal-only
 * and admin-only ports and all-traffic rules (the policy pack's judgement, over the group's rules
 * together), duplicates and covered rules, and quota use.
 */
export function auditGroups(input: AuditInput, options: { products?: string[]; release?: string; wso2PortOffsets?: number[] } = {}): AuditReport {
  const index: PortIndex = buildPortIndex(scopeEntries(options.products, options.release), options.wso2PortOffsets);
  const { scope, limit } = auditProfile(input.cloud).quota;
  const groups = input.groups.map((group): GroupAudit => {
    const rules = group.rules.map((rule) => ({ rule, services: services(index, rule), findings: [] as Finding[] }));
    const ingress = rules.filter((a) => a.rule.direction === "ingress");
    const perms = ingress.map((a) => permission(a.rule));
    const openings = worldOpenings(perms);
    for (const exposure of ["internal", "admin"] as const) {
      for (const { opening, uses } of exposedPorts(index, openings, exposure)) {
        const hits = uses.map((u) => `${portLabel(u)}: ${describeUsers(u.entries)}`);
        const shown = hits.slice(0, 3).join("; ") + (hits.length > 3 ? `; and ${hits.length - 3} more` : "");
        for (const i of opening.permissions) {
          const mine = perms[i];
          if (!uses.some((u) => u.toPort >= mine.fromPort && u.fromPort <= mine.toPort)) continue;
          ingress[i].findings.push({ kind: `${exposure}-to-world`, text: `${exposure}-only port open to ${opening.peers.join(" and ")}: ${shown}` });
        }
      }
    }
    for (const o of openings.filter(isAllTraffic)) {
      if (o.protocol !== "all" && o.permissions.every((i) => perms[i].protocol === "all")) continue;
      const what = trafficWords(o);
      for (const i of o.permissions) ingress[i].findings.push({ kind: "all-traffic-to-world", text: `${what} open to ${o.peers.join(" and ")}` });
    }
    for (const a of rules) {
      const wider = a.rule.anyProtocol || (a.rule.protocol === "all" && !everyPort(a.rule)) ? protocolWider(index, a.rule) : undefined;
      if (wider) a.findings.push({ kind: "protocol-wider", text: wider });
    }
    // Parts of one Azure rule into different ASGs reach different machines: no duplicates of each other.
    const keys = rules.map((a) => `${existingKey(a.rule)}|${a.rule.target === undefined ? "" : idKey(a.rule.target)}`);
    for (let j = 0; j < rules.length; j++) {
      // Azure's own rules are the platform's: never a duplicate, never what covers a rule.
      if (rules[j].rule.platform) continue;
      const first = keys.indexOf(keys[j]);
      if (first < j) {
        rules[j].findings.push({ kind: "duplicate", text: `duplicate of ${rules[first].rule.id}` });
        continue;
      }
      const wider = rules.find((a, i) => i !== j && !a.rule.platform && keys[i] !== keys[j] && covers(a.rule, rules[j].rule));
      if (wider) rules[j].findings.push({ kind: "covered", text: `covered by ${wider.rule.id} (${wider.rule.rawProtocol} ${portsText(wider.rule)} from ${peerText(wider.rule.peer)})` });
    }
    const quota = input.cloud === "azure" ? [{ scope: group.id, bucket: "rules", used: (group.azureRules ?? []).filter((r) => !r.isDefault).length, limit }] : scope === "group" ? quotaFor(group, limit) : [];
    return { group, rules, quota };
  });
  const projectQuota: QuotaUse[] = [];
  if (scope === "project") {
    const total = groups.reduce((n, g) => n + g.group.rules.length, 0);
    projectQuota.push({ scope: "project", bucket: "rules", used: total, limit });
    // Each group's share, for finding the one to trim.
    for (const g of groups) projectQuota.push(...quotaFor(g.group, limit));
  }
  const overQuota = [...groups.flatMap((g) => g.quota), ...projectQuota.filter((q) => q.scope === "project")].filter((q) => q.used > q.limit);
  const findings = groups.reduce((n, g) => n + g.rules.reduce((m, r) => m + r.findings.length, 0), 0) + overQuota.length;
  return { cloud: input.cloud, groups, projectQuota, overQuota, findings };
}

/**
 * An Azure `*` rule's TCP or UDP share on ports the catalog uses only with the other protocol: what the rule
 * opens beyond the catalog, e.g. `protocol * also opens tcp/5349, where the catalog has udp/5349 only (Coturn …)`.
 */
function protocolWider(index: PortIndex, r: ExistingRule): string | undefined {
  const texts = (r.protocol === "all" ? (["tcp", "udp"] as const) : r.protocol === "tcp" || r.protocol === "udp" ? [r.protocol] : []).flatMap((protocol) => {
    const other = protocol === "tcp" ? "udp" : "tcp";
    const same = portUses(index, r.direction, protocol, r.fromPort, r.toPort);
    const extra = portUses(index, r.direction, other, r.fromPort, r.toPort).filter((u) => !same.some((s) => s.fromPort <= u.fromPort && s.toPort >= u.toPort));
    if (!extra.length) return [];
    const where = extra.map((u) => portLabel({ ...u, protocol })).join(", ");
    const has = extra.map((u) => `${portLabel(u)}: ${describeUsers(u.entries)}`);
    return [`protocol * also opens ${where}, where the catalog has ${has.slice(0, 3).join("; ")}${has.length > 3 ? `; and ${has.length - 3} more` : ""} only`];
  });
  return texts.length ? texts.join("; ") : undefined;
}

function services(index: PortIndex, r: ExistingRule): string[] {
  if (r.protocol === "other") return [];
  const uses = portUses(index, r.direction, r.protocol, r.fromPort, r.toPort);
  const out = uses.map((u) => `${portLabel(u)}: ${describeUsers(u.entries)}`);
  return out.length <= 3 ? out : [...out.slice(0, 3), `and ${out.length - 3} more`];
}

/** What to plan the drift against: the components' own selection arguments. */
export interface DriftSelection {
  products: string[];
  /** A catalog release; passed through when the catalog knows releases. */
  release?: string;
  sources?: Sources<string>;
  features?: string[];
  allFeatures?: boolean;
  allowAllEgress?: boolean;
}

/** The comparison tuple of a planned rule, its self peer being the group it goes into. */
export function plannedKey(r: PlannedRule<unknown>, groupId: string): string {
  const ports = r.protocol === "all" ? "all" : `${r.fromPort}-${r.toPort}`;
  const p = r.peer;
  const peer = p.kind === "cidr" ? `cidr:${canonicalCidr(p.cidr)}` : p.kind === "named-cidr" ? `cidr:${canonicalCidr(String(p.cidr))}` : p.kind === "self" ? `group:${idKey(groupId)}` : p.kind === "security-group" ? `group:${idKey(String(p.id))}` : `prefix-list:${idKey(String(p.id))}`;
  return `${r.direction}|${r.ethertype}|${r.protocol}|${ports}|${peer}`;
}

/** Plans a selection with the planner, as a component would (same defaults). */
export function planSelection(cloud: AuditCloud, selection: DriftSelection): PlannedRule<string>[] {
  if (!selection.products.length) throw new PortcatalogError("--products is empty: name at least one catalog/variant, e.g. anbox-cloud/appliance");
  // As a component selects: the release named, or each product's newest.
  const selections: Selection[] = selection.products.map((p) => {
    const chosen = selectProduct(builtinCatalog, { product: p, ...(selection.release !== undefined ? { release: selection.release } : {}) });
    return { name: chosen.name, entries: chosen.entries, ...(chosen.release !== undefined ? { release: chosen.release } : {}) };
  });
  return planRules<string>(selections, {
    cloud: auditProfile(cloud),
    sources: selection.sources,
    features: selection.features,
    allFeatures: selection.allFeatures,
    allowAllEgress: selection.allowAllEgress,
    catalogNotes: builtinCatalog.notes,
  }).rules;
}

export interface Drift<P = PlannedRule<string>> {
  groupId: string;
  add: P[];
  remove: ExistingRule[];
  keep: { existing: ExistingRule; planned: P }[];
}

/**
 * The drift between a group and the rules a plan says it needs, compared on (direction, family,
 * protocol, ports, peer): what to add, what to remove, what stays. A second copy of a kept rule is
 * one to remove. Azure's own rules (the platform's) are neither: they cannot be removed. A plan's `self` is
 * the group, or on Azure the application security group of the NSG's members.
 */
export function drift<P extends PlannedRule<unknown>>(group: ExistingGroup, planned: readonly P[]): Drift<P> {
  const self = group.members ?? group.id;
  const byKey = new Map<string, P>();
  for (const p of planned) byKey.set(plannedKey(p, self), p);
  const matched = new Set<string>();
  const keep: Drift<P>["keep"] = [];
  const remove: ExistingRule[] = [];
  for (const existing of group.rules) {
    if (existing.platform) continue;
    const k = existingKey(existing);
    const p = byKey.get(k);
    if (p && !matched.has(k)) {
      matched.add(k);
      keep.push({ existing, planned: p });
    } else remove.push(existing);
  }
  const add = planned.filter((p) => !matched.has(plannedKey(p, self)));
  return { groupId: group.id, add, remove, keep };
}
