// Live item 1, the packed tarball: the package as users install it, in a new Pulumi TypeScript project
// with the template's tsconfig, run by the real engine against real Neutron.
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "chai";
import { installedProject, neutronLines, ok, type PlanJson, planLines, Project, PulumiProject, run } from "./support.js";


const program = () => `import * as openstack from "@pulumi/openstack";
import * as pulumi from "@pulumi/pulumi";
import { CatalogSecGroup, OpenStackControllerRules } from "portcatalog";

const config = new pulumi.Config();
const admin = { cidrIpv4: [config.require("adminCidr")] };
const controller = new openstack.networking.SecGroup("controller", { description: "controller nodes", deleteDefaultRules: true });
new OpenStackControllerRules("ctl", { securityGroupId: controller.id, release: "2025.2", projectRuleQuota: 500, sources: { admin, internal: { self: true } } });
const anbox = new CatalogSecGroup("anbox", { products: [{ product: "anbox-cloud/appliance", release: "1.29" }], deleteDefaultRules: true, projectRuleQuota: 500, sources: { admin } });
export const controllerGroupId = controller.id;
export const anboxGroupIds = anbox.securityGroupIds;
`;


describe("live: the installed package in a new Pulumi project", () => {
  let dir: string;
  let project: Project;
  let work: PulumiProject;
  let bin: string;

  before(() => {
    ({ dir, bin } = installedProject(program()));
    project = new Project("consumer");
    work = new PulumiProject(dir, project.env());
    work.must(["stack", "init", "dev"]);
    work.must(["config", "set", "adminCidr", "10.20.0.0/16"]);
  });

  after(async () => {
    if (work) work.pulumi(["destroy", "--yes", "--skip-preview"]);
    if (dir) rmSync(dir, { recursive: true, force: true });
    if (project) await project.remove();
  });

  it("preview and up succeed; Neutron holds exactly `portcatalog plan --stack`; the audit of the export is clean; a second up changes nothing", async () => {
    await project.setRuleQuota(500);
    work.must(["preview"]);
    work.must(["up", "--yes", "--skip-preview"]);
    const plan = JSON.parse(ok(run(process.execPath, [bin, "plan", "--stack", "dev", "--json"], { cwd: dir, env: work.env }), "plan --stack").stdout) as PlanJson;
    const names = work.groupNames();
    expect(neutronLines(await project.rules(), names)).to.deep.equal(planLines(plan));

    // The openstack client's export of the appliance's group, audited against the same selection.
    const groupId = [...names].find(([, name]) => name.startsWith("anbox"))?.[0] as string;
    const exported = ok(run("/usr/bin/python3", ["/usr/bin/openstack", "security", "group", "rule", "list", groupId, "--long", "-f", "json"], { env: project.env() }), "rule list").stdout;
    writeFileSync(join(dir, "export.json"), exported);
    const audit = run(process.execPath, [bin, "audit", join(dir, "export.json"), "--group", groupId, "--products", "anbox-cloud/appliance", "--release", "1.29", "--sources", JSON.stringify({ admin: { cidrIpv4: ["10.20.0.0/16"] } })], { cwd: dir });
    expect(audit.status, `${audit.stdout}\n${audit.stderr}`).to.equal(0);

    work.must(["preview", "--expect-no-changes"]);
  });
});
