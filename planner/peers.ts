import ipaddr from "ipaddr.js";
import { PortcatalogError } from "../catalog/errors.js";
import type { Audience } from "../catalog/model.js";

export type Ethertype = "IPv4" | "IPv6";

/** A security group the user names as a peer. `id` may be a plain string or a Pulumi output: it is passed through untouched. */
export interface SecurityGroupPeer<Id = string> {
  /** Stable name used in rule keys; defaults to `id` when `id` is a plain string. */
  name?: string;
  id: Id;
}

/** A managed prefix list peer; AWS counts `maxEntries` rules for each reference. */
export interface PrefixListPeer<Id = string> {
  /** Stable name used in rule keys; defaults to `id` when `id` is a plain string. */
  name?: string;
  id: Id;
  maxEntries: number;
}

/** Who may reach (or, for egress, be reached by) a set of ports. */
export interface PeerSet<Id = string> {
  cidrIpv4?: string[];
  cidrIpv6?: string[];
  securityGroups?: SecurityGroupPeer<Id>[];
  prefixLists?: PrefixListPeer<Id>[];
  /** IPv4 CIDRs known only when the cloud is (a VPC's `cidrBlock`), each named for stable rule keys. */
  namedCidrIpv4?: NamedCidrPeer<Id>[];
  /** IPv6 CIDRs known only when the cloud is, each named for stable rule keys. */
  namedCidrIpv6?: NamedCidrPeer<Id>[];
  /** The group the rules belong to (its own members). */
  self?: boolean;
}

/** A CIDR whose value is a Pulumi output: its name stands for it in rule keys. */
export interface NamedCidrPeer<Id = string> {
  name: string;
  cidr: Id;
}

/** Peer sets per audience. Unset: public → anywhere, internal → self, admin → closed. */
export interface Sources<Id = string> {
  public?: PeerSet<Id>;
  admin?: PeerSet<Id>;
  internal?: PeerSet<Id>;
}

/** One resolved peer: what a single provider rule points at. */
export type Peer<Id = string> =
  | { kind: "cidr"; cidr: string; ethertype: Ethertype }
  /** A CIDR known only at deployment: checked then, never merged with or subtracted from others. */
  | { kind: "named-cidr"; name: string; cidr: Id; ethertype: Ethertype }
  | { kind: "self" }
  | { kind: "security-group"; name: string; id: Id }
  | { kind: "prefix-list"; name: string; id: Id; maxEntries: number };

export const ANYWHERE: PeerSet<never> = { cidrIpv4: ["0.0.0.0/0"], cidrIpv6: ["::/0"] };

/** Stable, URN-safe text for a peer, used in rule keys. */
export function peerKey(peer: Peer<unknown>): string {
  switch (peer.kind) {
    case "cidr":
      if (peer.cidr === "0.0.0.0/0") return "anywhere-ipv4";
      if (peer.cidr === "::/0") return "anywhere-ipv6";
      return `${peer.ethertype.toLowerCase()}-${peer.cidr.replace(/[:.]/g, "-").replace("/", "_")}`;
    case "named-cidr":
      return `cidr-${peer.name}`;
    case "self":
      return "self";
    // A name that already says what it is (an id such as `sg-0abc`) is not prefixed again.
    case "security-group":
      return peer.name.startsWith("sg-") ? peer.name : `sg-${peer.name}`;
    case "prefix-list":
      return peer.name.startsWith("pl-") ? peer.name : `pl-${peer.name}`;
  }
}

/** The peer key of versions before 0.2, which prefixed every name (`sg-sg-0abc`): kept so renamed rules can alias their old names. */
export function previousPeerKey(peer: Peer<unknown>): string {
  if (peer.kind === "security-group") return `sg-${peer.name}`;
  if (peer.kind === "prefix-list") return `pl-${peer.name}`;
  return peerKey(peer);
}

/** A CIDR as the range of addresses it spans: `start..end` in its family's number space. */
export interface CidrRange {
  family: Ethertype;
  prefix: number;
  /** The network address (host bits cleared). */
  start: bigint;
  /** The last address of the network. */
  end: bigint;
}

// Parsed once per distinct string: plans repeat the same CIDRs over many ports and peers. Bounded so hostile input cannot grow it without end.
const RANGE_CACHE_LIMIT = 1 << 16;
const ranges = new Map<string, CidrRange>();

/**
 * The address range of a CIDR, parsed by its family (a colon means IPv6): `ipaddr.parseCIDR` tries
 * IPv6 first and throws on every IPv4 CIDR, which dominated planning. Throws ipaddr.js's error on a bad CIDR.
 */
export function cidrRange(cidr: string): CidrRange {
  const cached = ranges.get(cidr);
  if (cached) return cached;
  const v4 = fourPartV4(cidr);
  if (v4) {
    const size = 2 ** (32 - v4.prefix);
    const start = v4.value - (v4.value % size);
    return remember(cidr, { family: "IPv4", prefix: v4.prefix, start: BigInt(start), end: BigInt(start + size - 1) });
  }
  const v6 = cidr.includes(":");
  const [addr, prefix] = v6 ? ipaddr.IPv6.parseCIDR(cidr) : ipaddr.IPv4.parseCIDR(cidr);
  const bits = v6 ? 128 : 32;
  let value = 0n;
  for (const byte of addr.toByteArray()) value = (value << 8n) | BigInt(byte);
  const size = 1n << BigInt(bits - prefix);
  const start = value - (value % size);
  return remember(cidr, { family: v6 ? "IPv6" : "IPv4", prefix, start, end: start + size - 1n });
}

function remember(cidr: string, range: CidrRange): CidrRange {
  if (ranges.size >= RANGE_CACHE_LIMIT) ranges.clear();
  ranges.set(cidr, range);
  return range;
}

const FOUR_PART = /^(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\/(\d+)$/;

/**
 * The common case without ipaddr.js: a four-part decimal IPv4 CIDR (what
 * `ipaddr.IPv4.isValidCIDRFourPartDecimal` accepts), as a 32-bit value and prefix; otherwise undefined.
 */
function fourPartV4(cidr: string): { value: number; prefix: number; octets: number[] } | undefined {
  const m = FOUR_PART.exec(cidr);
  if (!m) return undefined;
  const octets = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])];
  const prefix = Number.parseInt(m[5], 10);
  if (octets.some((o) => o > 255) || prefix > 32) return undefined;
  return { value: ((octets[0] * 256 + octets[1]) * 256 + octets[2]) * 256 + octets[3], prefix, octets };
}

/** Whether CIDR `outer` strictly contains CIDR `inner` (same family, shorter prefix). */
export function cidrCovers(outer: string, inner: string): boolean {
  const o = cidrRange(outer);
  const i = cidrRange(inner);
  return o.family === i.family && o.prefix < i.prefix && o.start <= i.start && i.start <= o.end;
}

/** Human text for a peer, used in plans and descriptions. */
export function peerLabel(peer: Peer<unknown>): string {
  switch (peer.kind) {
    case "cidr":
      return peer.cidr;
    case "named-cidr":
      return `cidr:${peer.name} (${peer.ethertype})`;
    case "self":
      return "self";
    case "security-group":
      return `sg:${peer.name}`;
    case "prefix-list":
      return `pl:${peer.name} (max ${peer.maxEntries})`;
  }
}

// Normalized CIDRs by family and text: each distinct string is validated and parsed once.
const normalized = new Map<string, string>();

function normalizeCidr(where: string, value: unknown, family: Ethertype): string {
  const other = family === "IPv4" ? "cidrIpv6" : "cidrIpv4";
  if (typeof value !== "string") throw new PortcatalogError(`${where}: ${JSON.stringify(value)} is not a CIDR string`);
  const cacheKey = `${family} ${value}`;
  const known = normalized.get(cacheKey);
  if (known !== undefined) return known;
  // Fast path: a four-part decimal IPv4 network address, as IPv4 CIDRs nearly always are.
  const v4 = family === "IPv4" ? fourPartV4(value) : undefined;
  if (v4 && v4.value % 2 ** (32 - v4.prefix) === 0) return rememberNormalized(cacheKey, `${v4.octets.join(".")}/${v4.prefix}`);
  const isV4 = ipaddr.IPv4.isValidCIDRFourPartDecimal(value);
  const isV6 = !isV4 && ipaddr.IPv6.isValidCIDR(value);
  if (!isV4 && !isV6) {
    const example = family === "IPv4" ? "10.0.0.0/16" : "2001:db8::/32";
    throw new PortcatalogError(`${where}: "${value}" is not a valid ${family} CIDR (address/prefix, e.g. ${example})`);
  }
  if ((family === "IPv4") !== isV4) {
    throw new PortcatalogError(`${where}: "${value}" is an ${isV4 ? "IPv4" : "IPv6"} CIDR; put it in ${other}`);
  }
  // Parse with the family's own parser: ipaddr.parseCIDR would try IPv6 first and throw for every IPv4 CIDR.
  const [addr, prefix] = isV4 ? ipaddr.IPv4.parseCIDR(value) : ipaddr.IPv6.parseCIDR(value);
  const network = isV4 ? ipaddr.IPv4.networkAddressFromCIDR(value) : ipaddr.IPv6.networkAddressFromCIDR(value);
  if (network.toString() !== addr.toString()) {
    throw new PortcatalogError(`${where}: "${value}" has host bits set; the network address is ${network.toString()}/${prefix}`);
  }
  return rememberNormalized(cacheKey, `${network.toString()}/${prefix}`);
}

function rememberNormalized(cacheKey: string, cidr: string): string {
  if (normalized.size >= RANGE_CACHE_LIMIT) normalized.clear();
  normalized.set(cacheKey, cidr);
  return cidr;
}

/** What a peer's name may be: it becomes part of rule keys and resource names. */
export const PEER_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

function refName(where: string, ref: { name?: string; id: unknown }): string {
  const name = ref.name ?? (typeof ref.id === "string" ? ref.id : undefined);
  if (name === undefined) {
    throw new PortcatalogError(`${where}: id is not a plain string (a Pulumi output?); give it a name so its rules get stable keys`);
  }
  if (!PEER_NAME.test(name)) throw new PortcatalogError(`${where}: name "${name}" must be letters, digits, ".", "_" or "-"`);
  return name;
}

/**
 * Validates a peer set and resolves it to peers, CIDRs normalized. Errors name the field and
 * the bad value. `where` is e.g. `sources.admin`.
 */
export function resolvePeerSet<Id>(where: string, set: PeerSet<Id>): Peer<Id>[] {
  const peers: Peer<Id>[] = [];
  (set.cidrIpv4 ?? []).forEach((c, i) => peers.push({ kind: "cidr", ethertype: "IPv4", cidr: normalizeCidr(`${where}.cidrIpv4[${i}]`, c, "IPv4") }));
  (set.cidrIpv6 ?? []).forEach((c, i) => peers.push({ kind: "cidr", ethertype: "IPv6", cidr: normalizeCidr(`${where}.cidrIpv6[${i}]`, c, "IPv6") }));
  for (const [field, ethertype] of [["namedCidrIpv4", "IPv4"], ["namedCidrIpv6", "IPv6"]] as const) {
    (set[field] ?? []).forEach((c, i) => {
      const at = `${where}.${field}[${i}]`;
      // A plain string is checked now; an output when the cloud resolves it (see the adapters).
      const cidr = typeof c.cidr === "string" ? (normalizeCidr(`${at}.cidr`, c.cidr, ethertype) as Id) : c.cidr;
      peers.push({ kind: "named-cidr", ethertype, name: refName(at, { name: c.name, id: undefined }), cidr });
    });
  }
  (set.securityGroups ?? []).forEach((g, i) => peers.push({ kind: "security-group", name: refName(`${where}.securityGroups[${i}]`, g), id: g.id }));
  (set.prefixLists ?? []).forEach((p, i) => {
    const at = `${where}.prefixLists[${i}]`;
    if (!Number.isInteger(p.maxEntries) || p.maxEntries < 1 || p.maxEntries > 1000) {
      throw new PortcatalogError(`${at}: maxEntries ${p.maxEntries} is not valid: use a whole number from 1 to 1000 (the prefix list's max entries)`);
    }
    peers.push({ kind: "prefix-list", name: refName(at, p), id: p.id, maxEntries: p.maxEntries });
  });
  if (set.self) peers.push({ kind: "self" });
  // The same peer named twice is one peer.
  const seen = new Set<string>();
  return peers.filter((p) => {
    const key = peerKey(p);
    return !seen.has(key) && seen.add(key);
  });
}

/** The peer sets in force per audience, defaults applied; `undefined` means closed. */
export function effectiveSources<Id>(sources: Sources<Id> = {}): Record<Audience, PeerSet<Id> | undefined> {
  return {
    public: sources.public ?? ANYWHERE,
    internal: sources.internal ?? { self: true },
    admin: sources.admin,
  };
}
