// Live item 2: every kind of change a user makes applies with `pulumi up` on real Neutron, never
// failing and never replacing a rule whose content did not change; after each, Neutron holds exactly
// the offline plan of the same program. The engine's operations per change are written to
// .live/reports/changes.json (docs/live.md quotes them).
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { expect } from "chai";
import { stringify } from "yaml";
import { ACME_ENTRY } from "../support/user-catalog.js";
import { LIBRARY, neutronLines, ok, type PlanJson, planLines, portcatalog, Project, programProject, ROOT } from "./support.js";

const PROGRAM = `import * as openstack from "@pulumi/openstack";
import * as pulumi from "@pulumi/pulumi";
import { CatalogSecGroup, OpenStackStorageRules } from ${JSON.stringify(LIBRARY)};

const c = new pulumi.Config();
const ops = new openstack.networking.SecGroup("ops", { description: "operators", deleteDefaultRules: true });
const storage = new openstack.networking.SecGroup("storage", { description: "storage nodes", deleteDefaultRules: true });
const admin = { cidrIpv4: c.requireObject<string[]>("adminCidrs"), securityGroups: c.getBoolean("opsPeer") ? [{ name: "ops", id: ops.id }] : undefined };
new CatalogSecGroup("edge", {
  products: [{ product: "anbox-cloud/appliance", release: c.require("anboxRelease") }, { product: "wso2/data-analytics-server", release: "carbon-4.4" }, { product: "acme/web" }],
  catalogFiles: [c.require("catalogFile")],
  features: c.getObject<string[]>("features"),
  description: c.get("description"),
  maxRulesPerGroup: c.getNumber("maxRulesPerGroup"),
  deleteDefaultRules: true,
  projectRuleQuota: 1000,
  sources: { admin },
});
new OpenStackStorageRules("storage", { securityGroupId: storage.id, release: "2025.2", services: c.getObject<string[]>("services"), projectRuleQuota: 1000, sources: { admin, internal: { self: true } } });
`;

interface Step {
  change: string;
  config: Record<string, unknown>;
  catalogDescription: string;
}

describe("live: every kind of change applies on real Neutron without touching other rules", () => {
  it("feature, service, peer, CIDR, descriptions (user's and catalog's), release, spill-over", async function () {
    const project = new Project("changes");
    await project.setRuleQuota(1000);
    const work = programProject(PROGRAM, project.env());
    const catalogFile = join(work.dir, "acme.json");
    const base = { adminCidrs: ["10.0.0.0/24"], anboxRelease: "1.28", catalogFile, features: [], services: [] as string[] };
    // Each change is made to the configuration the one before it left.
    const changes: [string, Record<string, unknown>, string?][] = [
      ["first deployment", {}],
      ["add a feature", { features: ["instance-services"] }],
      ["remove the feature", { features: [] }],
      ["add a service", { services: ["swift"] }],
      ["add a peer (a group)", { opsPeer: true }],
      ["add a CIDR", { adminCidrs: ["10.0.0.0/24", "192.168.10.0/24"] }],
      ["widen a CIDR", { adminCidrs: ["10.0.0.0/16", "192.168.10.0/24"] }],
      ["remove the peer", { opsPeer: false }],
      ["change the user's description", { description: "Edge of the Anbox appliance" }],
      ["change a catalog description (as between two library versions)", {}, "HTTPS for the web front end"],
      ["change the release", { anboxRelease: "1.29" }],
      ["spill over into groups of at most 10 rules", { maxRulesPerGroup: 10 }],
      ["back to one group", { maxRulesPerGroup: undefined }],
    ];
    const steps: Step[] = [];
    let config: Record<string, unknown> = base;
    let catalogDescription = "HTTPS";
    for (const [change, delta, description] of changes) {
      config = Object.fromEntries(Object.entries({ ...config, ...delta }).filter(([, v]) => v !== undefined));
      catalogDescription = description ?? catalogDescription;
      steps.push({ change, config, catalogDescription });
    }
    const report: { change: string; ops: Record<string, number>; replaced: string[] }[] = [];
    try {
      work.must(["stack", "init", "dev"]);
      let before: PlanJson | undefined;
      for (const step of steps) {
        writeFileSync(catalogFile, JSON.stringify({ entries: [{ ...ACME_ENTRY, description: step.catalogDescription }] }));
        writeFileSync(join(work.dir, "Pulumi.dev.yaml"), stringify({ config: Object.fromEntries(Object.entries(step.config).map(([k, v]) => [`live:${k}`, v])) }));
        const after = JSON.parse(ok(portcatalog(["plan", "--stack", "dev", "--cwd", work.dir, "--json"]), `plan (${step.change})`).stdout) as PlanJson;
        const ops = work.previewOps();
        if (before) {
          // A rule whose content is the same before and after must be left alone.
          const inputs = new Map(before.resources.map((r) => [r.name, r.inputs]));
          const touched = after.resources.filter((r) => r.type.endsWith(":SecGroupRule") && isDeepStrictEqual(inputs.get(r.name), r.inputs) && (ops.get(r.name) ?? "same") !== "same");
          expect(touched.map((r) => `${r.name}: ${ops.get(r.name)}`), step.change).to.deep.equal([]);
        }
        const up = work.pulumi(["up", "--yes", "--skip-preview"]);
        expect(up.status, `${step.change}: pulumi up failed\n${up.stdout.slice(-3000)}`).to.equal(0);
        expect(neutronLines(await project.rules(), work.groupNames()), step.change).to.deep.equal(planLines(after));
        const counts: Record<string, number> = {};
        for (const op of ops.values()) counts[op] = (counts[op] ?? 0) + 1;
        report.push({ change: step.change, ops: counts, replaced: [...ops].filter(([, op]) => op === "replace").map(([n]) => n) });
        before = after;
      }
      work.must(["preview", "--expect-no-changes"]);
      work.must(["destroy", "--yes", "--skip-preview"]);
    } finally {
      mkdirSync(join(ROOT, ".live", "reports"), { recursive: true });
      writeFileSync(join(ROOT, ".live", "reports", "changes.json"), `${JSON.stringify(report, null, 2)}\n`);
      work.remove();
      await project.remove();
    }
  });
});
