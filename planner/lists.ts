import { PortcatalogError } from "../catalog/errors.js";
import type { Direction, Protocol } from "../catalog/model.js";
import type { Ethertype, Peer } from "./peers.js";
import { peerKey } from "./peers.js";
import type { PlannedRule } from "./plan.js";

// Some clouds' rules hold lists: one direction and protocol, several peers of one kind, several
// port ranges, and a priority. This turns the planner's one-peer, one-run rules into those, driven
// by the cloud's profile only.

/** What one list rule can hold, and the limits of a group of them: the cloud adapter's numbers. */
export interface ListRuleShape {
  /** Rules a group holds at most. */
  rulesPerGroup: number;
  /** Addresses and ranges a group's rules name at most, counted separately for sources and destinations. */
  addressesPerGroup: number;
  /** Groups (of machines) one rule may name as its peers. */
  groupsPerRule: number;
  /** Distinct groups a group's rules may name altogether. */
  groupsPerGroup: number;
  /** Priorities run from `priorityMin` (evaluated first) to `priorityMax`, unique per direction. */
  priorityMin: number;
  priorityMax: number;
  /** Priorities kept at the top of the range (the last evaluated) for the adapter's closing rules. */
  reservedAtEnd: number;
  /** Whether one rule may mix IPv4 and IPv6 addresses; when false, one rule per family. */
  mixedFamilies: boolean;
}

/** A rule that holds lists: one direction and protocol, peers of one kind, port ranges, a priority. */
export interface ListRule<Id = string> {
  /** Content-derived: direction, protocol and the peers (not the ports, so adding a port updates the rule in place). */
  key: string;
  direction: Direction;
  protocol: Protocol | "all";
  /** The family of its addresses; `any` for group peers (or mixed families where the cloud allows). */
  ethertype: Ethertype | "any";
  /** Sorted by peer key: addresses only, or groups only. */
  peers: Peer<Id>[];
  /** Merged, sorted, disjoint. */
  ports: { fromPort: number; toPort: number }[];
  /** Unique per direction; from the key unless pinned. */
  priority: number;
  /** Whether the priority is the user's pin. */
  pinned: boolean;
  description: string;
  entries: string[];
  services: string[];
  /** Keys of the planned (one peer, one run) rules this rule carries. */
  covers: string[];
}

/** FNV-1a, 32 bits: small, fast, the same on every machine and version. */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

const DIR = { ingress: "in", egress: "out" } as const;

/** The priority a key gets unless pinned: a hash into the range below the reserved top. */
export function derivedPriority(key: string, shape: ListRuleShape): number {
  const span = shape.priorityMax - shape.reservedAtEnd - shape.priorityMin + 1;
  return shape.priorityMin + (fnv1a(key) % span);
}

function mergeRuns(runs: { fromPort: number; toPort: number }[]): { fromPort: number; toPort: number }[] {
  const sorted = [...runs].sort((a, b) => a.fromPort - b.fromPort || a.toPort - b.toPort);
  const out: { fromPort: number; toPort: number }[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.fromPort <= last.toPort + 1) last.toPort = Math.max(last.toPort, r.toPort);
    else out.push({ ...r });
  }
  return out;
}

const isGroup = (p: Peer<unknown>) => p.kind === "self" || p.kind === "security-group";

/**
 * Merges planned rules into list rules: within a direction, protocol and peer kind, the peers that
 * need the same port ranges share one rule (each (peer, port) it allows is one the plan allows, so
 * rules stay exact), split where a rule may name only so many groups. Then priorities, and the
 * limits checked with the numbers. `pins` maps rule keys to priorities the user fixed.
 */
export function planListRules<Id>(rules: readonly PlannedRule<Id>[], shape: ListRuleShape, pins: Record<string, number> = {}, usedPriorities: readonly number[] = []): ListRule<Id>[] {
  const byClass = new Map<string, Map<string, { peer: Peer<Id>; planned: PlannedRule<Id>[] }>>();
  for (const r of rules) {
    if (r.peer.kind === "prefix-list") throw new PortcatalogError(`rule ${r.key}: prefix lists cannot be list-rule peers`);
    const family = isGroup(r.peer) ? "any" : shape.mixedFamilies ? "any" : r.ethertype;
    const cls = `${r.direction}|${r.protocol}|${isGroup(r.peer) ? "group" : "address"}|${family}`;
    let peers = byClass.get(cls);
    if (!peers) byClass.set(cls, (peers = new Map()));
    const pk = peerKey(r.peer);
    let slot = peers.get(pk);
    if (!slot) peers.set(pk, (slot = { peer: r.peer, planned: [] }));
    slot.planned.push(r);
  }
  const out: ListRule<Id>[] = [];
  for (const [cls, peers] of [...byClass].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const [direction, protocol, kind, family] = cls.split("|") as [Direction, Protocol | "all", string, Ethertype | "any"];
    // Peers by the port ranges they need: one bucket is one rule (or a few, past the group limit).
    const buckets = new Map<string, { ports: { fromPort: number; toPort: number }[]; members: { key: string; peer: Peer<Id>; planned: PlannedRule<Id>[] }[] }>();
    for (const [key, { peer, planned }] of [...peers].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const ports = mergeRuns(planned.map((p) => ({ fromPort: p.fromPort, toPort: p.toPort })));
      const sig = ports.map((p) => `${p.fromPort}-${p.toPort}`).join(",");
      let b = buckets.get(sig);
      if (!b) buckets.set(sig, (b = { ports, members: [] }));
      b.members.push({ key, peer, planned });
    }
    for (const { ports, members } of buckets.values()) {
      const size = kind === "group" ? shape.groupsPerRule : members.length;
      for (let i = 0; i < members.length; i += size) {
        const chunk = members.slice(i, i + size);
        const planned = chunk.flatMap((m) => m.planned);
        const key = `${DIR[direction]}-${protocol}-${fnv1a(chunk.map((m) => m.key).join(" ")).toString(16).padStart(8, "0")}`;
        out.push({
          key,
          direction,
          protocol,
          ethertype: family,
          peers: chunk.map((m) => m.peer),
          ports,
          priority: 0,
          pinned: false,
          description: describeAll(planned),
          entries: [...new Set(planned.flatMap((p) => p.entries))].sort(),
          services: [...new Set(planned.flatMap((p) => p.services))].sort(),
          covers: planned.map((p) => p.key).sort(),
        });
      }
    }
  }
  // Limits first: past them, a priority clash would be the lesser news.
  checkListLimits(out, shape, usedPriorities.length);
  assignPriorities(out, shape, pins, usedPriorities);
  return out.sort((a, b) => (a.direction < b.direction ? -1 : a.direction > b.direction ? 1 : a.priority - b.priority));
}

function describeAll(planned: readonly PlannedRule<unknown>[]): string {
  const text = [...new Set(planned.map((p) => p.description))].join("; ");
  return text.length <= 140 ? text : `${text.slice(0, 137)}...`;
}

/**
 * Each rule's priority depends on its own key (or pin) only, so adding, removing or changing one
 * rule never moves another. Two rules landing on one priority is an error that names a free
 * priority to pin: resolving it by order would move a rule when the other goes away.
 */
export function assignPriorities(rules: ListRule<unknown>[], shape: ListRuleShape, pins: Record<string, number>, usedPriorities: readonly number[] = []): void {
  const keys = new Set(rules.map((r) => r.key));
  for (const [key, value] of Object.entries(pins)) {
    if (!keys.has(key)) throw new PortcatalogError(`priorities.${key}: no planned rule has this key; the keys are ${[...keys].sort().join(", ") || "(none)"}`);
    const top = shape.priorityMax - shape.reservedAtEnd;
    if (!Number.isInteger(value) || value < shape.priorityMin || value > top) throw new PortcatalogError(`priorities.${key}: expected a whole number from ${shape.priorityMin} to ${top}, got ${JSON.stringify(value)}`);
  }
  const taken = new Map<string, ListRule<unknown> | undefined>();
  for (const p of usedPriorities) for (const d of ["ingress", "egress"]) taken.set(`${d}|${p}`, undefined);
  const ordered = [...rules].sort((a, b) => Number(Object.hasOwn(pins, b.key)) - Number(Object.hasOwn(pins, a.key)) || (a.key < b.key ? -1 : 1));
  for (const r of ordered) {
    r.pinned = Object.hasOwn(pins, r.key);
    r.priority = r.pinned ? pins[r.key] : derivedPriority(r.key, shape);
    const slot = `${r.direction}|${r.priority}`;
    if (taken.has(slot)) {
      const other = taken.get(slot);
      const pin = (x: ListRule<unknown>) => `priorities: { "${x.key}": ${freePriority(x, rules, shape, usedPriorities, pins)} }`;
      // Which to move is the user's call: the one being added or changed, so the other stays put.
      const choices = [r, ...(other && !other.pinned ? [other] : [])].map(pin).join(" or ");
      throw new PortcatalogError(`rule ${r.key} and ${other ? `rule ${other.key}` : "a rule already in the group"} both take ${r.direction} priority ${r.priority}: pin the one you are adding or changing to a free priority, ${choices}`);
    }
    taken.set(slot, r);
  }
}

/** The free priority nearest the rule's own: what to suggest pinning it to. */
function freePriority(rule: ListRule<unknown>, rules: readonly ListRule<unknown>[], shape: ListRuleShape, used: readonly number[], pins: Record<string, number>): number {
  const busy = new Set([...used, ...rules.filter((r) => r.direction === rule.direction).map((r) => (Object.hasOwn(pins, r.key) ? pins[r.key] : derivedPriority(r.key, shape)))]);
  const top = shape.priorityMax - shape.reservedAtEnd;
  for (let d = 1; d <= top - shape.priorityMin; d++) {
    for (const p of [rule.priority + d, rule.priority - d]) if (p >= shape.priorityMin && p <= top && !busy.has(p)) return p;
  }
  throw new PortcatalogError(`no free priority left in ${shape.priorityMin}-${top}`);
}

/** Fails with the numbers when the group's rules would pass a limit of the shape. */
export function checkListLimits(rules: readonly ListRule<unknown>[], shape: ListRuleShape, inUse = 0): void {
  const count = rules.length + inUse + shape.reservedAtEnd;
  if (count > shape.rulesPerGroup) throw new PortcatalogError(`${rules.length} rules${inUse ? ` plus ${inUse} already in use` : ""} plus ${shape.reservedAtEnd} closing rules exceed the ${shape.rulesPerGroup} rules a group may hold; narrow the selection`);
  const addresses = (direction: Direction) => rules.filter((r) => r.direction === direction).reduce((n, r) => n + r.peers.filter((p) => !isGroup(p)).length, 0);
  for (const d of ["ingress", "egress"] as const) {
    const n = addresses(d);
    if (n > shape.addressesPerGroup) throw new PortcatalogError(`${n} ${d === "ingress" ? "source" : "destination"} addresses and ranges exceed the ${shape.addressesPerGroup} a group's rules may name; use fewer, wider CIDRs`);
  }
  // The group's own members (`self`) count too: the rules name them as the other end.
  const groups = new Set(["self", ...rules.flatMap((r) => r.peers.filter(isGroup).map((p) => peerKey(p)))]);
  if (groups.size > shape.groupsPerGroup) throw new PortcatalogError(`${groups.size} application groups named by the rules exceed the ${shape.groupsPerGroup} a group's rules may name altogether`);
}
