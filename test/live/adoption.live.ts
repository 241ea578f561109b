// Live item 4, adoption: a group and rules made by hand with the openstack client, audited, turned
// into a Pulumi import file by `portcatalog import`, imported with `pulumi import --file`; the
// program's next preview changes none of the adopted rules.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "chai";
import { stringify } from "yaml";
import { LIBRARY, neutron, ok, type PlanJson, portcatalog, Project, programProject, run } from "./support.js";

const PRODUCTS = [{ product: "anbox-cloud/appliance", release: "1.29" }];
const SOURCES = { admin: { cidrIpv4: ["10.20.0.0/16"] } };
const PROGRAM = `import * as pulumi from "@pulumi/pulumi";
import { CatalogSecGroupRules } from ${JSON.stringify(LIBRARY)};
const c = new pulumi.Config();
new CatalogSecGroupRules("adopt", { securityGroupId: c.require("groupId"), products: ${JSON.stringify(PRODUCTS)}, sources: ${JSON.stringify(SOURCES)} });
`;

describe("live: adopting a hand-made group", () => {
  it("client-made rules -> audit -> import -> pulumi import --file -> preview changes none of them", async () => {
    const project = new Project("adopt");
    const work = programProject(PROGRAM, project.env());
    const os = (args: string[]) => ok(run("/usr/bin/python3", ["/usr/bin/openstack", ...args], { env: project.env() }), `openstack ${args.join(" ")}`).stdout;
    try {
      const group = JSON.parse(os(["security", "group", "create", "adopted", "--description", "made by hand", "-f", "json"])) as { id: string };
      // A strict group: the operator removed Neutron's default egress.
      for (const r of await project.rules()) if (r.security_group_id === group.id) await neutron("DELETE", `/security-group-rules/${r.id}`);
      work.must(["stack", "init", "dev"]);
      writeFileSync(join(work.dir, "Pulumi.dev.yaml"), stringify({ config: { "live:groupId": group.id } }));

      // The operator's rules are the ones the catalog asks for, typed in by hand.
      const plan = JSON.parse(ok(portcatalog(["plan", "--stack", "dev", "--cwd", work.dir, "--json"]), "plan").stdout) as PlanJson;
      const wanted = plan.resources.filter((r) => r.type.endsWith(":SecGroupRule"));
      expect(wanted.length).to.be.greaterThan(5);
      for (const { inputs: i } of wanted) {
        const remote = i.remoteIpPrefix ? ["--remote-ip", String(i.remoteIpPrefix)] : ["--remote-group", group.id];
        os(["security", "group", "rule", "create", group.id, `--${i.direction}`, "--ethertype", String(i.ethertype), "--protocol", String(i.protocol), "--dst-port", `${i.portRangeMin}:${i.portRangeMax}`, ...remote, "--description", String(i.description ?? ""), "-f", "json"]);
      }

      const exportFile = join(work.dir, "export.json");
      writeFileSync(exportFile, os(["security", "group", "rule", "list", group.id, "--long", "-f", "json"]));
      const selection = ["--group", group.id, "--products", PRODUCTS[0].product, "--release", PRODUCTS[0].release, "--sources", JSON.stringify(SOURCES)];
      const audit = portcatalog(["audit", exportFile, ...selection]);
      expect(audit.status, `${audit.stdout}${audit.stderr}`).to.equal(0);

      // The client's list has no descriptions; the import takes Neutron's own JSON, which has them.
      const apiExport = join(work.dir, "neutron.json");
      writeFileSync(apiExport, JSON.stringify(await neutron("GET", `/security-group-rules?security_group_id=${group.id}`)));
      const importFile = join(work.dir, "import.json");
      const imported = portcatalog(["import", apiExport, "--group", group.id, "--component", "CatalogSecGroupRules", "--name", "adopt", "--args", JSON.stringify({ products: PRODUCTS, sources: SOURCES }), "--out", importFile]);
      expect(imported.status, `${imported.stdout}${imported.stderr}`).to.equal(0);
      work.must(["import", "--file", importFile, "--yes", "--generate-code=false"]);

      const ops = work.previewOps();
      const changed = [...ops].filter(([name, op]) => op !== "same" && name.startsWith("adopt-"));
      expect(changed, "operations on adopted rules").to.deep.equal([]);
      work.must(["up", "--yes", "--skip-preview"]);
      expect((await project.rules()).filter((r) => r.security_group_id === group.id).length).to.equal(wanted.length);
    } finally {
      work.remove();
      await project.remove();
    }
  });
});
