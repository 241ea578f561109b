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
  /** The group the rules belong to (its own members). */
  self?: boolean;
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
    case "self":
      return "self";
    case "security-group":
      return `sg-${peer.name}`;
    case "prefix-list":
      return `pl-${peer.name}`;
  }
}

/** Whether CIDR `outer` strictly contains CIDR `inner` (same family, shorter prefix). */
export function cidrCovers(outer: string, inner: string): boolean {
  const [outerAddr, outerPrefix] = ipaddr.parseCIDR(outer);
  const [innerAddr, innerPrefix] = ipaddr.parseCIDR(inner);
  return outerAddr.kind() === innerAddr.kind() && outerPrefix < innerPrefix && innerAddr.match(outerAddr, outerPrefix);
}

/** Human text for a peer, used in plans and descriptions. */
export function peerLabel(peer: Peer<unknown>): string {
  switch (peer.kind) {
    case "cidr":
      return peer.cidr;
    case "self":
      return "self";
    case "security-group":
      return `sg:${peer.name}`;
    case "prefix-list":
      return `pl:${peer.name} (max ${peer.maxEntries})`;
  }
}

function normalizeCidr(where: string, value: unknown, family: Ethertype): string {
  const other = family === "IPv4" ? "cidrIpv6" : "cidrIpv4";
  if (typeof value !== "string") throw new PortcatalogError(`${where}: ${JSON.stringify(value)} is not a CIDR string`);
  const isV4 = ipaddr.IPv4.isValidCIDRFourPartDecimal(value);
  const isV6 = !isV4 && ipaddr.IPv6.isValidCIDR(value);
  if (!isV4 && !isV6) {
    const example = family === "IPv4" ? "10.0.0.0/16" : "2001:db8::/32";
    throw new PortcatalogError(`${where}: "${value}" is not a valid ${family} CIDR (address/prefix, e.g. ${example})`);
  }
  if ((family === "IPv4") !== isV4) {
    throw new PortcatalogError(`${where}: "${value}" is an ${isV4 ? "IPv4" : "IPv6"} CIDR; put it in ${other}`);
  }
  const [addr, prefix] = ipaddr.parseCIDR(value);
  const network = isV4 ? ipaddr.IPv4.networkAddressFromCIDR(value) : ipaddr.IPv6.networkAddressFromCIDR(value);
  if (network.toString() !== addr.toString()) {
    throw new PortcatalogError(`${where}: "${value}" has host bits set; the network address is ${network.toString()}/${prefix}`);
  }
  return `${network.toString()}/${prefix}`;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

function refName(where: string, ref: { name?: string; id: unknown }): string {
  const name = ref.name ?? (typeof ref.id === "string" ? ref.id : undefined);
  if (name === undefined) {
    throw new PortcatalogError(`${where}: id is not a plain string (a Pulumi output?); give it a name so its rules get stable keys`);
  }
  if (!NAME.test(name)) throw new PortcatalogError(`${where}: name "${name}" must be letters, digits, ".", "_" or "-"`);
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
  return peers.filter((p) => !seen.has(peerKey(p)) && seen.add(peerKey(p)));
}

/** The peer sets in force per audience, defaults applied; `undefined` means closed. */
export function effectiveSources<Id>(sources: Sources<Id> = {}): Record<Audience, PeerSet<Id> | undefined> {
  return {
    public: sources.public ?? ANYWHERE,
    internal: sources.internal ?? { self: true },
    admin: sources.admin,
  };
}
