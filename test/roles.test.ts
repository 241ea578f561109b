import { AWS_PROFILE } from "../components/clouds.js";
import * as pulumi from "@pulumi/pulumi";
import { expect } from "chai";
import fc from "fast-check";
import { type CatalogEntry, PortcatalogError } from "../catalog/index.js";
import { type PeerSet, peerKey, planRole, type RolePlan, roleMatrix, type Selection } from "../planner/index.js";
import { ACME_ENTRY } from "./support/user-catalog.js";

const SRC = { document: "test", section: "flows" };
function entry(slug: string, port: number, roles: string[], flows: CatalogEntry["flows"], audiences: CatalogEntry["audiences"] = ["internal"], toPort = port): CatalogEntry {
  return { ...ACME_ENTRY, id: `acme/web/${slug}`, service: slug, fromPort: port, toPort, roles, audiences, flows } as CatalogEntry;
}
const group = (name: string): PeerSet => ({ securityGroups: [{ name, id: `sg-${name}` }] });

// An OpenStack-like split: VNC on compute from the controllers' console proxies, libvirt between hypervisors.
const ENTRIES: CatalogEntry[] = [
  entry("vnc", 5900, ["compute"], [{ from: ["controller"], source: SRC }], ["internal"], 5999),
  entry("libvirt", 16509, ["compute"], [{ from: ["compute"], source: SRC }]),
  entry("galera", 4567, ["controller"], [{ from: ["controller"], source: SRC }]),
  entry("api", 8774, ["controller"], [{ from: ["clients", "compute"], source: SRC }], ["public", "internal"]),
  entry("ovs", 6640, ["controller", "network"], [{ from: "unknown", source: SRC }]),
  entry("no-flows", 9000, ["compute", "network"], undefined),
  entry("old", 7000, ["compute"], [{ from: ["network"], releases: ["1"], source: SRC }]),
];
const SEL: Selection[] = [{ name: "acme/web", entries: ENTRIES, release: "2" }];
const rulesOf = (p: RolePlan) => p.rules.map((r) => `${r.protocol}/${r.fromPort}-${r.toPort}<-${peerKey(r.peer)}`).sort();

describe("planRole: one role's group, its ports open only to the roles that connect", () => {
  it("opens VNC to the controllers and libvirt to the group itself, nothing to the network nodes", () => {
    const plan = planRole(SEL, { cloud: AWS_PROFILE, role: "compute", roles: { controller: group("controller"), network: group("network") } });
    expect(rulesOf(plan)).to.deep.equal(["tcp/16509-16509<-self", "tcp/5900-5999<-sg-controller", "tcp/7000-7000<-self", "tcp/9000-9000<-self"]);
    expect(plan.peerRoles).to.deep.equal({ self: ["compute"], "sg-controller": ["controller"] });
    expect(plan.notNarrowed.map((n) => [n.entryId, n.reason])).to.deep.equal([
      ["acme/web/no-flows", "not narrowed: the catalog records no flows for it"],
      ["acme/web/old", "not narrowed: no flow for release 2"],
    ]);
  });

  it("falls back to the audiences where the flow is unknown, and says so", () => {
    const plan = planRole(SEL, { cloud: AWS_PROFILE, role: "network", roles: { controller: group("controller") } });
    expect(rulesOf(plan)).to.deep.equal(["tcp/6640-6640<-self", "tcp/9000-9000<-self"]);
    expect(plan.notNarrowed[0].reason).to.match(/^not narrowed: its sources do not say who connects \(test, flows\)$/);
  });

  it("a role with no group gets no rule, never a wider one, and the plan lists the flow as not wired", () => {
    const plan = planRole(SEL, { cloud: AWS_PROFILE, role: "compute" });
    expect(rulesOf(plan)).to.not.include("tcp/5900-5999<-self");
    expect(plan.rules.some((r) => r.fromPort === 5900)).to.equal(false);
    expect(plan.notWired.map((n) => `${n.entryId} ${n.reason}`)).to.deep.equal(['acme/web/vnc not wired: no group for role "controller"']);
    expect(plan.leftOut.map((l) => l.reason)).to.include("no rule: none of the roles that connect has peers here (controller)");
  });

  it("clients are sources.public and only on a public port; other roles by their groups", () => {
    const plan = planRole(SEL, { cloud: AWS_PROFILE, role: "controller", roles: { compute: group("compute") }, sources: { public: { cidrIpv4: ["192.0.2.0/24"] } } });
    expect(rulesOf(plan)).to.deep.equal(["tcp/4567-4567<-self", "tcp/6640-6640<-self", "tcp/8774-8774<-ipv4-192-0-2-0_24", "tcp/8774-8774<-sg-compute"]);
    const internalOnly = [entry("x", 100, ["controller"], [{ from: ["clients"], source: SRC }])];
    const p2 = planRole([{ name: "s", entries: internalOnly }], { cloud: AWS_PROFILE, role: "controller" });
    expect(p2.rules).to.deep.equal([]);
    expect(p2.notWired[0].reason).to.equal("not wired: clients connect, but the entry is not public");
  });

  it("draws the role-to-role matrix from the plans of every role", () => {
    const roles = { controller: group("controller"), compute: group("compute"), network: group("network") };
    const plans = (["controller", "compute", "network"] as const).map((role) => {
      const { [role]: _own, ...others } = roles;
      return planRole(SEL, { cloud: AWS_PROFILE, role, roles: others });
    });
    expect(roleMatrix(plans)).to.deep.equal({
      clients: { controller: ["tcp/8774"] },
      compute: { compute: ["tcp/16509"], controller: ["tcp/8774"] },
      controller: { compute: ["tcp/5900-5999"], controller: ["tcp/4567"] },
    });
  });
});

describe("planRole: bad input fails naming the field, the value and what is valid", () => {
  const out = <T>(v: T) => pulumi.output(v);
  const cases: [string, Record<string, unknown>, RegExp][] = [
    ["an unknown own role", { role: "storage" }, /^role: unknown role "storage" for this selection: use "compute", "controller" or "network"$/],
    ["an unknown role in roles", { role: "compute", roles: { gateway: group("g") } }, /^roles\.gateway: unknown role "gateway" for this selection: use "compute", "controller" or "network"$/],
    ["a role mapped twice", { role: "compute", roles: { controller: group("x"), network: group("x") } }, /^roles\.network: "sg-x" is already roles\.controller: a group holds one role/],
    ["one Output mapped to two roles", (() => { const id = out("sg-1"); return { role: "compute", roles: { controller: { securityGroups: [{ name: "a", id }] }, network: { securityGroups: [{ name: "b", id }] } } }; })(), /^roles\.network: .* is already roles\.controller/],
    ["the own role in roles", { role: "compute", roles: { compute: group("c") } }, /^roles\.compute: "compute" is this group's own role/],
    ["a pseudo-role in roles", { role: "compute", roles: { clients: group("c") } }, /^roles\.clients: "clients" is not a deployment role: its peers are sources\.public$/],
    ["a role as an Output", { role: out("compute") }, /^role: got a Pulumi Output/],
    ["roles as an Output", { role: "compute", roles: out({ controller: group("c") }) }, /^roles: got a Pulumi Output/],
    ["a role's group id as an Output without a name", { role: "compute", roles: { controller: { securityGroups: [{ id: out("sg-1") }] } } }, /^roles\.controller\.securityGroups\[0\]: id is not a plain string .* give it a name/],
    ["role missing", {}, /^role: expected a string, got nothing/],
    ["role not a slug", { role: "Compute Nodes" }, /^role: must be a role name/],
    ["an empty role", { role: "compute", roles: { controller: {} } }, /^roles\.controller is empty/],
    ["self for another role", { role: "compute", roles: { controller: { self: true } } }, /^roles\.controller\.self: a role's peers are its own group/],
  ];
  for (const [what, patch, message] of cases) {
    it(what, () => {
      let error: unknown;
      try {
        planRole(SEL, { cloud: AWS_PROFILE, ...patch } as never);
      } catch (e) {
        error = e;
      }
      expect(error, what).to.be.instanceOf(PortcatalogError);
      expect((error as Error).message).to.match(message);
    });
  }
});

describe("planRole: property over random role splits and peer maps", () => {
  const ROLES = ["a", "b", "c", "d"];
  const arbFlowFrom = fc.uniqueArray(fc.constantFrom(...ROLES), { minLength: 1, maxLength: 3 });
  const arbEntry = fc.record({
    port: fc.integer({ min: 1, max: 60 }),
    width: fc.integer({ min: 0, max: 4 }),
    roles: fc.uniqueArray(fc.constantFrom(...ROLES), { minLength: 1, maxLength: 2 }),
    flows: fc.array(fc.record({ from: arbFlowFrom, to: fc.option(fc.uniqueArray(fc.constantFrom(...ROLES), { minLength: 1, maxLength: 2 }), { nil: undefined }) }), { minLength: 1, maxLength: 2 }),
  });
  it("every rule's peer is a role that connects to a port it serves; every flow to a mapped role is admitted; exact and minimal", () => {
    fc.assert(
      fc.property(fc.array(arbEntry, { minLength: 1, maxLength: 8 }), fc.subarray(ROLES), (raw, mapped) => {
        const entries = raw.map((r, i) => {
          // A flow's `to` is where the entry listens.
          const flows = r.flows.map((f) => ({ from: f.from, source: SRC, ...(f.to ? { to: f.to.filter((t) => r.roles.includes(t)) } : {}) })).filter((f) => !f.to || f.to.length);
          return entry(`e${i}`, r.port, r.roles, flows.length ? flows : [{ from: r.roles, source: SRC }], ["internal"], r.port + r.width);
        });
        const sel: Selection[] = [{ name: "p", entries }];
        const known = new Set(entries.flatMap((e) => [...(e.roles ?? []), ...e.flows!.flatMap((f) => [...(f.from as string[]), ...(f.to ?? [])])]));
        for (const role of ROLES.filter((r) => known.has(r))) {
          const roles = Object.fromEntries(mapped.filter((m) => m !== role && known.has(m)).map((m) => [m, group(m)]));
          const plan = planRole(sel, { cloud: AWS_PROFILE, role, roles });
          const connects = (e: CatalogEntry, from: string) => e.flows!.some((f) => (!f.to || f.to.includes(role)) && (f.from as string[]).includes(from));
          const byId = new Map(entries.map((e) => [e.id, e]));
          // Least privilege and exactness: each port of each rule is a port of a served entry whose flow comes from the peer's role.
          // An entry no flow narrows for this role keeps its audience (internal: the group itself).
          const fallback = new Set(plan.notNarrowed.map((n) => n.entryId));
          for (const rule of plan.rules) {
            const self = rule.peer.kind === "self";
            const peerRoles = plan.peerRoles[peerKey(rule.peer)] ?? [];
            expect(self ? peerRoles.every((r) => r === role) : peerRoles.length === 1, rule.key).to.equal(true);
            const from = self ? role : peerRoles[0];
            for (let port = rule.fromPort; port <= rule.toPort; port++) {
              const ok = rule.entries.some((id) => { const e = byId.get(id)!; return (fallback.has(id) ? self : connects(e, from)) && e.fromPort <= port && port <= e.toPort; });
              expect(ok, `${rule.key} port ${port}`).to.equal(true);
            }
          }
          // Nothing missing: every port of every flow from the own role or a mapped role is admitted.
          for (const e of entries.filter((x) => x.roles!.includes(role))) {
            for (const from of [role, ...Object.keys(roles)].filter((f) => connects(e, f))) {
              const key = from === role ? "self" : `sg-${from}`;
              for (let port = e.fromPort; port <= e.toPort; port++) {
                expect(plan.rules.some((r) => peerKey(r.peer) === key && r.fromPort <= port && port <= r.toPort), `${e.id} ${from} ${port}`).to.equal(true);
              }
            }
          }
          // Minimal: per peer, no two rules touch or overlap.
          const byPeer = new Map<string, [number, number][]>();
          for (const r of plan.rules) byPeer.set(peerKey(r.peer), [...(byPeer.get(peerKey(r.peer)) ?? []), [r.fromPort, r.toPort]]);
          for (const runs of byPeer.values()) {
            runs.sort((x, y) => x[0] - y[0]);
            for (let i = 1; i < runs.length; i++) expect(runs[i][0]).to.be.greaterThan(runs[i - 1][1] + 1);
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});
