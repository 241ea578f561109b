import { resolveCloud } from "../components/clouds.js";
import { expect } from "chai";
import { builtinCatalog, type CatalogEntry, selectProduct } from "../catalog/index.js";
import { type PeerSet, peerKey, planRole, rolesOf, type Selection } from "../planner/index.js";

// The three role examples' products at their pinned releases (stacks/Pulumi.<stack>.yaml), every
// optional service on: no port may open to a role that does not connect to it. Ports whose flows
// are unknown keep their audience and must be listed as not narrowed.
const EXAMPLES: [string, string, string, string][] = [
  ["openstack-2025", "openstack/cloud", "2025.2", "openstack"],
  ["anbox-charmed", "anbox-cloud/charmed", "1.30", "aws"],
  ["wso2-distributed", "wso2/api-manager", "4.7", "aws"],
];

describe("role examples: no port open to a role that does not connect to it", () => {
  for (const [stack, product, release, cloud] of EXAMPLES) {
    it(`${stack} (${product}@${release})`, () => {
      const chosen = selectProduct(builtinCatalog, { product, release });
      const selection: Selection = { name: chosen.name, entries: chosen.entries, release: chosen.release };
      const roles = rolesOf([selection]);
      expect(roles.length, "roles").to.be.greaterThan(1);
      const group = (r: string): PeerSet => ({ securityGroups: [{ name: r, id: `sg-${r}` }] });
      let narrowedRules = 0;
      for (const role of roles) {
        const others = Object.fromEntries(roles.filter((r) => r !== role).map((r) => [r, group(r)]));
        // As the openstack-2025 example: ports whose flows are unknown stay open to every role's group.
        const plan = planRole([selection], { cloud: resolveCloud(cloud as "aws"), role, roles: others, allFeatures: true, sources: { internal: { self: true, securityGroups: roles.map((r) => ({ name: r, id: `sg-${r}` })).filter((g) => g.name !== role) } } });
        const fallback = new Set(plan.notNarrowed.map((n) => n.entryId));
        const byId = new Map(chosen.entries.map((e) => [e.id, e]));
        const connects = (e: CatalogEntry, from: string) =>
          (e.flows ?? []).some((f) => (!f.releases || f.releases.includes(release)) && (!f.to || f.to.includes(role)) && f.from !== "unknown" && f.from.includes(from));
        for (const rule of plan.rules) {
          if (rule.direction !== "ingress" || (rule.peer.kind !== "self" && rule.peer.kind !== "security-group")) continue;
          const from = rule.peer.kind === "self" ? role : rule.peer.name;
          for (let port = rule.fromPort; port <= rule.toPort; port++) {
            const served = rule.entries.map((id) => byId.get(id) as CatalogEntry).filter((e) => e.fromPort <= port && port <= e.toPort);
            const ok = served.some((e) => connects(e, from) || fallback.has(e.id));
            expect(ok, `${stack}: ${role} ${rule.key} (${peerKey(rule.peer)}) port ${port}: ${served.map((e) => e.id).join(", ")}`).to.equal(true);
          }
          if (rule.entries.every((id) => !fallback.has(id))) narrowedRules++;
        }
      }
      expect(narrowedRules, "rules narrowed by flows").to.be.greaterThan(0);
    });
  }
});
