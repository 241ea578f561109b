// Live item 1: every OpenStack example stack, deployed by the real engine on real Neutron, holds
// exactly the rules the offline plan shows; a second `up` changes nothing; `destroy` leaves the
// project as it was.
import { expect } from "chai";
import { EXAMPLES } from "../../stacks/examples/index.js";
import { stackConfig, stackNames } from "../../stacks/offline.js";
import { exampleProject, neutronLines, ok, type PlanJson, planLines, portcatalog, Project } from "./support.js";

const OPENSTACK_STACKS = stackNames().filter((s) => EXAMPLES[s].cloud === "openstack");

describe("live: the OpenStack example stacks on real Neutron", () => {
  it("there are OpenStack examples to deploy", () => {
    expect(OPENSTACK_STACKS.length).to.be.greaterThan(1);
  });

  for (const stack of OPENSTACK_STACKS) {
    it(`${stack}: preview, up, Neutron holds exactly the plan, a second up changes nothing, destroy restores the project`, async () => {
      const project = new Project(stack);
      const work = exampleProject(project.env());
      try {
        const quota = stackConfig(stack)["portcatalog-examples:projectRuleQuota"];
        if (typeof quota === "number") await project.setRuleQuota(quota);
        await project.touch();
        const before = neutronLines(await project.rules(), new Map((await project.groups()).map((g) => [g.id, g.name])));

        work.must(["stack", "init", stack]);
        work.must(["preview"]);
        work.must(["up", "--yes", "--skip-preview"]);

        const plan = JSON.parse(ok(portcatalog(["plan", "--example", stack, "--json"]), "portcatalog plan").stdout) as PlanJson;
        const names = work.groupNames();
        expect(neutronLines(await project.rules(), names)).to.deep.equal(planLines(plan));

        work.must(["preview", "--expect-no-changes"]);
        work.must(["destroy", "--yes", "--skip-preview"]);
        expect(neutronLines(await project.rules(), new Map((await project.groups()).map((g) => [g.id, g.name])))).to.deep.equal(before);
      } finally {
        work.remove();
        await project.remove();
      }
    });
  }
});
