import * as pulumi from "@pulumi/pulumi";
import { expect } from "chai";
import fc from "fast-check";
import { PortcatalogError } from "../catalog/index.js";
import { AnboxApplianceSecurityGroup, CatalogSecGroupRules, CatalogSecurityGroup, OpenStackControllerRules } from "../components/index.js";
import { type MockRecorder, setupMocks } from "../testing/index.js";

// Random mutations of valid component arguments, as other languages, YAML and Outputs deliver them.
// Each mutated call either throws the library's error before anything registers, or registers
// exactly the rules of the correctly typed arguments it stands for: never one more.

type Args = Record<string, unknown>;
// biome-ignore lint/suspicious/noExplicitAny: the property passes deliberately wrong types
type Ctor = new (name: string, args: any) => unknown;

const COMPONENTS: { ctor: Ctor; base: Args; features: string[] }[] = [
  { ctor: CatalogSecurityGroup, base: { vpcId: "vpc-1", products: [{ product: "anbox-cloud/charmed" }] }, features: ["instance-services", "dashboard", "turn-relay", "prometheus"] },
  { ctor: AnboxApplianceSecurityGroup, base: { vpcId: "vpc-1" }, features: ["instance-services", "stun-turn", "turn-relay"] },
  { ctor: CatalogSecGroupRules, base: { securityGroupId: "sg-os", products: [{ product: "anbox-cloud/appliance" }] }, features: ["instance-services", "turn-relay"] },
  { ctor: OpenStackControllerRules, base: { securityGroupId: "sg-ctl" }, features: [] },
];

const RULE_TYPES = ["aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", "openstack:networking/secGroupRule:SecGroupRule"];

/** What the rules allow: every rule's provider inputs, order-free. */
function allowed(recorder: MockRecorder): string[] {
  return recorder.resources
    .filter((r) => RULE_TYPES.includes(r.type))
    .map((r) => JSON.stringify([r.type, r.name, Object.entries(r.inputs).filter(([k]) => k !== "description").sort()]))
    .sort();
}

const peerSet = fc.record(
  {
    cidrIpv4: fc.subarray(["10.0.0.0/8", "10.1.0.0/16", "192.168.0.0/24", "0.0.0.0/0"], { minLength: 1 }),
    cidrIpv6: fc.subarray(["2001:db8::/32", "fd00::/8"], { minLength: 1 }),
    securityGroups: fc.subarray([{ name: "ops", id: "sg-ops" }, { name: "nodes", id: "sg-nodes" }, { id: "sg-bastion" }], { minLength: 1 }),
    self: fc.boolean(),
  },
  { requiredKeys: [] },
);

/** A valid argument set for one component. */
const validArgs = fc.integer({ min: 0, max: COMPONENTS.length - 1 }).chain((c) =>
  fc
    .record(
      {
        features: fc.subarray(COMPONENTS[c].features),
        allFeatures: fc.boolean(),
        sources: fc.record({ admin: peerSet, internal: peerSet }, { requiredKeys: [] }),
        ...(c === 0 || c === 1 ? { allowAllEgress: fc.boolean() } : {}),
      },
      { requiredKeys: [] },
    )
    .map((extra) => ({ c, args: { ...COMPONENTS[c].base, ...extra } as Args })),
);

/** A mutation: the mutated arguments and the correctly typed ones they stand for (undefined: must throw). */
type Mutated = { what: string; args: Args; equivalent?: Args };

const clone = (a: Args): Args => structuredClone(a);

function mutations(args: Args): Mutated[] {
  const list: Mutated[] = [];
  const bools = ["allFeatures", "allowAllEgress"].filter((k) => typeof args[k] === "boolean");
  for (const k of bools) {
    const v = args[k] as boolean;
    list.push({ what: `${k} as "${v}"`, args: { ...args, [k]: String(v) } });
    list.push({ what: `${k} as an Output`, args: { ...args, [k]: pulumi.output(v) } });
    list.push({ what: `${k} as null`, args: { ...args, [k]: null }, equivalent: (({ [k]: _, ...rest }) => rest)(args) });
    list.push({ what: `${k} as ${Number(v)}`, args: { ...args, [k]: Number(v) } });
  }
  const features = args.features as string[] | undefined;
  if (features?.length) {
    list.push({ what: "features as a string", args: { ...args, features: features[0] } });
    list.push({ what: "features with a null", args: { ...args, features: [...features, null] } });
    list.push({ what: "features as an Output", args: { ...args, features: pulumi.output(features) } });
  }
  list.push({ what: "features as null", args: { ...args, features: null }, equivalent: (({ features: _, ...rest }) => rest)(args) });
  list.push({ what: "sources as null", args: { ...args, sources: null }, equivalent: (({ sources: _, ...rest }) => rest)(args) });
  list.push({ what: "sources as an Output", args: { ...args, sources: pulumi.output(args.sources ?? {}) } });
  const sources = args.sources as Record<string, Record<string, unknown>> | undefined;
  for (const audience of Object.keys(sources ?? {})) {
    const set = (sources as Record<string, Record<string, unknown>>)[audience];
    const at = (patch: Record<string, unknown>) => ({ ...args, sources: { ...sources, [audience]: { ...set, ...patch } } });
    if (set.cidrIpv4) {
      const cidrs = set.cidrIpv4 as string[];
      list.push({ what: `${audience} CIDRs as a string`, args: at({ cidrIpv4: cidrs[0] }) });
      list.push({ what: `${audience} CIDR as an Output`, args: at({ cidrIpv4: [pulumi.output(cidrs[0])] }) });
      list.push({ what: `${audience} CIDR null`, args: at({ cidrIpv4: [...cidrs, null] }) });
      list.push({ what: `${audience} CIDR repeated`, args: at({ cidrIpv4: [...cidrs, cidrs[0]] }), equivalent: clone(args) });
    }
    if (set.self !== undefined) list.push({ what: `${audience} self as a string`, args: at({ self: String(set.self) }) });
    if (set.self !== undefined) list.push({ what: `${audience} self as null`, args: at({ self: null }), equivalent: at({ self: undefined }) });
    const groups = set.securityGroups as { name?: string; id: string }[] | undefined;
    if (groups?.length) {
      list.push({ what: `${audience} group repeated`, args: at({ securityGroups: [...groups, { ...groups[0] }] }), equivalent: clone(args) });
      const name = groups[0].name ?? groups[0].id;
      list.push({ what: `${audience} group name clash`, args: at({ securityGroups: [...groups, { name, id: "sg-other" }] }) });
      list.push({ what: `${audience} group id empty`, args: at({ securityGroups: [{ ...groups[0], id: "" }] }) });
      list.push({ what: `${audience} group as a string`, args: at({ securityGroups: groups[0].id }) });
    }
  }
  // The same group name in another audience for a different group.
  list.push({
    what: "clash across audiences",
    args: { ...args, sources: { ...sources, admin: { securityGroups: [{ name: "shared", id: "sg-a" }] }, internal: { securityGroups: [{ name: "shared", id: "sg-b" }] } } },
  });
  return list;
}

async function run(ctor: Ctor, args: Args): Promise<{ error?: unknown; recorder: MockRecorder }> {
  const recorder = await setupMocks();
  try {
    new ctor("m", args);
  } catch (error) {
    await recorder.settled();
    return { error, recorder };
  }
  await recorder.settled();
  return { recorder };
}

describe("bad input: random mutations of valid component arguments (fast-check)", () => {
  it("each mutation throws before anything registers, or registers exactly the correctly typed equivalent's rules", async function () {
    this.timeout(600_000);
    const arb = validArgs.chain(({ c, args }) => {
      const list = mutations(args);
      return fc.integer({ min: 0, max: list.length - 1 }).map((i) => ({ c, mutated: list[i] }));
    });
    await fc.assert(
      fc.asyncProperty(arb, async ({ c, mutated }) => {
        const { ctor } = COMPONENTS[c];
        const got = await run(ctor, mutated.args);
        if (got.error !== undefined) {
          expect(got.error, mutated.what).to.be.instanceOf(PortcatalogError);
          expect(got.recorder.resources, `${mutated.what}: nothing registered`).to.deep.equal([]);
          return;
        }
        expect(mutated.equivalent, `${mutated.what} was accepted, but it has no correctly typed equivalent`).to.not.equal(undefined);
        const want = await run(ctor, mutated.equivalent as Args);
        expect(want.error, `the equivalent of ${mutated.what} is valid`).to.equal(undefined);
        expect(allowed(got.recorder), mutated.what).to.deep.equal(allowed(want.recorder));
      }),
      { numRuns: 100 },
    );
  });
});
