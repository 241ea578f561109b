import { findConflicts, type Listener, type PortConflict } from "../catalog/conflicts.js";
import { oneOf, PortcatalogError, useOneOf } from "../catalog/errors.js";
import { AUDIENCES, type Audience, type CatalogEntry, type CatalogNote, DIRECTIONS, type Direction, PROTOCOLS, type Protocol } from "../catalog/model.js";
import { applyOffset, type PortOffsets } from "../catalog/offset.js";
import { type CloudProfile, cloudProfile } from "./profile.js";
import { parseWith, plannerOptionsSchema, showValue } from "./validate.js";
import { ANYWHERE, cidrRange, effectiveSources, type Ethertype, type Peer, type PeerSet, peerKey, previousPeerKey, resolvePeerSet, type Sources } from "./peers.js";

/** A product's entries as one unit of a plan, e.g. WSO2 API Manager with its offset. */
export interface Selection {
  /** Names the product in conflicts and left-out lists, e.g. `wso2/api-manager`. */
  name: string;
  entries: readonly CatalogEntry[];
  /** WSO2 port offsets for this product's entries. */
  offsets?: PortOffsets;
  /** The product release the entries are of, so plans can say which they used. */
  release?: string;
  /** Every role the product has at this release, when `entries` are narrowed to some roles: role plans check names against it. */
  roles?: string[];
}

export interface PlanOptions<Id = string> {
  /**
   * The cloud's profile (the adapters export theirs: `AWS_PROFILE`, `OPENSTACK_PROFILE`, …; `resolveCloud`
   * turns a name into one): it decides whether a group reference is one rule or one per address family,
   * and whether prefix lists may be used. The planner takes no cloud's name.
   */
  cloud: CloudProfile;
  /** Peer sets per audience; see {@link effectiveSources} for the defaults. */
  sources?: Sources<Id>;
  /** Optional entries to switch on, by feature name. */
  features?: string[];
  /** Switch on every optional entry. */
  allFeatures?: boolean;
  /** Egress destinations by name (e.g. `google-fcm`), replacing the destination the catalog records. */
  destinations?: Record<string, PeerSet<Id>>;
  /** Catalog notes (facts that cannot become rules) to carry into the plan when their product is selected. */
  catalogNotes?: readonly CatalogNote[];
  /** Add allow-all egress (every protocol to 0.0.0.0/0 and ::/0), as AWS gives groups made in its console. */
  allowAllEgress?: boolean;
}

/** One provider rule: one direction, protocol, contiguous port run and peer. */
export interface PlannedRule<Id = string> {
  /** Stable logical name, from content only: direction, protocol, ports, peer. */
  key: string;
  /** The key version 0.1 gave the same rule (`…-sg-sg-0abc`), when it differs: its resource aliases that name, so upgrading renames nothing in the cloud. */
  previousKey?: string;
  direction: Direction;
  /** `any` for a group reference on a cloud whose group references match both address families (AWS). */
  ethertype: Ethertype | "any";
  /** `all` only for the allow-all egress rules of `allowAllEgress` (ports 1-65535, every protocol). */
  protocol: Protocol | "all";
  fromPort: number;
  toPort: number;
  peer: Peer<Id>;
  /** Services served, fit for a provider description field (AWS's character set, at most 255 characters). */
  description: string;
  /** Catalog entry ids the rule serves. */
  entries: string[];
  services: string[];
}

/** An entry of the selection that became no rule, and why. */
export interface LeftOut {
  selection: string;
  entryId: string;
  service: string;
  protocol: Protocol;
  fromPort: number;
  toPort: number;
  reason: string;
}

export interface Plan<Id = string> {
  /** The cloud profile's name, e.g. `aws`. */
  cloud: string;
  rules: PlannedRule<Id>[];
  leftOut: LeftOut[];
  conflicts: PortConflict[];
  /** Advisories for the user, raised as Pulumi warnings: admin ports left closed, conflicts. */
  warnings: string[];
  /** Each selection's product and the release it used, in selection order. */
  products: { product: string; release?: string }[];
  /** Facts of the selected products that cannot become rules (WSO2's random ports): for reports, not warnings on every run. */
  notes: string[];
}

/** What the allow-all egress rules serve, in the shape of a catalog entry so they plan like one. */
const ALL_EGRESS: CatalogEntry = {
  id: "portcatalog/options/allow-all-egress",
  catalog: "portcatalog",
  variant: "options",
  service: "Outbound traffic",
  protocol: "tcp",
  fromPort: 1,
  toPort: 65535,
  direction: "egress",
  audiences: ["public"],
  required: true,
  description: "every protocol and port (allowAllEgress)",
  source: { document: "component option", section: "allowAllEgress" },
};

/** One entry's ports towards one peer: what rules are merged from. */
type Atom<Id> = Pick<PlannedRule<Id>, "direction" | "ethertype" | "protocol" | "fromPort" | "toPort" | "peer"> & {
  entry: CatalogEntry;
  /** `direction|ethertype|protocol|`, made once per entry and family: with the peer key, the rule group. */
  slot: string;
};

const AWS_DESCRIPTION = /[^a-zA-Z0-9. _\-:/()#,@[\]+=&;{}!$*]/g;

// Descriptions by their raw text: the same entries' text recurs for every peer and family.
// Bounded in count and text length so hostile input cannot make it hold much.
const DESCRIPTION_CACHE_LIMIT = 4096;
const DESCRIPTION_CACHE_TEXT = 1024;
const descriptions = new Map<string, string>();

function describe(atoms: readonly Atom<unknown>[]): string {
  const raw = atoms.length === 1 ? `${atoms[0].entry.service}: ${atoms[0].entry.description}` : [...new Set(atoms.map((a) => `${a.entry.service}: ${a.entry.description}`))].join("; ");
  let text = descriptions.get(raw);
  if (text === undefined) {
    const clean = raw.replace(AWS_DESCRIPTION, " ").replace(/\s+/g, " ").trim();
    text = clean.length <= 255 ? clean : `${clean.slice(0, 252)}...`;
    if (raw.length <= DESCRIPTION_CACHE_TEXT) {
      if (descriptions.size >= DESCRIPTION_CACHE_LIMIT) descriptions.clear();
      descriptions.set(raw, text);
    }
  }
  return text;
}

const ports = (from: number, to: number) => (from === to ? `${from}` : `${from}-${to}`);

/** The rule key: content only, so adding or removing a port never renames another rule. */
export function ruleKey(r: Pick<PlannedRule<unknown>, "direction" | "protocol" | "fromPort" | "toPort" | "peer" | "ethertype">, keyOfPeer: (peer: Peer<unknown>) => string = peerKey): string {
  return keyWithPeerKey(r, keyOfPeer(r.peer));
}

function keyWithPeerKey(r: Pick<PlannedRule<unknown>, "direction" | "protocol" | "fromPort" | "toPort" | "peer" | "ethertype">, peer: string): string {
  const family = r.peer.kind !== "cidr" && r.ethertype !== "any" ? `-${r.ethertype.toLowerCase()}` : "";
  const what = r.protocol === "all" ? "all" : `${r.protocol}-${ports(r.fromPort, r.toPort)}`;
  return `${r.direction === "ingress" ? "in" : "out"}-${what}-${peer}${family}`;
}

/** Splits a reference peer per family where the cloud needs an ethertype per rule. */
function ethertypesFor(peer: Peer<unknown>, profile: CloudProfile): (Ethertype | "any")[] {
  if (peer.kind === "cidr" || peer.kind === "named-cidr") return [peer.ethertype];
  return profile.groupReferencePerFamily ? ["IPv4", "IPv6"] : ["any"];
}

/** Refuses prefix lists on a cloud that has none, before anything is planned. */
/** @internal */
export function checkPrefixLists(where: string, peers: readonly Peer<unknown>[], profile: CloudProfile): void {
  if (!profile.prefixLists && peers.some((p) => p.kind === "prefix-list")) {
    throw new PortcatalogError(`${where}.prefixLists: ${profile.title} has no prefix lists; use cidrIpv4, cidrIpv6 or securityGroups`);
  }
}

/** @internal */
export function checkNames(kind: string, field: (i: number, name: string) => string, given: readonly string[], valid: Set<string>): void {
  for (const [i, name] of given.entries()) {
    if (!valid.has(name)) {
      const choices = [...valid].sort();
      throw new PortcatalogError(`${field(i, name)}: unknown ${kind} "${name}" for this selection: ${choices.length ? useOneOf(name, choices) : `the selected entries have no ${kind}s`}`);
    }
  }
}

/**
 * Plans firewall rules for one or more selections: exact (exactly the requested direction,
 * ethertype, protocol, port and peer tuples, less those a wider requested CIDR already allows),
 * minimal (one rule per maximal contiguous port run per direction, ethertype, protocol and peer)
 * and stable (keys from content). Throws a
 * {@link PortcatalogError} for any bad input before anything is created.
 */
export function planRules<Id = string>(selections: readonly Selection[], rawOptions: PlanOptions<Id>): Plan<Id> {
  // Plan from a checked copy: wrong types, Outputs and nulls fail here, naming the field.
  return planChecked(selections, parseWith(plannerOptionsSchema, rawOptions) as PlanOptions<Id>);
}

/**
 * Who an ingress entry's port opens to, when a caller knows better than its audiences (the role
 * planner's flows): `undefined` keeps the audiences; an empty `peers` leaves the entry out for `none`.
 * @internal
 */
export interface PeerChoice<Id> {
  peersFor(entry: CatalogEntry, selection: Selection, audiencePeers: Readonly<Record<Audience, Peer<Id>[] | undefined>>): { peers: Peer<Id>[]; none: string } | undefined;
  /** Further named peer sets, checked with the sources for one name, one peer. */
  peerSets: readonly (readonly [string, PeerSet<Id> | undefined])[];
  /** Called once the audiences' peers are resolved, before any entry is planned. */
  checkPeers?(profile: CloudProfile): void;
}

/** planRules on options already checked, with an optional choice of peers per entry. @internal */
export function planChecked<Id>(selections: readonly Selection[], options: PlanOptions<Id>, choice?: PeerChoice<Id>): Plan<Id> {
  const profile = cloudProfile(options.cloud);
  checkSelections(selections);
  const all = selections.flatMap((s) => s.entries);
  checkNames("feature", (i) => `features[${i}]`, options.features ?? [], new Set(all.flatMap((e) => (e.feature ? [e.feature] : []))));
  const destinations = options.destinations ?? {};
  checkNames("destination", (_, name) => `destinations.${name}`, Object.keys(destinations), new Set(all.flatMap((e) => (e.destination ? [e.destination.name] : []))));

  // Resolve every peer set up front so a bad CIDR fails even if no entry would use it.
  const sources = effectiveSources(options.sources);
  const audiencePeers = {} as Record<Audience, Peer<Id>[] | undefined>;
  for (const audience of ["public", "admin", "internal"] as const) {
    const set = sources[audience];
    const peers = set ? resolvePeerSet(`sources.${audience}`, set) : undefined;
    if (peers && peers.length === 0) {
      throw new PortcatalogError(`sources.${audience} is empty: give cidrIpv4, cidrIpv6, securityGroups, prefixLists or self: true, or leave it unset for the default`);
    }
    checkPrefixLists(`sources.${audience}`, peers ?? [], profile);
    audiencePeers[audience] = peers;
  }
  const destinationPeers = new Map<string, Peer<Id>[]>();
  for (const [name, set] of Object.entries(destinations)) {
    const peers = resolvePeerSet(`destinations.${name}`, set);
    if (!peers.length) throw new PortcatalogError(`destinations.${name} is empty: give cidrIpv4, cidrIpv6, securityGroups or prefixLists, or leave it unset`);
    checkPrefixLists(`destinations.${name}`, peers, profile);
    destinationPeers.set(name, peers);
  }
  checkPeerIdentity([
    ...(["public", "admin", "internal"] as const).map((a) => [`sources.${a}`, sources[a]] as const),
    ...Object.entries(destinations).map(([n, set]) => [`destinations.${n}`, set] as const),
    ...(choice?.peerSets ?? []),
  ]);
  choice?.checkPeers?.(profile);

  const enabled = new Set(options.features ?? []);
  const atoms: Atom<Id>[] = [];
  const leftOut: LeftOut[] = [];
  const listeners: Listener[] = [];
  const seenEntries = new Set<string>();
  const adminClosed: string[] = [];

  const isOn = (e: CatalogEntry) => e.required || options.allFeatures || enabled.has(e.feature as string);
  // Peer keys once per peer object: this call's peers are its own, made by resolvePeerSet and never changed.
  const peerKeys = new Map<Peer<Id>, string>();
  const keyOf = (peer: Peer<Id>): string => {
    let key = peerKeys.get(peer);
    if (key === undefined) peerKeys.set(peer, (key = peerKey(peer)));
    return key;
  };
  const listenerNames = listenerNamesOf(selections);
  for (const [index, selection] of selections.entries()) {
    // Highest ports first, so an offset that overflows is reported with the largest offset that fits.
    for (const entry of selection.entries.filter(isOn).sort((a, b) => b.toPort - a.toPort)) applyOffset(entry, selection.offsets);
    for (const entry of selection.entries) {
      const { fromPort, toPort } = isOn(entry) ? applyOffset(entry, selection.offsets) : entry;
      if (!isOn(entry)) {
        leftOut.push(leftOutOf(selection, entry, fromPort, toPort, `optional: switched on by feature "${entry.feature}"`));
        continue;
      }
      // The product listens on its ports whether or not the firewall opens them.
      if (entry.direction === "ingress") {
        listeners.push({ product: listenerNames[index], entryId: entry.id, service: entry.service, protocol: entry.protocol, fromPort, toPort });
      }
      // Composed selections often share entries (WSO2's common ports): the same entry at the same ports is one fact.
      const factKey = `${entry.id}@${fromPort}`;
      if (seenEntries.has(factKey)) continue;
      seenEntries.add(factKey);

      let peers: Peer<Id>[];
      if (entry.direction === "egress" && entry.destination) {
        const recorded = entry.destination;
        peers = destinationPeers.get(recorded.name) ?? resolvePeerSet(`${entry.id}.destination`, recorded as PeerSet<Id>);
        if (!peers.length) {
          leftOut.push(leftOutOf(selection, entry, fromPort, toPort, `no destination: ${recorded.description}; name one in destinations["${recorded.name}"]`));
          continue;
        }
      } else {
        const chosen = entry.direction === "ingress" ? choice?.peersFor(entry, selection, audiencePeers) : undefined;
        if (chosen && !chosen.peers.length) {
          leftOut.push(leftOutOf(selection, entry, fromPort, toPort, chosen.none));
          continue;
        }
        peers = chosen ? chosen.peers : peersOfAudiences(entry.audiences, audiencePeers);
        if (!peers.length) {
          adminClosed.push(`${entry.protocol}/${ports(fromPort, toPort)}`);
          leftOut.push(leftOutOf(selection, entry, fromPort, toPort, `admin port left closed: give sources.admin to open it`));
          continue;
        }
      }
      const seenPeers = new Set<string>();
      const { direction, protocol } = entry;
      const slots: Partial<Record<Ethertype | "any", string>> = {};
      for (const peer of peers) {
        const key = keyOf(peer);
        if (seenPeers.has(key)) continue;
        seenPeers.add(key);
        for (const ethertype of ethertypesFor(peer, profile)) {
          const slot = (slots[ethertype] ??= `${direction}|${ethertype}|${protocol}|`);
          atoms.push({ direction, ethertype, protocol, fromPort, toPort, peer, entry, slot });
        }
      }
    }
  }

  if (options.allowAllEgress) {
    for (const peer of resolvePeerSet<Id>("allowAllEgress", ANYWHERE)) {
      if (peer.kind === "cidr") atoms.push({ direction: "egress", ethertype: peer.ethertype, protocol: "all", fromPort: 1, toPort: 65535, peer, entry: ALL_EGRESS, slot: `egress|${peer.ethertype}|all|` });
    }
  }
  const rules = mergeAtoms(atoms, keyOf);
  const conflicts = selections.length > 1 ? findConflicts(listeners) : [];
  const warnings: string[] = [];
  if (adminClosed.length) {
    const n = adminClosed.length;
    const closed = [...new Set(adminClosed)];
    warnings.push(`${n} admin-only port${n === 1 ? "" : "s"} left closed (${closed.join(", ")}): give sources.admin (e.g. your operators' CIDRs) to open ${n === 1 ? "it" : "them"}`);
  }
  for (const c of conflicts) {
    warnings.push(`port conflict on ${c.protocol}/${ports(c.fromPort, c.toPort)}: ${c.users.map((u) => `${u.product} (${u.service})`).join(" vs ")}`);
  }
  const catalogNotes = options.catalogNotes ?? [];
  // Products only when there are notes to match: most plans have none.
  const products = catalogNotes.length ? new Set(selections.flatMap((s) => s.entries.map((e) => `${e.catalog}/${e.variant}`))) : new Set<string>();
  const notes = catalogNotes.filter((n) => products.has(`${n.catalog}/${n.variant}`)).map((n) => `not a rule: ${n.description}`);
  const used = selections.map((s) => ({ product: s.name, ...(s.release !== undefined ? { release: s.release } : {}) }));
  return { cloud: profile.name, rules, leftOut, conflicts, warnings, notes, products: used };
}

/** The peers of an entry's audiences, in order. */
function peersOfAudiences<Id>(audiences: readonly Audience[], byAudience: Record<Audience, Peer<Id>[] | undefined>): Peer<Id>[] {
  // A loop, not flatMap: this runs per entry, and flatMap's generic path was the planner's biggest cost. checkEntryFields has made audiences a list of known names.
  const peers: Peer<Id>[] = [];
  for (const audience of audiences) {
    const found = byAudience[audience];
    if (found) for (const peer of found) peers.push(peer);
  }
  return peers;
}

/** Not a closure per entry: a named closure costs a defineProperty each time under tsx. */
function leftOutOf(selection: Selection, entry: CatalogEntry, fromPort: number, toPort: number, reason: string): LeftOut {
  return { selection: selection.name, entryId: entry.id, service: entry.service, protocol: entry.protocol, fromPort, toPort, reason };
}

function checkSelections(selections: readonly Selection[]): void {
  if (!Array.isArray(selections)) throw new PortcatalogError(`selections: expected a list of selections, got ${showValue(selections)}`);
  selections.forEach((s, i) => {
    if (!s || typeof s !== "object" || typeof s.name !== "string" || !s.name || !Array.isArray(s.entries)) {
      throw new PortcatalogError(`selections[${i}]: expected { name, entries, offsets? }, got ${showValue(s)}`);
    }
    for (let j = 0; j < s.entries.length; j++) checkEntryFields(`selections[${i}].entries[${j}]`, s.entries[j]);
  });
}

const DIRECTION_SET = new Set<unknown>(DIRECTIONS);
const PROTOCOL_SET = new Set<unknown>(PROTOCOLS);
const AUDIENCE_SET = new Set<unknown>(AUDIENCES);
const isPort = (v: unknown) => typeof v === "number" && Number.isInteger(v) && v >= 1 && v <= 65535;

/**
 * The fields a rule is made of, checked on every entry a plan is given: catalogs are validated when
 * loaded, but planRules also takes entries from anywhere. Hand-written, not the catalog's zod
 * schema: plans run in loops, and this is a handful of comparisons per entry.
 */
function checkEntryFields(where: string, e: CatalogEntry): void {
  const bad = (field: string, value: unknown, valid: string) => {
    const id = e && typeof e === "object" && typeof e.id === "string" ? ` (${e.id})` : "";
    throw new PortcatalogError(`${where}${id}: ${field} ${showValue(value)} is not valid: ${valid}`);
  };
  if (!e || typeof e !== "object") throw new PortcatalogError(`${where}: expected a catalog entry, got ${showValue(e)}`);
  if (typeof e.id !== "string" || !e.id) bad("id", e.id, "use a non-empty string");
  if (!DIRECTION_SET.has(e.direction)) bad("direction", e.direction, `use ${oneOf(DIRECTIONS)}`);
  if (!PROTOCOL_SET.has(e.protocol)) bad("protocol", e.protocol, `use ${oneOf(PROTOCOLS)}`);
  if (!isPort(e.fromPort)) bad("fromPort", e.fromPort, "use a whole number from 1 to 65535");
  if (!isPort(e.toPort) || e.toPort < e.fromPort) bad("toPort", e.toPort, `use a whole number from fromPort (${e.fromPort}) to 65535`);
  if (!Array.isArray(e.audiences) || !e.audiences.length) bad("audiences", e.audiences, `use a list of ${oneOf(AUDIENCES)}`);
  for (let k = 0; k < e.audiences.length; k++) if (!AUDIENCE_SET.has(e.audiences[k])) bad(`audiences[${k}]`, e.audiences[k], `use ${oneOf(AUDIENCES)}`);
}

/**
 * Names for the conflict check: a product selected twice (two WSO2 servers at two offsets on one
 * host) is two listeners, so its fixed ports (clustering's 4000) are reported as colliding.
 */
function listenerNamesOf(selections: readonly Selection[]): string[] {
  const count = new Map<string, number>();
  for (const s of selections) count.set(s.name, (count.get(s.name) ?? 0) + 1);
  const seen = new Map<string, number>();
  return selections.map((s) => {
    if (count.get(s.name) === 1) return s.name;
    const n = (seen.get(s.name) ?? 0) + 1;
    seen.set(s.name, n);
    const offset = s.offsets?.portOffset;
    return `${s.name} #${n}${offset !== undefined ? ` (portOffset ${offset})` : ""}`;
  });
}

/**
 * One name, one peer: rules merge by peer key, so a name given to two different groups (or prefix
 * lists) would open one group's ports to the other. That is an error, not a merge.
 */
function checkPeerIdentity<Id>(sets: readonly (readonly [string, PeerSet<Id> | undefined])[]): void {
  const byKey = new Map<string, { where: string; id: Id; maxEntries?: number }>();
  for (const [where, set] of sets) {
    if (!set) continue;
    const refs = [
      ...(["namedCidrIpv4", "namedCidrIpv6"] as const).flatMap((field) =>
        (set[field] ?? []).map((c, i) => ({ where: `${where}.${field}[${i}]`, kind: "named-cidr" as const, name: c.name, id: c.cidr, family: field === "namedCidrIpv4" ? "IPv4" : "IPv6" })),
      ),
      ...(set.securityGroups ?? []).map((g, i) => ({ where: `${where}.securityGroups[${i}]`, kind: "security-group" as const, ...g })),
      ...(set.prefixLists ?? []).map((p, i) => ({ where: `${where}.prefixLists[${i}]`, kind: "prefix-list" as const, ...p })),
    ];
    for (const ref of refs) {
      const name = ref.name ?? (typeof ref.id === "string" ? ref.id : undefined);
      if (name === undefined) continue; // resolvePeerSet has already asked for a name
      const key =
        ref.kind === "named-cidr"
          ? `${peerKey({ kind: ref.kind, name, cidr: ref.id, ethertype: ref.family as Ethertype })}-${ref.family}`
          : peerKey(ref.kind === "security-group" ? { kind: ref.kind, name, id: ref.id } : { kind: ref.kind, name, id: ref.id, maxEntries: ref.maxEntries });
      const first = byKey.get(key);
      const maxEntries = "maxEntries" in ref ? ref.maxEntries : undefined;
      if (!first) {
        byKey.set(key, { where: ref.where, id: ref.id, maxEntries });
        continue;
      }
      if (first.id !== ref.id || first.maxEntries !== maxEntries) {
        throw new PortcatalogError(
          `${ref.where}: name "${name}" already names ${showValue(first.id)} at ${first.where}, but here it names ${showValue(ref.id)}${first.maxEntries !== maxEntries ? ` (maxEntries ${first.maxEntries} vs ${maxEntries})` : ""}: one name, one peer; give each its own name`,
        );
      }
    }
  }
}

/** Port runs `[from, to]`, sorted by `from`, disjoint. */
type Runs = [number, number][];

/** Any port runs as sorted disjoint runs. */
function normalizeRuns(runs: Runs): Runs {
  const out: Runs = [];
  for (const [from, to] of [...runs].sort((x, y) => x[0] - y[0])) {
    const last = out[out.length - 1];
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else out.push([from, to]);
  }
  return out;
}

/** The union of sorted disjoint runs; shares the one list when the others are empty. */
function unionRuns(...lists: Runs[]): Runs {
  const nonEmpty = lists.filter((l) => l.length);
  if (nonEmpty.length <= 1) return nonEmpty[0] ?? [];
  return normalizeRuns(nonEmpty.flat());
}

/** Ports of `from..to` outside the sorted disjoint `cuts`: its maximal runs, ascending. */
function subtractRuns(from: number, to: number, cuts: Runs): Runs {
  // First cut that ends at or after `from` (binary search: cuts can be many).
  let lo = 0;
  let hi = cuts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cuts[mid][1] < from) lo = mid + 1;
    else hi = mid;
  }
  const pieces: Runs = [];
  let next = from;
  for (let i = lo; i < cuts.length && cuts[i][0] <= to; i++) {
    if (cuts[i][0] > next) pieces.push([next, cuts[i][0] - 1]);
    next = Math.max(next, cuts[i][1] + 1);
  }
  if (next <= to) pieces.push([next, to]);
  return pieces;
}

/** One distinct CIDR of a (direction, ethertype) slot, placed in the tree of CIDRs that contain it. */
interface CidrNode {
  start: bigint;
  end: bigint;
  parent?: CidrNode;
  /** Ports its own atoms open, per protocol (`all` included). */
  own: Map<string, Runs>;
  /** Memo: ports it or any CIDR containing it opens to a `protocol` atom below it. */
  passed: Map<string, Runs>;
  /** Memo: ports already open to its own `protocol` atoms. */
  covered: Map<string, Runs>;
}

/** Ports a strictly wider CIDR opens for `protocol` atoms under `node`: protocol or `all` rules on it and every CIDR above it. */
function passedDown(node: CidrNode, protocol: string): Runs {
  const memo = node.passed.get(protocol);
  if (memo) return memo;
  const runs = unionRuns(
    node.parent ? passedDown(node.parent, protocol) : [],
    node.own.get(protocol) ?? [],
    protocol === "all" ? [] : (node.own.get("all") ?? []),
  );
  node.passed.set(protocol, runs);
  return runs;
}

/**
 * Drops the ports of a CIDR atom that a wider CIDR already opens for the same direction, family and
 * protocol (admin's 10.0.0.0/24 on a port that is public anyway), or that an allow-all rule opens to
 * the same or a wider CIDR: they would allow nothing more. CIDRs nest or are disjoint, so per
 * (direction, ethertype) they form a tree: sorted once by range, each CIDR's covered ports are its
 * parent's plus the parent's own, merged as sorted runs (O(n log n) in atoms and CIDRs).
 */
function dropCovered<Id>(atoms: Atom<Id>[]): Atom<Id>[] {
  const slots = new Map<string, Map<string, CidrNode>>();
  // Each CIDR atom's node, by atom index: looked up once.
  const nodeOf: (CidrNode | undefined)[] = new Array(atoms.length);
  for (let i = 0; i < atoms.length; i++) {
    const a = atoms[i];
    if (a.peer.kind !== "cidr") continue;
    const slotKey = `${a.direction}|${a.ethertype}`;
    let nodes = slots.get(slotKey);
    if (!nodes) slots.set(slotKey, (nodes = new Map()));
    let node = nodes.get(a.peer.cidr);
    if (!node) {
      const { start, end } = cidrRange(a.peer.cidr);
      nodes.set(a.peer.cidr, (node = { start, end, own: new Map(), passed: new Map(), covered: new Map() }));
    }
    nodeOf[i] = node;
    const list = node.own.get(a.protocol);
    if (list) list.push([a.fromPort, a.toPort]);
    else node.own.set(a.protocol, [[a.fromPort, a.toPort]]);
  }
  for (const nodes of slots.values()) {
    for (const node of nodes.values()) for (const [protocol, runs] of node.own) node.own.set(protocol, normalizeRuns(runs));
    // Wider first at equal starts; a stack holds the CIDRs that contain the current one.
    const sorted = [...nodes.values()].sort((x, y) => (x.start < y.start ? -1 : x.start > y.start ? 1 : x.end > y.end ? -1 : x.end < y.end ? 1 : 0));
    const stack: CidrNode[] = [];
    for (const node of sorted) {
      while (stack.length && stack[stack.length - 1].end < node.start) stack.pop();
      node.parent = stack[stack.length - 1];
      stack.push(node);
    }
  }
  const kept: Atom<Id>[] = [];
  for (let i = 0; i < atoms.length; i++) {
    const a = atoms[i];
    const node = nodeOf[i];
    if (!node) {
      kept.push(a);
      continue;
    }
    let covered = node.covered.get(a.protocol);
    if (!covered) {
      covered = unionRuns(node.parent ? passedDown(node.parent, a.protocol) : [], a.protocol === "all" ? [] : (node.own.get("all") ?? []));
      node.covered.set(a.protocol, covered);
    }
    if (!covered.length) kept.push(a);
    else for (const [fromPort, toPort] of subtractRuns(a.fromPort, a.toPort, covered)) kept.push({ ...a, fromPort, toPort });
  }
  return kept;
}

/** Merges atoms into one rule per maximal contiguous port run per (direction, ethertype, protocol, peer). */
function mergeAtoms<Id>(all: Atom<Id>[], keyOf: (peer: Peer<Id>) => string): PlannedRule<Id>[] {
  const atoms = dropCovered(all);
  // Groups by slot, then peer key (which has no "|", so the pair is the joined key it stood for):
  // the atoms' shared strings hash once, where a joined key per atom was hashed every time.
  const groups = new Map<string, Map<string, Atom<Id>[]>>();
  const lists: Atom<Id>[][] = []; // in order of each group's first atom
  for (const a of atoms) {
    let byPeer = groups.get(a.slot);
    if (!byPeer) groups.set(a.slot, (byPeer = new Map()));
    const pk = keyOf(a.peer);
    const list = byPeer.get(pk);
    if (list) list.push(a);
    else {
      const fresh = [a];
      byPeer.set(pk, fresh);
      lists.push(fresh);
    }
  }
  const rules: PlannedRule<Id>[] = [];
  for (const list of lists) {
    list.sort((x, y) => x.fromPort - y.fromPort || x.toPort - y.toPort);
    let start = 0;
    let to = list[0].toPort;
    for (let i = 1; i < list.length; i++) {
      const a = list[i];
      // Only really contiguous (or overlapping) ports merge: 443 and 445 stay two rules.
      if (a.fromPort <= to + 1) {
        to = Math.max(to, a.toPort);
      } else {
        rules.push(ruleOf(list.slice(start, i), to, keyOf));
        start = i;
        to = a.toPort;
      }
    }
    rules.push(ruleOf(start === 0 ? list : list.slice(start), to, keyOf));
  }
  return rules.sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
}

/** One rule from a run of atoms (sorted by port, the first at the run's lowest port) ending at port `to`. */
function ruleOf<Id>(run: Atom<Id>[], to: number, keyOf: (peer: Peer<Id>) => string): PlannedRule<Id> {
  const first = run[0];
  const rule: Omit<PlannedRule<Id>, "key"> = {
    direction: first.direction,
    ethertype: first.ethertype,
    protocol: first.protocol,
    fromPort: first.fromPort,
    toPort: to,
    peer: first.peer,
    description: describe(run),
    entries: run.length === 1 ? [first.entry.id] : [...new Set(run.map((a) => a.entry.id))],
    services: run.length === 1 ? [first.entry.service] : [...new Set(run.map((a) => a.entry.service))],
  };
  const key = keyWithPeerKey(rule, keyOf(first.peer));
  // Only group and prefix-list keys changed since 0.1; every other peer's previous key is its key.
  const previous = first.peer.kind === "security-group" || first.peer.kind === "prefix-list" ? keyWithPeerKey(rule, previousPeerKey(first.peer)) : key;
  // Spelled out rather than spread (spreading cost more than the rest of the rule), in the same field order.
  const { direction, ethertype, protocol, fromPort, toPort, peer, description, entries, services } = rule;
  return previous !== key
    ? { key, previousKey: previous, direction, ethertype, protocol, fromPort, toPort, peer, description, entries, services }
    : { key, direction, ethertype, protocol, fromPort, toPort, peer, description, entries, services };
}
