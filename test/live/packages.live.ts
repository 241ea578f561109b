// Live, issue 23 item 2: which provider plugins a user's program makes the CLI require. The language
// host reports the packages with a resource plugin in the program's own dependency tree; an
// OpenStack-only project that installed the packed tarball with npm must require `openstack` and no
// other provider (a required peer such as @pulumi/aws would be installed by npm, and required here).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "chai";
import { npmProject, Project, PulumiProject, ROOT } from "./support.js";

const program = `const openstack = require("@pulumi/openstack");
const { OpenStackControllerRules } = require("portcatalog");
const controller = new openstack.networking.SecGroup("controller", { description: "controller nodes", deleteDefaultRules: true });
new OpenStackControllerRules("ctl", { securityGroupId: controller.id, release: "2025.2", projectRuleQuota: 500, sources: { admin: { cidrIpv4: ["10.20.0.0/16"] }, internal: { self: true } } });
`;

const pins = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).devDependencies as Record<string, string>;

describe("live: the plugins an OpenStack-only project requires", () => {
  let work: PulumiProject;
  let project: Project;

  before(() => {
    project = new Project("packages");
    // What a user installs for an OpenStack program: the package, the OpenStack SDK and Pulumi's SDK.
    work = new PulumiProject(npmProject(program, { "@pulumi/openstack": pins["@pulumi/openstack"], "@pulumi/pulumi": pins["@pulumi/pulumi"] }), project.env());
    work.must(["stack", "init", "dev"]);
  });

  after(async () => {
    if (work) work.remove();
    if (project) await project.remove();
  });

  it("requires the openstack plugin at the installed SDK's version and no other provider", () => {
    const about = JSON.parse(work.must(["about", "--json"]).stdout) as { plugins?: { name: string; kind: string; version: string | null }[] };
    const resources = (about.plugins ?? []).filter((p) => p.kind === "resource").map((p) => `${p.name}@${p.version}`);
    expect(resources).to.deep.equal([`openstack@${pins["@pulumi/openstack"]}`]);
    expect((about.plugins ?? []).filter((p) => p.kind === "language").map((p) => p.name)).to.deep.equal(["nodejs"]);
  });

  it("previews the program with only those packages installed", () => {
    const r = work.must(["preview"]);
    expect(r.stdout).to.match(/openstack:networking:SecGroupRule|openstack:networking\/secGroupRule:SecGroupRule/);
  });
});
