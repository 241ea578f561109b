// Issue 17, class 1, as a property: any world opening (IPv4 and/or IPv6) split across any number of
// rules and resources of one group, with any protocol spelling and any port range that overlaps the
// judged port, is flagged; the same split with one piece missing is not flagged as a world opening. Azure NSGs
// too (issue 24 class 6): SecurityRules joined by dependency or by resource group and name, and inline rules.
import { expect } from "chai";
import fc from "fast-check";
import ipaddr from "ipaddr.js";
import { noAllTrafficToWorld, noAllTrafficToWorldAcrossRules, noInternalPortsToWorld, noInternalPortsToWorldAcrossRules } from "../policy/policies.js";
import { type Res, resourceViolations, stackArgs, stackViolations, T, urnOf } from "./support/policy-stack.js";

type Fam = "IPv4" | "IPv6";
const BITS: Record<Fam, number> = { IPv4: 32, IPv6: 128 };
const MAX_LEN: Record<Fam, number> = { IPv4: 24, IPv6: 64 };

function cidr(family: Fam, first: bigint, len: number): string {
  if (family === "IPv4") return `${[24n, 16n, 8n, 0n].map((s) => (first >> s) & 255n).join(".")}/${len}`;
  return `${Array.from({ length: 8 }, (_, i) => ((first >> BigInt(112 - 16 * i)) & 0xffffn).toString(16)).join(":")}/${len}`;
}

/** A partition of the whole family into prefixes: split a random prefix into its halves, again and again. */
const partition = (family: Fam) =>
  fc.array(fc.nat(), { maxLength: 24 }).map((splits) => {
    let parts: { first: bigint; len: number }[] = [{ first: 0n, len: 0 }];
    for (const k of splits) {
      const i = k % parts.length;
      const p = parts[i];
      if (p.len >= MAX_LEN[family]) continue;
      const half = 1n << BigInt(BITS[family] - p.len - 1);
      parts = [...parts.slice(0, i), { first: p.first, len: p.len + 1 }, { first: p.first + half, len: p.len + 1 }, ...parts.slice(i + 1)];
    }
    return parts.map((p) => cidr(family, p.first, p.len));
  });

/** Blocks no internet host sends from (IANA special-purpose registries), written here apart from policy/judge.ts. */
const NOT_PUBLIC = ["0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.0.2.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/3", "::/3", "4000::/2", "8000::/1", "2001:db8::/32"];
/** Whether prefix `inner` lies inside `outer`. */
const within = (inner: string, outer: string) => {
  const [a, n] = ipaddr.parseCIDR(inner);
  const [b, m] = ipaddr.parseCIDR(outer);
  return a.kind() === b.kind() && n >= m && a.match(b, m);
};

const NSG = "azure-native:network:NetworkSecurityGroup";
const RULE = "azure-native:network:SecurityRule";

const TCP = ["tcp", "TCP", "Tcp", "6", 6, "06", "+6", " tcp "];
const ALL_AWS = ["-1", "all"];
const JUDGED = 3306; // MySQL: internal-only in the catalog

/** One piece of the world: a prefix, how a rule spells its protocol, its ports, and the kind of resource that holds it. */
const piece = fc.record({
  protocol: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...TCP) }, { weight: 1, arbitrary: fc.constantFrom<unknown>("all-protocols") }),
  from: fc.integer({ min: 1, max: JUDGED }),
  to: fc.integer({ min: JUDGED, max: 65535 }),
  holder: fc.nat(3),
});

const scenario = fc.record({
  cloud: fc.constantFrom("aws", "openstack", "azure"),
  families: fc.constantFrom<Fam[]>(["IPv4"], ["IPv6"], ["IPv4", "IPv6"]),
  v4: partition("IPv4"),
  v6: partition("IPv6"),
  pieces: fc.array(piece, { minLength: 64, maxLength: 64 }),
  batch: fc.integer({ min: 1, max: 4 }),
  drop: fc.nat(),
});

type Scenario = typeof scenario extends fc.Arbitrary<infer S> ? S : never;

/** The resources of one group holding the prefixes, each rule of its own spelling, ports and kind. */
function build(s: Scenario, prefixes: string[]): Res[] {
  const group: Res =
    s.cloud === "aws" ? { type: T.sg, name: "g", props: { ingress: [] as unknown[] } } : s.cloud === "azure" ? { type: NSG, name: "g", props: { resourceGroupName: "rg", networkSecurityGroupName: "g", securityRules: [] as unknown[] } } : { type: T.osGroup, name: "g", props: {} };
  const deps = { securityGroupId: [urnOf(group)] };
  const out: Res[] = [group];
  // Consecutive prefixes of the same family may share one rule (AWS lists), up to `batch`.
  for (let i = 0; i < prefixes.length; ) {
    const p = s.pieces[i % s.pieces.length];
    const v6 = prefixes[i].includes(":");
    const all = p.protocol === "all-protocols";
    const n = s.cloud !== "openstack" && p.holder >= 2 ? Math.max(1, Math.min(s.batch, prefixes.slice(i).findIndex((c) => c.includes(":") !== v6) + 1 || prefixes.length - i)) : 1;
    const take = prefixes.slice(i, i + n);
    const name = `r${i}`;
    i += take.length;
    if (s.cloud === "azure") {
      // An azure-native SecurityRule (joined by dependency, or by resource group and name) or an NSG's inline rule;
      // prefixes of one rule's list, its ports a range holding the judged port or a list of ranges.
      const rule = { direction: "Inbound", access: "Allow", priority: 100 + i, protocol: all ? "*" : "Tcp", sourcePortRange: "*", destinationAddressPrefix: "*", sourceAddressPrefixes: take, destinationPortRanges: all ? ["*"] : [`${p.from}-${p.to}`, "80"] };
      if (p.holder === 3) (group.props.securityRules as unknown[]).push({ name, properties: rule });
      else out.push({ type: RULE, name, props: { resourceGroupName: "rg", networkSecurityGroupName: p.holder === 2 ? "G" : "g", ...rule }, ...(p.holder === 0 ? { deps: { networkSecurityGroupName: [urnOf(group)] } } : {}) });
      continue;
    }
    if (s.cloud === "openstack") {
      const protocol = all ? null : p.protocol;
      out.push({ type: T.osRule, name, props: { securityGroupId: "04da6b54-80e4-46f7-96ec-b56ff0331ba9", direction: "ingress", ethertype: v6 ? "IPv6" : "IPv4", protocol, portRangeMin: all ? undefined : p.from, portRangeMax: all ? undefined : p.to, remoteIpPrefix: take[0] }, deps });
      continue;
    }
    const protocol = all ? ALL_AWS[p.from % 2] : p.protocol;
    const ports = all ? { fromPort: 0, toPort: 0 } : { fromPort: p.from, toPort: p.to };
    const lists = { [v6 ? "ipv6CidrBlocks" : "cidrBlocks"]: take };
    if (p.holder === 0) out.push({ type: T.in, name, props: { securityGroupId: "sg-unknown-yet", ipProtocol: protocol, ...ports, [v6 ? "cidrIpv6" : "cidrIpv4"]: take[0] }, deps });
    else if (p.holder === 1 || p.holder === 2) out.push({ type: T.rule, name, props: { type: "ingress", securityGroupId: "sg-unknown-yet", protocol, ...ports, ...lists }, deps });
    else (group.props.ingress as unknown[]).push({ protocol, ...ports, ...lists });
  }
  return out;
}

function flagged(resources: Res[]): string[] {
  return [
    ...resources.flatMap((r) => [...resourceViolations(noInternalPortsToWorld, r), ...resourceViolations(noAllTrafficToWorld, r)]),
    ...stackViolations(noInternalPortsToWorldAcrossRules, stackArgs(resources)),
    ...stackViolations(noAllTrafficToWorldAcrossRules, stackArgs(resources)),
  ];
}

describe("policy: any split world opening is flagged, a split with a gap is not (property, issue 17)", () => {
  it("every covering split, any spelling, any overlapping range, any mix of resources: flagged as internal to the world", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const internal = (resources: Res[]) => [...resources.flatMap((r) => resourceViolations(noInternalPortsToWorld, r)), ...stackViolations(noInternalPortsToWorldAcrossRules, stackArgs(resources))];
        const both = build(s, [...(s.families.includes("IPv4") ? s.v4 : []), ...(s.families.includes("IPv6") ? s.v6 : [])]);
        expect(internal(both).length, JSON.stringify(both)).to.be.greaterThan(0);
        // Each family's split on its own is flagged too: one family's world never hides on the other's.
        for (const f of s.families) expect(internal(build(s, f === "IPv4" ? s.v4 : s.v6)).length, f).to.be.greaterThan(0);
      }),
      { numRuns: 200 },
    );
  });
  it("the same split with one prefix of each family missing: nothing is flagged as open to the world", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        // The prefix left out holds a public address: leaving out only private or reserved ones still opens the world.
        const gap = (list: string[]) => {
          const candidates = list.map((c, i) => ({ c, i })).filter(({ c }) => !NOT_PUBLIC.some((n) => within(c, n)));
          const drop = candidates[s.drop % candidates.length].i;
          return list.filter((_, i) => i !== drop);
        };
        const prefixes = [...(s.families.includes("IPv4") ? gap(s.v4) : []), ...(s.families.includes("IPv6") ? gap(s.v6) : [])];
        expect(flagged(build(s, prefixes))).to.deep.equal([]);
      }),
      { numRuns: 200 },
    );
  });
});
