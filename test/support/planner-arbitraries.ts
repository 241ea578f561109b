import fc from "fast-check";
import type { Audience, CatalogEntry, Direction, OffsetBehaviour, Protocol } from "../../catalog/index.js";
import { AWS_PROFILE, type Cloud, OPENSTACK_PROFILE } from "../../components/clouds.js";
import { type CloudProfile, type PeerSet, type PlannedRule, peerKey, planRules, type Selection, type Sources } from "../../planner/index.js";

// Random planner inputs shared by the property files (split so mocha --parallel can run them side by side).
// Small port space so the reference model can enumerate every port; offsets still apply.
export const arbEntry = (i: number) =>
  fc
    .record({
      protocol: fc.constantFrom<Protocol>("tcp", "udp"),
      direction: fc.constantFrom<Direction>("ingress", "ingress", "egress"),
      fromPort: fc.integer({ min: 1, max: 120 }),
      width: fc.integer({ min: 0, max: 8 }),
      audiences: fc.uniqueArray(fc.constantFrom<Audience>("public", "admin", "internal"), { minLength: 1, maxLength: 3 }),
      feature: fc.constantFrom<string | undefined>(undefined, undefined, "f1", "f2"),
      offset: fc.constantFrom<OffsetBehaviour>("product", "fixed", "analytics-server"),
    })
    .map(
      (r): CatalogEntry => ({
        id: `t/v/e${i}`,
        catalog: "t",
        variant: "v",
        service: `S${i}`,
        protocol: r.protocol,
        fromPort: r.fromPort,
        toPort: r.fromPort + r.width,
        direction: r.direction,
        audiences: r.audiences,
        required: r.feature === undefined,
        ...(r.feature ? { feature: r.feature } : {}),
        offset: r.offset,
        description: `entry ${i}`,
        source: { document: "test", section: "property" },
      }),
    );

// Built once per length, not per generated case: chain would otherwise rebuild n records every time.
const entryTuples = Array.from({ length: 15 }, (_, n) => fc.tuple(...Array.from({ length: n }, (_, i) => arbEntry(i))));
const arbEntries = fc.integer({ min: 1, max: 14 }).chain((n) => entryTuples[n]);

const arbSelections = fc
  .array(fc.record({ entries: arbEntries, portOffset: fc.integer({ min: 0, max: 30 }), analyticsPortOffset: fc.integer({ min: 0, max: 5 }) }), { minLength: 1, maxLength: 3 })
  .map((list): Selection[] =>
    list.map((s, n) => ({
      name: `p${n}`,
      // Each selection has its own ids, as products do.
      entries: s.entries.map((e) => ({ ...e, id: `t/v${n}/${e.id.split("/")[2]}`, variant: `v${n}` })),
      offsets: { portOffset: s.portOffset, analyticsPortOffset: s.analyticsPortOffset },
    })),
  );

// Neutron has no prefix lists, so OpenStack peer sets never draw one.
const arbPeerSet = (cloud: Cloud): fc.Arbitrary<PeerSet> =>
  fc
    .record({
      cidrIpv4: fc.subarray(["0.0.0.0/0", "10.0.0.0/8", "10.1.0.0/16", "192.168.1.0/24"]),
      cidrIpv6: fc.subarray(["::/0", "2001:db8::/32"]),
      securityGroups: fc.subarray([{ id: "sg-a" }, { id: "sg-b", name: "bastion" }]),
      prefixLists: cloud === "aws" ? fc.subarray([{ id: "pl-1", maxEntries: 3 }]) : fc.constant<{ id: string; maxEntries: number }[]>([]),
      self: fc.boolean(),
    })
    .filter((s) => s.cidrIpv4.length + s.cidrIpv6.length + s.securityGroups.length + s.prefixLists.length > 0 || s.self);

const arbSources = (cloud: Cloud): fc.Arbitrary<Sources> =>
  fc.record({ public: fc.option(arbPeerSet(cloud), { nil: undefined }), admin: fc.option(arbPeerSet(cloud), { nil: undefined }), internal: fc.option(arbPeerSet(cloud), { nil: undefined }) });

const arbCaseOf = (cloud: Cloud) =>
  fc.record({
    selections: arbSelections,
    sources: arbSources(cloud),
    // The planner takes the adapter's profile, never the name.
    cloud: fc.constant<CloudProfile>(cloud === "aws" ? AWS_PROFILE : OPENSTACK_PROFILE),
    features: fc.subarray(["f1", "f2"]),
    allFeatures: fc.boolean(),
  });
// One record per cloud, built once rather than per generated case.
const casesByCloud = { aws: arbCaseOf("aws"), openstack: arbCaseOf("openstack") };
export const arbCase = fc.constantFrom<Cloud>("aws", "openstack").chain((cloud) => casesByCloud[cloud]);

export type Case = { selections: Selection[]; sources: Sources; cloud: CloudProfile; features: string[]; allFeatures: boolean };

/** Features named must exist in the selection, as the planner demands. */
export const usableFeatures = (c: Case) => c.features.filter((f) => c.selections.some((s) => s.entries.some((e) => e.feature === f)));

export const plan = (c: Case) => planRules(c.selections, { cloud: c.cloud, sources: c.sources, features: usableFeatures(c), allFeatures: c.allFeatures });
export const groupOf = (r: PlannedRule) => `${r.direction}|${r.ethertype}|${r.protocol}|${peerKey(r.peer)}`;
