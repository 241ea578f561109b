// Live item 5: the installed package's policy pack, run by the real engine (`pulumi preview
// --policy-pack`), against a program that opens MySQL to the world and against the example stacks.
import { rmSync } from "node:fs";
import { join } from "node:path";
import { expect } from "chai";
import { EXAMPLES } from "../../stacks/examples/index.js";
import { stackNames } from "../../stacks/offline.js";
import { exampleProject, installedProject, Project, PulumiProject } from "./support.js";

const worldMysql = `import * as openstack from "@pulumi/openstack";
const db = new openstack.networking.SecGroup("db", { description: "database nodes" });
new openstack.networking.SecGroupRule("mysql-world", {
  securityGroupId: db.id, direction: "ingress", ethertype: "IPv4", protocol: "tcp",
  portRangeMin: 3306, portRangeMax: 3306, remoteIpPrefix: "0.0.0.0/0",
});
`;

describe("live: the policy pack on the real engine", () => {
  let dir: string;
  let pack: string;
  let project: Project;

  before(() => {
    const installed = installedProject(worldMysql);
    dir = installed.dir;
    pack = join(installed.pkg, "policy-pack");
    project = new Project("policy");
  });

  after(async () => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    if (project) await project.remove();
  });

  it("fails a program that opens MySQL to the world with the mandatory violation, before anything is created", async () => {
    const work = new PulumiProject(dir, project.env());
    work.must(["stack", "init", "dev"]);
    const preview = work.pulumi(["preview", "--policy-pack", pack]);
    const out = `${preview.stdout}\n${preview.stderr}`;
    expect(preview.status, out).to.not.equal(0);
    expect(out).to.include("portcatalog-no-internal-ports-to-world");
    expect(out).to.match(/mandatory/);
    expect(out).to.include("mysql-world opens an internal-only catalog port to 0.0.0.0/0");
    const up = work.pulumi(["up", "--yes", "--policy-pack", pack]);
    expect(up.status, `${up.stdout}\n${up.stderr}`).to.not.equal(0);
    expect(await project.rules(), "nothing reached Neutron but the default group's rules").to.have.length(4);
  });

  for (const stack of stackNames().filter((s) => EXAMPLES[s].cloud === "openstack")) {
    it(`passes the example stack ${stack}`, () => {
      const work = exampleProject(project.env());
      try {
        work.must(["stack", "init", stack]);
        const r = work.must(["preview", "--policy-pack", pack]);
        // Every rule judged: none skipped for a group id not known yet.
        expect(r.stdout).to.not.include("can't run policy");
        expect(r.stdout).to.not.match(/mandatory/);
        expect(r.stdout).to.match(/Policies:[\s\S]*portcatalog/);
      } finally {
        work.remove();
      }
    });
  }
});
