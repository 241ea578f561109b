// Live, issue 25: a component's error reaches the user of `pulumi preview` on the real engine as one
// line (the component, the argument as written, the value, the choices, a did-you-mean), with no
// stack frame and no colour code; and a clean first preview of an OpenStack program with the
// installed policy pack prints no "not known during preview" advisory.
import { join } from "node:path";
import { expect } from "chai";
import { installedProject, LIBRARY, Project, programProject, PulumiProject } from "./support.js";

const BAD = `import * as openstack from "@pulumi/openstack";
import { OpenStackControllerRules } from ${JSON.stringify(LIBRARY)};
const group = new openstack.networking.SecGroup("controller", { description: "controller" });
new OpenStackControllerRules("ctl", { securityGroupId: group.id, release: "2025.2", services: ["rabbitmq-tsl"] });
`;

const CLEAN = `import * as openstack from "@pulumi/openstack";
import { OpenStackControllerRules } from "portcatalog";
const group = new openstack.networking.SecGroup("controller", { description: "controller" });
new OpenStackControllerRules("ctl", { securityGroupId: group.id, release: "2025.2", projectRuleQuota: 1000, sources: { admin: { cidrIpv4: ["10.0.0.0/24"], cidrIpv6: ["fd00::/64"] }, internal: { self: true } } });
`;

describe("live: the first hour of a new user (issue 25)", () => {
  it("a bad argument in pulumi preview is one line with its did-you-mean, no stack frame, no colour", async () => {
    const project = new Project("errors");
    const work = programProject(BAD, project.env());
    try {
      work.must(["stack", "init", "dev"]);
      const r = work.pulumi(["preview"]);
      const out = `${r.stdout}\n${r.stderr}`;
      expect(r.status, out).to.not.equal(0);
      // The engine shows a diagnostic on the resource's progress row and again under Diagnostics: one line each.
      const diagnostics = out.split("\nDiagnostics:\n")[1]?.split("\n\n")[0] ?? "";
      const errors = diagnostics.split("\n").filter((l) => /^\s+error: /.test(l));
      expect(errors, out).to.have.length(1);
      expect(out.split("\n").filter((l) => l.includes("rabbitmq-tsl")).every((l) => l.endsWith(errors[0].trim().replace(/^error: /, ""))), out).to.equal(true);
      expect(errors[0].trim()).to.match(/^error: OpenStackControllerRules "ctl": args\.services\[0\]: unknown service "rabbitmq-tsl" for openstack\/cloud@2025\.2: did you mean "rabbitmq-tls"\? use "aodh", /);
      expect(out).to.not.match(/^\s+at .+:\d+:\d+\)?$/m).and.not.contain("\u001b[").and.not.contain("unhandled exception");
    } finally {
      work.remove();
      await project.remove();
    }
  });

  it("a clean first preview of the installed package with its policy pack: no rules-joined-by-group advisory", async () => {
    const project = new Project("quiet");
    const installed = installedProject(CLEAN);
    const work = new PulumiProject(installed.dir, project.env());
    try {
      work.must(["stack", "init", "dev"]);
      const r = work.must(["preview", "--policy-pack", join(installed.pkg, "policy-pack")]);
      expect(r.stdout).to.contain("controller").and.not.contain("portcatalog-rules-joined-by-group").and.not.contain("not known during preview");
    } finally {
      work.remove();
      await project.remove();
    }
  });
});
