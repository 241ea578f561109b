// Azure network security groups as the Azure CLI exports them, and what their rules let through.
//
// Shapes, with the field names and casing the CLI really prints:
// - `az network nsg show -g RG -n NSG -o json`: the NSG, its ARM properties flattened into it (the CLI's
//   aaz `Show` deserialises with client_flatten: azure-cli src/azure-cli/azure/cli/command_modules/network/
//   aaz/latest/network/nsg/_show.py), so `securityRules` and `defaultSecurityRules` are top-level lists.
// - `az network nsg rule list -g RG --nsg-name NSG -o json`: the list of that NSG's `securityRules`, and with
//   `--include-default` its `defaultSecurityRules` after them (azure-cli network/custom.py `list_nsg_rules`:
//   `rules = nsg["securityRules"]; return rules + nsg["defaultSecurityRules"] if include_default else rules`).
// - A rule is a SecurityRule (azure-rest-api-specs specification/network/resource-manager/Microsoft.Network/
//   stable/2023-09-01/networkSecurityGroup.json, SecurityRulePropertiesFormat; the same fields in the CLI's
//   aaz/latest/network/nsg/rule/_list.py schema): name, id, etag, type and, flattened, access, description,
//   destinationAddressPrefix(es), destinationApplicationSecurityGroups, destinationPortRange(s), direction,
//   priority, protocol (Tcp, Udp, Icmp, Esp, Ah, *), provisioningState, sourceAddressPrefix(es),
//   sourceApplicationSecurityGroups, sourcePortRange(s). The CLI adds `resourceGroup` to every object with an
//   `id` (azure-cli core commands/transform.py `_add_resource_group`). ARM's own JSON (`az rest`, the REST API's
//   examples, e.g. SecurityRuleGet) nests the same fields under `properties`; both are read.
// - Semantics (https://learn.microsoft.com/azure/virtual-network/network-security-groups-overview, "Security
//   rules" and "Default security rules"): rules are processed by priority, lowest number first, and the first
//   match decides; `*`/`Any` is every address, the `Internet` tag the address space outside the virtual network,
//   `VirtualNetwork` the virtual network's (an application security group's members are in it); every NSG has
//   AllowVnetInBound 65000, AllowAzureLoadBalancerInBound 65001, DenyAllInBound 65500 and their outbound twins.
//
// What the rules let through is read as Azure evaluates them, each choice where the export cannot tell keeping an
// allow rather than dropping it: see "What the rules let through" below and docs/policy.md, "Where the Azure audit
// approximates".
import ipaddr from "ipaddr.js";
import { PortcatalogError } from "../catalog/errors.js";
import type { Direction, Protocol } from "../catalog/model.js";
import { AZURE_SHARES as ATOMS, type AzureShare, azureShares as atomsOf, isAzureWorld, portedShare as ported, sourceCidrs } from "../policy/azure.js";
import { cidrInterval, type Family, FAMILY_LAST, MAX_PORT, PUBLIC_SPANS, type Span, spanCidrs } from "../policy/judge.js";
import type { AzureEndpoint, AzureRule, ExistingGroup, ExistingPeer, ExistingRule } from "./model.js";

type Fail = (where: string, what: string) => never;

const RULE_FIELDS = [
  "access", "description", "destinationAddressPrefix", "destinationAddressPrefixes", "destinationApplicationSecurityGroups",
  "destinationPortRange", "destinationPortRanges", "direction", "priority", "protocol", "provisioningState", "sourceAddressPrefix",
  "sourceAddressPrefixes", "sourceApplicationSecurityGroups", "sourcePortRange", "sourcePortRanges",
];
const RESOURCE_FIELDS = ["name", "id", "etag", "type", "resourceGroup"];
const ASG_FIELDS = ["id", "resourceGroup", "etag", "location", "name", "properties", "tags", "type", "provisioningState", "resourceGuid"];
/** Azure's protocol words, as the API spells them. */
export const AZURE_PROTOCOLS = ["Tcp", "Udp", "Icmp", "Esp", "Ah", "*"] as const;
type Atom = AzureShare;
const RULE_ID = /\/networkSecurityGroups\/([^/]+)\/(securityRules|defaultSecurityRules)\/([^/]+)$/i;
const SERVICE_TAG = /^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z0-9]+)*$/;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const show = (v: unknown) => (v === null ? "null" : v === undefined ? "nothing" : Array.isArray(v) ? "a list" : typeof v === "object" ? "an object" : JSON.stringify(v).slice(0, 40));

/** Whether a JSON value is shaped like an Azure security rule (flattened by the CLI or nested under `properties`). */
export function looksLikeAzureRule(v: unknown): boolean {
  if (!isRecord(v)) return false;
  const r = isRecord(v.properties) ? v.properties : v;
  return "access" in r || "priority" in r;
}

/** Whether a JSON object is shaped like `az network nsg show` output. */
export function looksLikeAzureNsg(v: Record<string, unknown>): boolean {
  const r = isRecord(v.properties) ? v.properties : v;
  return "securityRules" in r || "defaultSecurityRules" in r;
}

/** The `[n]` list elements a field holds: a singular value and its plural list, empty lists and null read as unset. */
function values(o: Record<string, unknown>, single: string, plural: string, where: string, fail: Fail): { at: string; value: unknown }[] {
  const out: { at: string; value: unknown }[] = [];
  if (o[single] !== undefined && o[single] !== null) out.push({ at: `${where}.${single}`, value: o[single] });
  const many = o[plural];
  if (many !== undefined && many !== null) {
    if (!Array.isArray(many)) fail(`${where}.${plural}`, `expected a list, got ${show(many)}`);
    many.forEach((value, i) => out.push({ at: `${where}.${plural}[${i}]`, value }));
  }
  return out;
}

/** `80`, `1000-2000` or `*` as a port run. */
function portRun(at: string, v: unknown, fail: Fail): { fromPort: number; toPort: number } {
  if (v === "*") return { fromPort: 0, toPort: MAX_PORT };
  const m = typeof v === "string" ? /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(v.trim()) : null;
  if (!m) return fail(at, `expected a port, a range like "1000-2000" or "*", got ${show(v)}`);
  const from = Number(m[1]);
  const to = Number(m[2] ?? m[1]);
  if (to > MAX_PORT) fail(at, `port ${to} is outside 0-${MAX_PORT}`);
  if (from > to) fail(at, `range ${from}-${to} runs backwards`);
  return { fromPort: from, toPort: to };
}

function endpoint(at: string, v: unknown, fail: Fail): AzureEndpoint[] {
  if (typeof v !== "string" || !v.trim()) return fail(at, `expected an address prefix or service tag, got ${show(v)}`);
  const text = v.trim();
  if (text === "*" || text.toLowerCase() === "any") return [{ kind: "any" }];
  // Internet is a tag: on a Deny it is not every address (the virtual network is not in it).
  if (text.toLowerCase() === "internet") return [{ kind: "tag", tag: "Internet" }];
  // Literal prefixes read through the policy pack's reading of Azure sources.
  const cidrs = sourceCidrs(text);
  if (cidrs.length) return cidrs.map((cidr) => ({ kind: "cidr", cidr }));
  if (ipaddr.isValidCIDR(text) || isAzureWorld(text)) return fail(at, `cannot read ${show(v)}`);
  if (!SERVICE_TAG.test(text)) fail(at, `${show(v)} is neither an IP address, a CIDR, "*" nor a service tag`);
  return [{ kind: "tag", tag: text }];
}

/** One side of a rule: its address prefixes, or its application security groups (Azure takes one or the other). */
function side(o: Record<string, unknown>, name: "source" | "destination", where: string, fail: Fail): AzureEndpoint[] {
  const prefixes = values(o, `${name}AddressPrefix`, `${name}AddressPrefixes`, where, fail).flatMap(({ at, value }) => endpoint(at, value, fail));
  const asgField = `${name}ApplicationSecurityGroups`;
  const asgs = values(o, "__none__", asgField, where, fail).map(({ at, value }): AzureEndpoint => {
    if (!isRecord(value)) return fail(at, `expected an object with an "id", got ${show(value)}`);
    for (const k of Object.keys(value)) if (!ASG_FIELDS.includes(k)) fail(at, `unknown field "${k}" (known: ${ASG_FIELDS.join(", ")})`);
    if (typeof value.id !== "string" || !value.id) return fail(`${at}.id`, `expected an application security group id, got ${show(value.id)}`);
    return { kind: "asg", id: value.id };
  });
  if (prefixes.length && asgs.length) fail(where, `both ${name} address prefixes and ${asgField}: Azure takes one or the other`);
  if (!prefixes.length && !asgs.length) fail(where, `missing ${name}: none of ${name}AddressPrefix, ${name}AddressPrefixes, ${asgField}`);
  return [...prefixes, ...asgs];
}

function merged(runs: { fromPort: number; toPort: number }[]): { fromPort: number; toPort: number }[] {
  const out: { fromPort: number; toPort: number }[] = [];
  for (const r of [...runs].sort((a, b) => a.fromPort - b.fromPort)) {
    const last = out[out.length - 1];
    if (last && r.fromPort <= last.toPort + 1) last.toPort = Math.max(last.toPort, r.toPort);
    else out.push({ ...r });
  }
  return out;
}

/**
 * Reads one exported security rule. `at` names it in errors (`[3]`, `securityRules[3]`), `isDefault` says it came
 * from `defaultSecurityRules` (the rule list's defaults are told by their id).
 */
export function readAzureRule(file: string, at: string, v: unknown, isDefault?: boolean): AzureRule {
  const fail: Fail = (where, what) => {
    throw new PortcatalogError(`${file}: ${where}: ${what}`);
  };
  if (!isRecord(v)) return fail(at, `expected a security rule object, got ${show(v)}`);
  const nested = isRecord(v.properties);
  for (const k of Object.keys(v)) {
    if (!(nested ? [...RESOURCE_FIELDS, "properties"] : [...RESOURCE_FIELDS, ...RULE_FIELDS]).includes(k)) fail(at, `unknown field "${k}" (known: ${[...RESOURCE_FIELDS, ...RULE_FIELDS].join(", ")})`);
  }
  const o = nested ? (v.properties as Record<string, unknown>) : v;
  const where = nested ? `${at}.properties` : at;
  if (nested) for (const k of Object.keys(o)) if (!RULE_FIELDS.includes(k)) fail(where, `unknown field "${k}" (known: ${RULE_FIELDS.join(", ")})`);
  const name = typeof v.name === "string" && v.name ? v.name : fail(`${at}.name`, `expected the rule's name, got ${show(v.name)}`);
  const named = `${at} (${name})`;
  const id = typeof v.id === "string" ? v.id : fail(`${named}.id`, `expected the rule's ARM id, got ${show(v.id)}`);
  const m = RULE_ID.exec(id);
  if (!m) fail(`${named}.id`, `"${id}" is not a security rule's ARM id (…/networkSecurityGroups/<nsg>/securityRules/<name>)`);
  if (m[3].toLowerCase() !== name.toLowerCase()) fail(`${named}.id`, `the id names rule "${m[3]}", not "${name}"`);
  const fromDefaults = m[2].toLowerCase() === "defaultsecurityrules";
  if (isDefault !== undefined && isDefault !== fromDefaults) fail(`${named}.id`, `a ${isDefault ? "default" : "custom"} rule whose id is under ${m[2]}`);
  const direction = o.direction === "Inbound" ? "ingress" : o.direction === "Outbound" ? "egress" : fail(`${named}.direction`, `expected "Inbound" or "Outbound", got ${show(o.direction)}`);
  const access = o.access === "Allow" || o.access === "Deny" ? o.access : fail(`${named}.access`, `expected "Allow" or "Deny", got ${show(o.access)}`);
  const [low, high] = fromDefaults ? [65000, 65500] : [100, 4096];
  if (typeof o.priority !== "number" || !Number.isInteger(o.priority) || o.priority < low || o.priority > high) fail(`${named}.priority`, `expected a whole number from ${low} to ${high}, got ${show(o.priority)}`);
  const protocol = AZURE_PROTOCOLS.find((p) => typeof o.protocol === "string" && p.toLowerCase() === o.protocol.toLowerCase());
  if (!protocol) fail(`${named}.protocol`, `unknown protocol ${show(o.protocol)}: Azure's are ${AZURE_PROTOCOLS.join(", ")}`);
  const portsOf = (single: string, plural: string) => {
    const runs = values(o, single, plural, where, fail).map(({ at: p, value }) => portRun(p.replace(where, named), value, fail));
    if (!runs.length) fail(named, `missing ${single}: none of ${single}, ${plural}`);
    return merged(runs);
  };
  const ports = portsOf("destinationPortRange", "destinationPortRanges");
  const sourcePorts = portsOf("sourcePortRange", "sourcePortRanges");
  const sources = side(o, "source", named, fail);
  const destinations = side(o, "destination", named, fail);
  const text = (k: string) => (o[k] === undefined || o[k] === null ? undefined : typeof o[k] === "string" ? (o[k] as string) : fail(`${named}.${k}`, `expected text, got ${show(o[k])}`));
  return {
    id,
    name,
    nsgId: id.slice(0, id.length - m[0].length + `/networkSecurityGroups/${m[1]}`.length),
    isDefault: fromDefaults,
    direction,
    access,
    priority: o.priority as number,
    protocol,
    peers: direction === "ingress" ? sources : destinations,
    own: direction === "ingress" ? destinations : sources,
    ports,
    anySourcePort: sourcePorts.length === 1 && sourcePorts[0].fromPort === 0 && sourcePorts[0].toPort === MAX_PORT,
    description: text("description") || undefined,
    provisioningState: text("provisioningState"),
    origin: `${file}: ${named}`,
  };
}

// ---- What the rules let through --------------------------------------------------------------------------
//
// Azure's meaning of each end (https://learn.microsoft.com/azure/virtual-network/network-security-groups-overview,
// "Security rules"; https://learn.microsoft.com/azure/virtual-network/service-tags-overview;
// https://learn.microsoft.com/azure/virtual-network/application-security-groups):
// - The near end (an inbound rule's destination, an outbound rule's source) is the machine's private address:
//   "for inbound traffic, network security groups process traffic after Azure translates public IP addresses to
//   private IP addresses; for outbound traffic, before translating private IP addresses to public". A private
//   address of the virtual network is in `VirtualNetwork` and never in `Internet` ("the IP address space that's
//   outside the virtual network").
// - `VirtualNetwork` is the virtual network's address space, connected and peered networks, the host's virtual IP
//   and the prefixes of user-defined routes ("this tag might also contain default routes"): its addresses are not
//   in the export, so a Deny from it removes no address prefix, only itself and application security groups
//   (whose members' interfaces are in one virtual network, so their private addresses are in the tag).
// - `Internet` is the public address space outside the virtual network. A Deny from it takes every public address
//   away from an Allow of prefixes, and keeps the public addresses that may be the virtual network's own as a
//   `VirtualNetwork` part; the non-public addresses (policy/judge.ts NOT_PUBLIC) stay allowed.
// - Any other tag (`AzureLoadBalancer`, `Storage`, `Storage.WestEurope`) is a set the export does not spell: a Deny
//   of it removes only itself (and a tag's regional parts), a Deny of both families' every address removes it.
// - A Deny applies where its near end certainly holds the Allow's: `*`, `VirtualNetwork`, the family's every address,
//   the same tag or ASG, or prefixes holding the Allow's own; and only when its source ports are `*`.
// - Protocols: Tcp and Udp have ports. Icmp, Esp and Ah have none, and Azure does not document what a port on such
//   a rule means (MicrosoftDocs/azure-docs#51522 reports ICMP types matched as ports): an Allow of one is taken to
//   let it through whatever its ports, a Deny to stop it only when its ports are `*`. `*` is every protocol on the
//   rule's ports: TCP and UDP on them, every portless protocol (policy/azure.ts azureShares, the pack's reading too).

type Run = [number, number];
/** Who a part of an Allow still lets in: addresses (exactly; `internet` when they stand for the Internet tag), or a tag or ASG in some families. */
type Who = { kind: "addrs"; spans: Span[]; internet: boolean } | { kind: "named"; end: Extract<AzureEndpoint, { kind: "tag" | "asg" }>; families: Family[] };
/** Part of what an Allow lets through: ports and who. */
type Part = { ports: Run[]; who: Who };

const FULL: Run[] = [[0, MAX_PORT]];
const FAMILIES = ["IPv4", "IPv6"] as const;

function subtractRuns(a: readonly Run[], b: readonly Run[]): Run[] {
  let out = [...a];
  for (const [bf, bt] of b) {
    out = out.flatMap(([f, t]): Run[] => (bt < f || bf > t ? [[f, t]] : [...(f < bf ? [[f, bf - 1] as Run] : []), ...(t > bt ? [[bt + 1, t] as Run] : [])]));
  }
  return out;
}
const intersectRuns = (a: readonly Run[], b: readonly Run[]): Run[] => a.flatMap(([f, t]) => b.filter(([bf, bt]) => bt >= f && bf <= t).map(([bf, bt]): Run => [Math.max(f, bf), Math.min(t, bt)]));

function subtractSpans(a: readonly Span[], b: readonly Span[]): Span[] {
  let out = [...a];
  for (const d of b) {
    out = out.flatMap((s): Span[] => {
      if (s.family !== d.family || d.last < s.first || d.first > s.last) return [s];
      return [...(s.first < d.first ? [{ ...s, last: d.first - 1n }] : []), ...(s.last > d.last ? [{ ...s, first: d.last + 1n }] : [])];
    });
  }
  return out;
}
const intersectSpans = (a: readonly Span[], b: readonly Span[]): Span[] =>
  a.flatMap((s) => b.filter((d) => d.family === s.family && d.last >= s.first && d.first <= s.last).map((d): Span => ({ family: s.family, first: s.first > d.first ? s.first : d.first, last: s.last < d.last ? s.last : d.last })));
/** Whether the spans hold every address of `s`. */
const holds = (spans: readonly Span[], s: Span) => subtractSpans([s], spans).length === 0;

const familySpan = (family: Family): Span => ({ family, first: 0n, last: FAMILY_LAST[family] });
const WORLD_SPANS: Span[] = FAMILIES.map(familySpan);
const PUBLIC: Span[] = [...PUBLIC_SPANS.IPv4, ...PUBLIC_SPANS.IPv6];
const isTag = (e: AzureEndpoint, tag: string) => e.kind === "tag" && e.tag.toLowerCase() === tag.toLowerCase();
const prefixSpans = (eps: readonly AzureEndpoint[]): Span[] => eps.flatMap((e) => (e.kind === "any" ? WORLD_SPANS : e.kind === "cidr" ? [cidrInterval(e.cidr) as Span] : []));
const endKey = (e: AzureEndpoint) => (e.kind === "cidr" ? `cidr:${e.cidr}` : e.kind === "tag" ? `tag:${e.tag.toLowerCase()}` : e.kind === "asg" ? `asg:${e.id.toLowerCase()}` : "any");
const isFull = (r: AzureRule) => r.ports.length === 1 && r.ports[0].fromPort === 0 && r.ports[0].toPort === MAX_PORT;
/** The ports a rule names for one protocol: its own for TCP and UDP; every port for a portless one (see above). */
const allowPorts = (r: AzureRule, atom: Atom): Run[] => (ported(atom) ? r.ports.map((p): Run => [p.fromPort, p.toPort]) : FULL);
const denyPorts = (r: AzureRule, atom: Atom): Run[] => (ported(atom) ? r.ports.map((p): Run => [p.fromPort, p.toPort]) : isFull(r) ? FULL : []);

/** The families in which a Deny's near end certainly holds every machine an Allow's near end (`own`, one kind) reaches. */
function nearFamilies(deny: AzureRule, own: readonly AzureEndpoint[]): Family[] {
  if (deny.own.some((d) => d.kind === "any" || isTag(d, "VirtualNetwork"))) return [...FAMILIES];
  const denied = new Set(deny.own.map(endKey));
  if (own.every((o) => denied.has(endKey(o)))) return [...FAMILIES];
  const spans = prefixSpans(deny.own);
  return FAMILIES.filter((f) => holds(spans, familySpan(f)) || (own.length > 0 && own.every((o) => o.kind === "cidr" && holds(spans, cidrInterval(o.cidr) as Span))));
}

/** What is left of `who` once a Deny whose far end is `deny.peers` has taken away, in `families`, what it certainly matches. */
function denyWho(deny: AzureRule, who: Who, families: readonly Family[]): Who[] {
  const inFamilies = (spans: readonly Span[]) => spans.filter((s) => families.includes(s.family));
  if (who.kind === "addrs") {
    let blocked = inFamilies(prefixSpans(deny.peers));
    let residue: Family[] = [];
    if (deny.peers.some((d) => isTag(d, "Internet"))) {
      if (who.internet) blocked = inFamilies(WORLD_SPANS);
      else {
        const publicPart = intersectSpans(who.spans, inFamilies(PUBLIC));
        blocked = [...blocked, ...publicPart];
        residue = FAMILIES.filter((f) => publicPart.some((s) => s.family === f));
      }
    }
    const spans = subtractSpans(who.spans, blocked);
    return [...(spans.length ? [{ ...who, spans }] : []), ...(residue.length ? [{ kind: "named" as const, end: { kind: "tag" as const, tag: "VirtualNetwork" }, families: residue }] : [])];
  }
  const end = who.end;
  const spans = prefixSpans(deny.peers);
  const gone = new Set<Family>(families.filter((f) => holds(spans, familySpan(f))));
  const whole = deny.peers.some((d) => {
    if (d.kind === "any") return true;
    if (end.kind === "asg") return (d.kind === "asg" && d.id.toLowerCase() === end.id.toLowerCase()) || isTag(d, "VirtualNetwork");
    // A tag holds its regional parts (Storage holds Storage.WestEurope).
    return d.kind === "tag" && (d.tag.toLowerCase() === end.tag.toLowerCase() || end.tag.toLowerCase().startsWith(`${d.tag.toLowerCase()}.`));
  });
  if (whole) for (const f of families) gone.add(f);
  const left = who.families.filter((f) => !gone.has(f));
  return left.length ? [{ ...who, families: left }] : [];
}

/** What one Allow lets through of one protocol, from one far end to one near end, once every Deny before it has taken its share. */
function allowedParts(allow: AzureRule, atom: Atom, peer: AzureEndpoint, own: readonly AzureEndpoint[], denies: readonly AzureRule[]): Part[] {
  const who: Who =
    peer.kind === "any" || peer.kind === "cidr" ? { kind: "addrs", spans: prefixSpans([peer]), internet: false } : isTag(peer, "Internet") ? { kind: "addrs", spans: WORLD_SPANS, internet: true } : { kind: "named", end: peer, families: [...FAMILIES] };
  let parts: Part[] = [{ ports: allowPorts(allow, atom), who }];
  for (const deny of denies) {
    if (!deny.anySourcePort || !atomsOf(deny.protocol).includes(atom)) continue;
    const theirs = denyPorts(deny, atom);
    const families = theirs.length ? nearFamilies(deny, own) : [];
    if (!families.length) continue;
    parts = parts.flatMap((p): Part[] => {
      const inside = intersectRuns(p.ports, theirs);
      if (!inside.length) return [p];
      const outside = subtractRuns(p.ports, theirs);
      return [...(outside.length ? [{ ...p, ports: outside }] : []), ...denyWho(deny, p.who, families).map((w) => ({ ports: inside, who: w }))];
    });
  }
  return parts;
}

/**
 * What an NSG's rules let through, as allow-only rules the audit judges like any cloud's: for each Allow, what
 * no Deny of a lower priority number (evaluated first) certainly takes away. Every rule of one direction is one
 * priority order; two rules on one priority are an error, as Azure refuses them. An Allow into several ASGs is
 * judged per ASG (each part's `target`).
 */
export function effectiveRules(rules: readonly AzureRule[]): ExistingRule[] {
  const out: ExistingRule[] = [];
  for (const direction of ["ingress", "egress"] as Direction[]) {
    const ordered = rules.filter((r) => r.direction === direction).sort((a, b) => a.priority - b.priority);
    for (let i = 1; i < ordered.length; i++) {
      if (ordered[i].priority === ordered[i - 1].priority) throw new PortcatalogError(`${ordered[i].origin}: priority ${ordered[i].priority} is also ${ordered[i - 1].origin}'s, which Azure does not allow in one direction`);
    }
    for (const [i, allow] of ordered.entries()) {
      if (allow.access !== "Allow") continue;
      const denies = ordered.slice(0, i).filter((r) => r.access === "Deny");
      const pieces: Omit<ExistingRule, "id">[] = [];
      const base = { groupId: allow.nsgId, direction, origin: allow.origin, ...(allow.description ? { description: allow.description } : {}) };
      const platform = (peer: AzureEndpoint) => (allow.isDefault || isTag(peer, "AzureLoadBalancer") ? { platform: true as const } : {});
      // One near end at a time when it names ASGs (each ASG its role); prefixes and tags are one near end together.
      const nears = allow.own.every((e) => e.kind === "asg") ? allow.own.map((e) => [e]) : [allow.own];
      for (const own of nears) {
        const target = direction === "ingress" && own.length === 1 && own[0].kind === "asg" ? { target: own[0].id } : {};
        for (const peer of allow.peers) {
          const atoms = ATOMS.filter((a) => atomsOf(allow.protocol).includes(a));
          const byAtom = atoms.map((atom) => ({ atom, parts: allowedParts(allow, atom, peer, own, denies) }));
          const emit = (protocol: ExistingRule["protocol"], rawProtocol: string, ports: Run, who: Who, extra: Partial<ExistingRule> = {}) => {
            for (const p of peersOf(who)) pieces.push({ ...base, ...target, ...platform(peer), ...extra, family: p.family, protocol, rawProtocol, fromPort: ports[0], toPort: ports[1], peer: p.peer });
          };
          // A `*` rule no Deny touched is every protocol on its ports, as the policy pack reads it.
          const untouched = allow.protocol === "*" && byAtom.every(({ atom, parts }) => JSON.stringify(parts, big) === JSON.stringify(allowedParts(allow, atom, peer, own, []), big));
          if (untouched) {
            for (const run of allowPorts(allow, "tcp")) emit("all", "*", run, byAtom[0].parts[0].who);
            continue;
          }
          for (const { atom, parts } of byAtom) {
            for (const p of parts) {
              if (ported(atom)) for (const run of p.ports) emit(atom as Protocol, allow.protocol === "*" ? `${atom} (*)` : allow.protocol, run, p.who, allow.protocol === "*" ? { anyProtocol: true } : {});
              else emit("other", allow.protocol === "*" ? `${atom} (*)` : allow.protocol, [0, MAX_PORT], p.who);
            }
          }
        }
      }
      pieces.forEach((p, n) => out.push({ id: pieces.length === 1 ? allow.name : `${allow.name}#${n + 1}`, ...p }));
    }
  }
  return out;
}
const big = (_k: string, v: unknown) => (typeof v === "bigint" ? v.toString() : v);

function peersOf(who: Who): { peer: ExistingPeer; family: ExistingRule["family"] }[] {
  if (who.kind === "named") {
    const family = who.families.length === 1 ? who.families[0] : "any";
    return [{ peer: who.end.kind === "tag" ? { kind: "service-tag", id: who.end.tag } : { kind: "group", id: who.end.id }, family }];
  }
  return who.spans.flatMap((s) => spanCidrs(s).map((cidr) => ({ peer: { kind: "cidr" as const, cidr }, family: s.family })));
}

/** The NSGs of some exported rules, each with what its rules let through. */
export function azureGroups(rules: readonly AzureRule[]): ExistingGroup[] {
  const seen = new Map<string, string>();
  const byNsg = new Map<string, AzureRule[]>();
  for (const r of rules) {
    const first = seen.get(r.id.toLowerCase());
    if (first) throw new PortcatalogError(`${r.origin}: rule ${r.name} is also in ${first}: give each export once`);
    seen.set(r.id.toLowerCase(), r.origin);
    const k = r.nsgId.toLowerCase();
    byNsg.set(k, [...(byNsg.get(k) ?? []), r]);
  }
  return [...byNsg.values()].map((list) => {
    const nsgId = list[0].nsgId;
    // The load balancer's probes (the components' closing allow) go to every machine: they name no members.
    const probe = (r: AzureRule) => r.peers.every((e) => e.kind === "tag" && e.tag.toLowerCase() === "azureloadbalancer");
    const custom = list.filter((r) => !r.isDefault && r.direction === "ingress" && r.access === "Allow" && !probe(r));
    const targets = [...new Set(custom.flatMap((r) => r.own.filter((e) => e.kind === "asg").map((e) => (e as { id: string }).id)))];
    const notes = list.some((r) => r.isDefault)
      ? []
      : ["Azure's default rules are not in the export (`az network nsg rule list` without --include-default): AllowVnetInBound (65000) and AllowAzureLoadBalancerInBound (65001) still apply and are not judged"];
    return {
      id: nsgId,
      name: nsgId.split("/").pop(),
      rules: effectiveRules(list),
      azureRules: list,
      ...(targets.length === 1 ? { members: targets[0] } : {}),
      ...(notes.length ? { notes } : {}),
    };
  });
}
