// The bench builds a hand-written program for every example stack from the resources it registers,
// through bench/resource-classes.ts. A new example or cloud whose resource types the table lacks
// fails here, offline, rather than stopping `npm run bench` at its first resource.
import { expect } from "chai";
import { classOf, RESOURCE_CLASSES, sdkClass } from "../bench/resource-classes.js";
import { runStackOffline, stackNames } from "../stacks/offline.js";

/** A class's own type token: a resource's `__pulumiType`, or `pulumi:providers:` and a provider's. */
function typeOfClass(type: string): unknown {
  const token = (sdkClass(type) as { __pulumiType?: string } | undefined)?.__pulumiType;
  return type.startsWith("pulumi:providers:") && token ? `pulumi:providers:${token}` : token;
}

describe("bench: the resource-class table of the hand-written programs", () => {
  it("covers every resource type any example stack registers", async () => {
    const byType = new Map<string, string>();
    for (const stack of stackNames()) {
      const { recorder } = await runStackOffline(stack);
      for (const r of recorder.resources) if (r.custom && !byType.has(r.type)) byType.set(r.type, stack);
    }
    expect(byType.size, "the examples registered no resources: the scan itself is broken").to.be.greaterThan(0);
    const missing = [...byType].flatMap(([type, stack]) => {
      try {
        classOf(type);
        return [];
      } catch (err) {
        return [`${stack}: ${(err as Error).message}`];
      }
    });
    expect(missing).to.deep.equal([]);
  });

  it("maps each type to the SDK's own class for it", () => {
    for (const type of Object.keys(RESOURCE_CLASSES)) expect(typeOfClass(type), type).to.equal(type);
    expect(typeOfClass("pulumi:providers:openstack")).to.equal("pulumi:providers:openstack");
  });

  it("names a type it lacks and where to add it", () => {
    expect(() => classOf("example:none/none:None")).to.throw("no SDK class for example:none/none:None: add it to RESOURCE_CLASSES (and its package to SDK_PACKAGES) in bench/resource-classes.ts");
    expect(() => classOf("pulumi:providers:example")).to.throw(/no SDK class for pulumi:providers:example/);
  });
});
