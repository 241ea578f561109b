// The provider the live tier bridges itself (docs/live.md) must speak @pulumi/openstack 3.15.2's
// language: every property the SDK declares for the resources the library uses, under the same token.
import { readFileSync, realpathSync } from "node:fs";
import { dirname, join } from "node:path";
import { expect } from "chai";
import { ROOT, run } from "./support.js";

const RESOURCES: Record<string, string> = { "openstack:networking/secGroup:SecGroup": "secGroup", "openstack:networking/secGroupRule:SecGroupRule": "secGroupRule" };

/** Property names a generated SDK class declares (`readonly x: pulumi.Output<…>` and its args' `x?: pulumi.Input<…>`). */
function sdkProperties(file: string): string[] {
  const text = readFileSync(join(ROOT, "node_modules", "@pulumi", "openstack", "networking", `${file}.d.ts`), "utf8");
  return [...new Set([...text.matchAll(/^\s+(?:readonly )?([a-zA-Z]+)\??: pulumi\.(?:Input|Output)</gm)].map((m) => m[1]))].sort();
}

describe("live: the bridged OpenStack provider", () => {
  it("declares every property of @pulumi/openstack 3.15.2's SecGroup and SecGroupRule, under the SDK's tokens", () => {
    const which = run("sh", ["-c", "command -v pulumi-resource-openstack"]);
    expect(which.status, "pulumi-resource-openstack on PATH").to.equal(0);
    const schema = JSON.parse(readFileSync(join(dirname(realpathSync(which.stdout.trim())), "schema.json"), "utf8")) as { resources: Record<string, { inputProperties: object; properties: object }> };
    for (const [token, file] of Object.entries(RESOURCES)) {
      const resource = schema.resources[token];
      expect(resource, token).to.not.equal(undefined);
      const declared = new Set([...Object.keys(resource.inputProperties), ...Object.keys(resource.properties)]);
      const wanted = sdkProperties(file);
      expect(wanted.length, file).to.be.greaterThan(5);
      expect(wanted.filter((p) => !declared.has(p)), `${token}: properties the SDK has and the provider lacks`).to.deep.equal([]);
    }
  });
});
