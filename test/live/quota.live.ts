// Live item 3: Neutron's project rule quota, on both sides. What the library accepts applies whole;
// what it refuses is refused before anything is created; and what it counts is what Neutron counts
// (the project's default group included).
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "chai";
import { stringify } from "yaml";
import { ACME_ENTRY } from "../support/user-catalog.js";
import { LIBRARY, Project, programProject } from "./support.js";

const QUOTA = 30;
const PROGRAM = `import * as pulumi from "@pulumi/pulumi";
import { CatalogSecGroup } from ${JSON.stringify(LIBRARY)};
const c = new pulumi.Config();
// One admin port, one rule per admin CIDR: the rule count is exactly the number of CIDRs.
new CatalogSecGroup("quota", {
  products: [{ product: "acme/web" }],
  catalogFiles: [c.require("catalogFile")],
  deleteDefaultRules: true,
  projectRuleQuota: ${QUOTA},
  rulesInProject: c.getNumber("rulesInProject"),
  sources: { admin: { cidrIpv4: c.requireObject<string[]>("adminCidrs") } },
});
`;

const cidrs = (n: number) => Array.from({ length: n }, (_, i) => `10.${i}.0.0/16`);

describe("live: Neutron's project rule quota", () => {
  it(`with a quota of ${QUOTA}: the most the library accepts applies whole, one more is refused before anything is created, and Neutron counts as the library does`, async () => {
    const project = new Project("quota");
    const work = programProject(PROGRAM, project.env());
    try {
      await project.setRuleQuota(QUOTA);
      await project.touch();
      // A fresh project already holds its default group's rules.
      const fresh = await project.ruleQuota();
      expect(fresh.used).to.equal(4);
      writeFileSync(join(work.dir, "acme.json"), JSON.stringify({ entries: [{ ...ACME_ENTRY, audiences: ["admin"] }] }));
      const config = (extra: Record<string, unknown>) =>
        writeFileSync(join(work.dir, "Pulumi.dev.yaml"), stringify({ config: Object.fromEntries(Object.entries({ catalogFile: join(work.dir, "acme.json"), ...extra }).map(([k, v]) => [`live:${k}`, v])) }));
      work.must(["stack", "init", "dev"]);

      // The most that fits: 26 rules + the default group's 4 = 30.
      config({ adminCidrs: cidrs(QUOTA - 4) });
      work.must(["up", "--yes"]);
      expect(await project.ruleQuota()).to.deep.include({ used: QUOTA });

      // One more: refused at preview and at up, naming the numbers; Neutron holds what it held.
      config({ adminCidrs: cidrs(QUOTA - 3) });
      const preview = work.pulumi(["preview"]);
      expect(preview.status).to.not.equal(0);
      expect(preview.stdout + preview.stderr).to.match(new RegExp(`${QUOTA - 3} rules plus 4 already in use exceed Neutron's project quota of ${QUOTA}`));
      const up = work.pulumi(["up", "--yes"]);
      expect(up.status).to.not.equal(0);
      expect(await project.ruleQuota()).to.deep.include({ used: QUOTA });

      // The default group really counts: told the project is empty, the library lets 27 through and
      // Neutron refuses the rule past its quota in the middle of the update.
      config({ adminCidrs: cidrs(QUOTA - 3), rulesInProject: 0 });
      const half = work.pulumi(["up", "--yes", "--skip-preview"]);
      expect(half.status).to.not.equal(0);
      expect(half.stdout + half.stderr).to.match(/Quota exceeded for resources: \['security_group_rule'\]/);
      expect(await project.ruleQuota()).to.deep.include({ used: QUOTA });

      config({ adminCidrs: cidrs(1) });
      work.must(["up", "--yes", "--skip-preview"]);
      work.must(["destroy", "--yes", "--skip-preview"]);
      expect(await project.ruleQuota()).to.deep.include({ used: 4 });
    } finally {
      work.remove();
      await project.remove();
    }
  });
});
