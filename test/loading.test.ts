// A program loads what its components need and nothing else: the catalogs its products come from,
// its cloud's adapter and provider SDK. Measured as files in the process (the time it saves is the
// bench's to show, `npm run bench`).
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { expect } from "chai";
import { stackConfig } from "../stacks/offline.js";

const ROOT = join(__dirname, "..");

function loadedBy(stack: string): string[] {
  const mocks = { project: "portcatalog-examples", stack, config: stackConfig(stack), calls: { "aws:ec2/getVpc:getVpc": { id: "vpc-0default" } } };
  const r = spawnSync(process.execPath, ["--import", "tsx", join(__dirname, "support", "loaded-modules.ts"), JSON.stringify(mocks)], { cwd: ROOT, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  expect(r.status, r.stderr).to.equal(0);
  const { resources, files } = JSON.parse(r.stdout) as { resources: number; files: string[] };
  expect(resources, "the program registered nothing: the check itself is broken").to.be.greaterThan(3);
  return files;
}

const ADAPTERS = { aws: "components/aws/security-group.ts", openstack: "components/openstack/secgroup.ts", azure: "components/azure/network-security-group.ts", kubernetes: "components/kubernetes/network-policies.ts" };
const SDKS = { aws: "node_modules/@pulumi/aws/", openstack: "node_modules/@pulumi/openstack/", azure: "node_modules/@pulumi/azure-native/", kubernetes: "node_modules/@pulumi/kubernetes/" };
const DATA = { "anbox-cloud": "catalog/data/anbox-cloud", openstack: "catalog/data/openstack", wso2: "catalog/data/wso2" };

describe("loading: a program loads only what its selection needs", function () {
  this.timeout(120_000);
  const cases = [
    { stack: "openstack-controller", cloud: "openstack", catalog: "openstack" },
    { stack: "wso2-azure", cloud: "azure", catalog: "wso2" },
    { stack: "anbox-appliance", cloud: "aws", catalog: "anbox-cloud" },
    { stack: "wso2-kubernetes", cloud: "kubernetes", catalog: "wso2" },
  ] as const;
  for (const { stack, cloud, catalog } of cases) {
    it(`${stack}: the ${cloud} adapter and SDK and the ${catalog} catalog, no other cloud's or catalog's`, () => {
      const files = loadedBy(stack);
      const has = (prefix: string) => files.some((f) => f.startsWith(prefix));
      for (const [name, file] of Object.entries(ADAPTERS)) expect(has(file), file).to.equal(name === cloud);
      for (const [name, dir] of Object.entries(SDKS)) expect(has(dir), dir).to.equal(name === cloud);
      for (const [name, prefix] of Object.entries(DATA)) expect(has(prefix), prefix).to.equal(name === catalog);
    });
  }
});
