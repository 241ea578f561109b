import { idKey } from "./ids.js";
import { oneOf, PortcatalogError, useOneOf } from "../catalog/errors.js";
import { type CatalogEntry, FLOW_AUDIENCE_ROLES, type Flow, type Protocol } from "../catalog/model.js";
import { applyOffset } from "../catalog/offset.js";
import { type Peer, type PeerSet, peerKey, resolvePeerSet } from "./peers.js";
import { checkNames, checkPrefixLists, type Plan, type PlanOptions, planChecked, type Selection } from "./plan.js";
import { fastPeerSet, fastPlannerOptions, fOpaqueId, isEventual, known, opaqueId, optional, parseFast, parseWith, peerSetSchema, plannerOptionsSchema, record, showValue } from "./validate.js";
import { fObject, fOptional, fRecord, fString, once } from "./fast.js";
import { z } from "../catalog/zod.js";
import { lazy } from "../catalog/lazy.js";

/** Options of a plan for one role's group: the audience options, this group's role and the other roles' peers. */
export interface RolePlanOptions<Id = string> extends PlanOptions<Id> {
  /** The role of the machines in this group, e.g. `compute`. */
  role: string;
  /**
   * The peers of the other roles, by role (usually one group each, e.g. `{ controller: { securityGroups: [{ name: "controller", id }] } }`).
   * A role left out gets no rule: its flows are listed as not wired.
   */
  roles?: Record<string, PeerSet<Id>>;
}

/** A flow the plan opens: `from` (a role, `clients` or `operators`) may reach these ports of `to`. */
export interface WiredFlow {
  selection: string;
  entryId: string;
  service: string;
  protocol: Protocol;
  fromPort: number;
  toPort: number;
  from: string;
  to: string;
}

/** An entry planned by its audiences because its flows do not say who connects to this role. */
export interface NotNarrowed {
  selection: string;
  entryId: string;
  service: string;
  protocol: Protocol;
  fromPort: number;
  toPort: number;
  reason: string;
}

/** A flow that got no rule: its source role has no group here (or is not allowed by the entry's audiences). */
export interface NotWired extends NotNarrowed {
  from: string;
}

export interface RolePlan<Id = string> extends Plan<Id> {
  role: string;
  wired: WiredFlow[];
  notNarrowed: NotNarrowed[];
  notWired: NotWired[];
  /** For each peer key of the plan's narrowed rules, the roles it stands for (`self` is the own role). */
  peerRoles: Record<string, string[]>;
}

const PSEUDO_ROLES = new Set<string>(FLOW_AUDIENCE_ROLES);
const ROLE_NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const roleName = lazy(() => z.string().regex(ROLE_NAME, "must be a role name: a lowercase slug (a-z, 0-9, dashes)"));
/** @internal */
export const roleOptionsSchema = lazy(() => z.object({
  role: known(roleName),
  roles: optional(record(roleName, peerSetSchema(opaqueId))),
}));
/** The fast check of roleOptionsSchema (strict where the schema strips: an extra key is zod's to handle). */
/** @internal */
export const fastRoleOptions = once(() => fObject({ role: fString(0, Number.MAX_SAFE_INTEGER, ROLE_NAME), roles: fOptional(fRecord(fString(0, Number.MAX_SAFE_INTEGER, ROLE_NAME), fastPeerSet(fOpaqueId()))) }));

/** The flows of an entry that hold at `release` (all of them when the entry's flows name no release). */
function flowsAt(entry: CatalogEntry, release: string | undefined): Flow[] {
  return (entry.flows ?? []).filter((f) => !f.releases || (release !== undefined && f.releases.includes(release)));
}

const listensOn = (entry: CatalogEntry, role: string) => !entry.roles || entry.roles.includes(role);

/** Every deployment role the selections know at their releases: the entries' roles and their flows' roles. */
export function rolesOf(selections: readonly Selection[]): string[] {
  const roles = new Set<string>();
  for (const s of selections) {
    for (const r of s.roles ?? []) roles.add(r);
    for (const e of s.entries) {
      for (const r of e.roles ?? []) roles.add(r);
      for (const f of flowsAt(e, s.release)) {
        if (f.from !== "unknown") for (const r of f.from) if (!PSEUDO_ROLES.has(r)) roles.add(r);
        for (const r of f.to ?? []) roles.add(r);
      }
    }
  }
  return [...roles].sort();
}

/**
 * Plans the rules of ONE role's group: each port of an entry listening on the role opens only to the
 * roles its flows say connect to it at the selected release (the own role as `self`, `clients` as
 * `sources.public`, `operators` as `sources.admin`, another role as its peers in `roles`). An entry
 * whose flows are unknown, or say nothing of this role, falls back to its audiences as planRules does
 * and is listed in `notNarrowed`; a flow from a role with no peers in `roles` gets no rule and is listed
 * in `notWired`. Never wider than the audience plan would be for the same entry, except where a flow
 * names a role given in `roles`. Pure: no Pulumi.
 */
export function planRole<Id = string>(selections: readonly Selection[], rawOptions: RolePlanOptions<Id>): RolePlan<Id> {
  if (!rawOptions || typeof rawOptions !== "object" || isEventual(rawOptions)) parseWith(plannerOptionsSchema, rawOptions);
  const { role: rawRole, roles: rawRoles, ...rest } = rawOptions;
  const options = parseFast(fastPlannerOptions(), plannerOptionsSchema, rest) as PlanOptions<Id>;
  const { role, roles = {} } = parseFast(fastRoleOptions(), roleOptionsSchema, { role: rawRole, roles: rawRoles }) as { role: string; roles?: Record<string, PeerSet<Id>> };
  if (!Array.isArray(selections)) throw new PortcatalogError(`selections: expected a list of selections, got ${showValue(selections)}`);

  const valid = rolesOf(selections);
  const use = (name: string) => (valid.length ? useOneOf(name, valid) : "the selected entries have no roles");
  if (!valid.includes(role)) throw new PortcatalogError(`role: unknown role "${role}" for this selection: ${use(role)}`);
  const rolePeers = new Map<string, Peer<Id>[]>();
  const owner = new Map<string, string>(); // peer key -> role
  const ids = new Map<unknown, string>(); // group id -> role, so one group (even an Output) is one role
  for (const [name, set] of Object.entries(roles)) {
    const where = `roles.${name}`;
    if (PSEUDO_ROLES.has(name)) throw new PortcatalogError(`${where}: "${name}" is not a deployment role: its peers are sources.${name === "clients" ? "public" : "admin"}`);
    if (!valid.includes(name)) throw new PortcatalogError(`${where}: unknown role "${name}" for this selection: ${use(name)}`);
    if (name === role) throw new PortcatalogError(`${where}: "${name}" is this group's own role: its machines reach each other as the group itself (self), so leave it out of roles`);
    if (set.self) throw new PortcatalogError(`${where}.self: a role's peers are its own group, never this one; name that role's group in securityGroups`);
    const peers = resolvePeerSet(where, set);
    if (!peers.length) throw new PortcatalogError(`${where} is empty: give its group in securityGroups (or its cidrIpv4, cidrIpv6, prefixLists), or leave the role out`);
    for (const peer of peers) {
      const key = peerKey(peer);
      const id = "id" in peer ? peer.id : "cidr" in peer ? peer.cidr : undefined;
      // Two spellings of one id (case, a UUID's dashes) are one group; an Output is itself.
      const same = typeof id === "string" ? idKey(id) : id;
      const other = owner.get(key) ?? (id !== undefined ? ids.get(same) : undefined);
      if (other !== undefined && other !== name) {
        throw new PortcatalogError(`${where}: ${showValue(id ?? key)} is already roles.${other}: a group holds one role, so each role needs its own group (to give one group two roles, plan it as one role and list both in the entries' roles)`);
      }
      owner.set(key, name);
      if (id !== undefined) ids.set(same, name);
    }
    rolePeers.set(name, peers);
  }

  const wired: WiredFlow[] = [];
  const notNarrowed: NotNarrowed[] = [];
  const notWired: NotWired[] = [];
  const peerRoles = new Map<string, Set<string>>();
  const tag = (peers: readonly Peer<Id>[], as: string) => {
    for (const p of peers) {
      const key = peerKey(p);
      let set = peerRoles.get(key);
      if (!set) peerRoles.set(key, (set = new Set()));
      set.add(as);
    }
  };
  // Only this role's entries: the others listen elsewhere.
  const own = selections.map((s) => ({ ...s, entries: s.entries.filter((e: CatalogEntry) => listensOn(e, role)) }));
  // Features and destinations are the deployment's: checked against every role's entries, used where this role has them.
  const all = selections.flatMap((s) => s.entries);
  const mine = own.flatMap((s) => s.entries);
  checkNames("feature", (i) => `features[${i}]`, options.features ?? [], new Set(all.flatMap((e) => (e.feature ? [e.feature] : []))));
  checkNames("destination", (_, name) => `destinations.${name}`, Object.keys(options.destinations ?? {}), new Set(all.flatMap((e) => (e.destination ? [e.destination.name] : []))));
  const myFeatures = new Set(mine.flatMap((e) => (e.feature ? [e.feature] : [])));
  const myDestinations = new Set(mine.flatMap((e) => (e.destination ? [e.destination.name] : [])));
  const narrowed: PlanOptions<Id> = {
    ...options,
    ...(options.features ? { features: options.features.filter((f) => myFeatures.has(f)) } : {}),
    ...(options.destinations ? { destinations: Object.fromEntries(Object.entries(options.destinations).filter(([d]) => myDestinations.has(d))) } : {}),
  };
  const plan = planChecked(own, narrowed, {
    peerSets: [...rolePeers.keys()].map((name) => [`roles.${name}`, roles[name]] as const),
    checkPeers: (profile) => {
      for (const [name, peers] of rolePeers) checkPrefixLists(`roles.${name}`, peers, profile);
    },
    peersFor(entry, selection, audiencePeers) {
      const { fromPort, toPort } = applyOffset(entry, selection.offsets);
      const fact = { selection: selection.name, entryId: entry.id, service: entry.service, protocol: entry.protocol, fromPort, toPort };
      const fallback = (reason: string) => {
        notNarrowed.push({ ...fact, reason });
        return undefined;
      };
      if (!entry.flows?.length) return fallback("not narrowed: the catalog records no flows for it");
      const atRelease = flowsAt(entry, selection.release);
      if (!atRelease.length) return fallback(`not narrowed: no flow for release ${selection.release ?? "(none selected)"}`);
      const reaching = atRelease.filter((f) => !f.to || f.to.includes(role));
      if (!reaching.length) return fallback(`not narrowed: no flow says who connects to it on role "${role}"`);
      const unknown = reaching.find((f) => f.from === "unknown");
      if (unknown) return fallback(`not narrowed: its sources do not say who connects (${unknown.source.document}, ${unknown.source.section})`);
      const peers: Peer<Id>[] = [];
      const add = (from: string, found: readonly Peer<Id>[] | undefined, missing: string) => {
        if (!found?.length) {
          notWired.push({ ...fact, from, reason: missing });
          return;
        }
        tag(found, from);
        for (const p of found) peers.push(p);
        wired.push({ ...fact, from, to: role });
      };
      const seen = new Set<string>();
      for (const flow of reaching) {
        for (const from of flow.from as string[]) {
          if (seen.has(from)) continue;
          seen.add(from);
          if (from === role) add(from, [{ kind: "self" }], "");
          // Never wider than the entry's audiences: clients only on a public port, operators only on an admin one.
          else if (from === "clients") add(from, entry.audiences.includes("public") ? audiencePeers.public : undefined, entry.audiences.includes("public") ? "not wired: sources.public is closed" : "not wired: clients connect, but the entry is not public");
          else if (from === "operators") add(from, entry.audiences.includes("admin") ? audiencePeers.admin : undefined, entry.audiences.includes("admin") ? "not wired: give sources.admin to open it to operators" : "not wired: operators connect, but the entry is not an admin port");
          else add(from, rolePeers.get(from), `not wired: no group for role "${from}"`);
        }
      }
      const missing = notWired.filter((n) => n.entryId === entry.id && n.fromPort === fromPort).map((n) => n.from);
      return { peers, none: `no rule: none of the roles that connect has peers here (${missing.join(", ")})` };
    },
  });
  return {
    ...plan,
    role,
    wired,
    notNarrowed,
    notWired,
    peerRoles: Object.fromEntries([...peerRoles].map(([k, v]) => [k, [...v].sort()])),
  };
}

/** Role-to-role matrix: `matrix[from][to]` lists the ports (`tcp/5900-5999`) `from` may reach on `to`. */
export function roleMatrix(plans: readonly Pick<RolePlan<unknown>, "wired">[]): Record<string, Record<string, string[]>> {
  const cells = new Map<string, Map<string, Set<string>>>();
  for (const plan of plans) {
    for (const w of plan.wired) {
      let row = cells.get(w.from);
      if (!row) cells.set(w.from, (row = new Map()));
      let cell = row.get(w.to);
      if (!cell) row.set(w.to, (cell = new Set()));
      cell.add(`${w.protocol}/${w.fromPort === w.toPort ? w.fromPort : `${w.fromPort}-${w.toPort}`}`);
    }
  }
  const byPort = (a: string, b: string) => a.split("/")[0].localeCompare(b.split("/")[0]) || parseInt(a.split("/")[1]) - parseInt(b.split("/")[1]);
  const out: Record<string, Record<string, string[]>> = {};
  for (const from of [...cells.keys()].sort()) {
    const row = cells.get(from) as Map<string, Set<string>>;
    out[from] = {};
    for (const to of [...row.keys()].sort()) out[from][to] = [...(row.get(to) as Set<string>)].sort(byPort);
  }
  return out;
}
