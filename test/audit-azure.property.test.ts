// Issue 24, class 1, as a property: the Azure audit never calls an open port closed. Random NSGs whose rules
// name service tags and application security groups on BOTH ends, address prefixes of both families, every
// protocol and port lists are evaluated packet by packet by Azure's first match (written here, independently of
// audit/azure.ts) in random worlds that Azure's documentation allows: the virtual network's address space private
// or public, a user-defined route's prefix (a default route included) in `VirtualNetwork`, the machine and the
// senders in any ASGs, and each reading of a port on a portless protocol. Whatever Azure lets through, some
// effective rule the audit judges lets through too.
import { expect } from "chai";
import fc from "fast-check";
import ipaddr from "ipaddr.js";
import type { ExistingRule } from "../audit/model.js";
import { combineExports, parseExport } from "../audit/parse.js";

const SUB = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network";
const NSG = `${SUB}/networkSecurityGroups/nsg`;
const ASGS = ["a", "b", "c"];
const asgId = (name: string) => `${SUB}/applicationSecurityGroups/${name}`;

// Ends a rule can name: every kind Azure takes, in both families.
const PREFIXES = ["*", "Internet", "VirtualNetwork", "AzureLoadBalancer", "Storage", "Storage.WestEurope", "0.0.0.0/0", "::/0", "0.0.0.0/1", "128.0.0.0/1", "10.0.0.0/8", "10.0.0.0/16", "10.0.0.4", "20.0.0.0/16", "52.0.0.0/8", "168.63.129.16", "fd00::/48", "2001:db8::/32", "2000::/3"];
const PORTS = ["*", "8", "22", "80-90", "3306", "1000-2000", "0-100", "65535"];
const PROTOCOLS = ["Tcp", "Udp", "Icmp", "Esp", "Ah", "*"];

/** What a name or prefix holds in one world (`*`/Any: everything). */
type World = { vnet: string[]; udr: string[]; vm: { v4: string; v6: string; asgs: string[] }; members: Record<string, string[]>; portless: "ignored" | "star" | "type" };
const STORAGE = ["52.0.0.0/8"];
const STORAGE_WE = ["52.1.0.0/16"];
const HOST = "168.63.129.16";
const NOT_PUBLIC = ["0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.168.0.0/16", "224.0.0.0/3", "fc00::/7", "fe80::/10", "2001:db8::/32"];

const inPrefix = (prefix: string, address: string) => {
  const a = ipaddr.parse(address);
  const [net, bits] = prefix.includes("/") ? ipaddr.parseCIDR(prefix) : [ipaddr.parse(prefix), ipaddr.parse(prefix).kind() === "ipv4" ? 32 : 128];
  return a.kind() === net.kind() && a.match(net, bits);
};
const publicAddress = (address: string) => !NOT_PUBLIC.some((p) => inPrefix(p, address));

/** Whether `address` (an interface of `asgs`, or none) is in what `end` names, in world `w` (Azure's service tags documentation). */
function holds(w: World, end: string, address: string, asgs: readonly string[]): boolean {
  if (end.startsWith("asg:")) return asgs.includes(end.slice(4));
  switch (end.toLowerCase()) {
    case "*":
      return true;
    case "virtualnetwork":
      return [...w.vnet, ...w.udr, HOST].some((p) => inPrefix(p, address));
    case "internet":
      return publicAddress(address) && !w.vnet.some((p) => inPrefix(p, address));
    case "azureloadbalancer":
      return address === HOST;
    case "storage":
      return STORAGE.some((p) => inPrefix(p, address));
    case "storage.westeurope":
      return STORAGE_WE.some((p) => inPrefix(p, address));
    default:
      return inPrefix(end, address);
  }
}

const portIn = (range: string, port: number) => range === "*" || (([f, t]) => port >= f && port <= (t ?? f))(range.split("-").map(Number));
type Packet = { protocol: string; port: number; from: string; fromAsgs: string[]; to: string };
type Gen = { access: string; priority: number; protocol: string; sources: string[]; destinations: string[]; ports: string[]; sourcePorts: string };

/** Azure's first match for one packet into the machine `w.vm`: lowest priority number first; nothing matched is DenyAllInBound. */
function azureAllows(w: World, rules: readonly Gen[], p: Packet): boolean {
  for (const r of [...rules].sort((a, b) => a.priority - b.priority)) {
    if (r.protocol !== "*" && r.protocol.toLowerCase() !== p.protocol) continue;
    const portless = p.protocol !== "tcp" && p.protocol !== "udp";
    // How a port applies to a protocol without ports is not documented: each reading is a world.
    const ports = !portless ? r.ports.some((x) => portIn(x, p.port)) : w.portless === "ignored" ? true : w.portless === "star" ? r.ports.includes("*") : r.ports.some((x) => portIn(x, p.port));
    // The packet's source port is 40000: a rule on other source ports does not match it.
    if (!ports || !portIn(r.sourcePorts, 40000)) continue;
    if (!r.sources.some((s) => holds(w, s, p.from, p.fromAsgs))) continue;
    if (!r.destinations.some((d) => holds(w, d, p.to, w.vm.asgs))) continue;
    return r.access === "Allow";
  }
  return false;
}

/** Whether the audit's effective rules let the packet in: protocol and port, the sender, the machine (a part into an ASG reaches its members). */
function auditAllows(w: World, rules: readonly ExistingRule[], p: Packet): boolean {
  const family = p.from.includes(":") ? "IPv6" : "IPv4";
  return rules.some((r) => {
    if (r.direction !== "ingress") return false;
    const protocol = r.protocol === "all" ? p.protocol === "tcp" || p.protocol === "udp" ? p.port >= r.fromPort && p.port <= r.toPort : true : r.protocol === "other" ? r.rawProtocol.toLowerCase().startsWith(p.protocol) : r.protocol === p.protocol && p.port >= r.fromPort && p.port <= r.toPort;
    if (!protocol || (r.family !== "any" && r.family !== family)) return false;
    if (r.target && !w.vm.asgs.includes(ASGS.find((a) => asgId(a).toLowerCase() === r.target?.toLowerCase()) ?? "?")) return false;
    if (r.peer.kind === "cidr") return inPrefix(r.peer.cidr, p.from);
    if (r.peer.kind === "service-tag") return holds(w, r.peer.id, p.from, p.fromAsgs);
    if (r.peer.kind === "group") return p.fromAsgs.includes(ASGS.find((a) => asgId(a).toLowerCase() === (r.peer as { id: string }).id.toLowerCase()) ?? "?");
    return false;
  });
}

const side = fc.oneof(
  { weight: 3, arbitrary: fc.uniqueArray(fc.constantFrom(...PREFIXES), { minLength: 1, maxLength: 3 }) },
  { weight: 1, arbitrary: fc.uniqueArray(fc.constantFrom(...ASGS), { minLength: 1, maxLength: 2 }).map((l) => l.map((a) => `asg:${a}`)) },
);
const rule = fc.record({
  access: fc.constantFrom("Allow", "Deny", "Deny"),
  priority: fc.integer({ min: 100, max: 4096 }),
  protocol: fc.constantFrom(...PROTOCOLS),
  sources: side,
  destinations: side,
  ports: fc.uniqueArray(fc.constantFrom(...PORTS), { minLength: 1, maxLength: 3 }),
  sourcePorts: fc.constantFrom("*", "*", "*", "1024-65535", "22"),
});
const world = fc.record({
  vnet: fc.constantFrom<string[]>(["10.0.0.0/16", "fd00::/48"], ["20.0.0.0/16", "2001:4860::/48"], ["10.0.0.0/16", "2001:db8::/32"]),
  udr: fc.constantFrom<string[]>([], ["192.168.0.0/16"], ["0.0.0.0/0"], ["52.0.0.0/8", "::/0"]),
  asgs: fc.subarray(ASGS),
  members: fc.record({ a: fc.subarray(["m1", "m2"]), b: fc.subarray(["m1", "m3"]), c: fc.subarray(["m2", "m3"]) }),
  portless: fc.constantFrom<World["portless"]>("ignored", "star", "type"),
});

/** As `az network nsg rule list` prints a rule; `asg:x` ends become the side's ApplicationSecurityGroups. */
function exported(g: Gen, i: number): Record<string, unknown> {
  const end = (name: "source" | "destination", list: string[]) =>
    list[0].startsWith("asg:") ? { [`${name}ApplicationSecurityGroups`]: list.map((a) => ({ id: asgId(a.slice(4)) })), [`${name}AddressPrefixes`]: [] } : { [`${name}AddressPrefixes`]: list };
  return {
    name: `g${i}`, id: `${NSG}/securityRules/g${i}`, access: g.access, direction: "Inbound", priority: g.priority, protocol: g.protocol,
    destinationPortRanges: g.ports, sourcePortRange: g.sourcePorts, ...end("source", g.sources), ...end("destination", g.destinations),
  };
}

describe("audit, Azure: never calls an open port closed (property, issue 24 class 1)", () => {
  it("random NSGs with service tags and ASGs on both ends, both families, every protocol: whatever Azure's first match lets in, the audit's effective rules let in", () => {
    fc.assert(
      fc.property(fc.uniqueArray(rule, { minLength: 1, maxLength: 7, selector: (r) => r.priority }), world, (gens, wg) => {
        const vm = { v4: wg.vnet[0].startsWith("20.") ? "20.0.0.4" : "10.0.0.4", v6: wg.vnet[1].startsWith("fd00") ? "fd00::4" : wg.vnet[1].startsWith("2001:4860") ? "2001:4860::4" : "2001:db8::4", asgs: wg.asgs };
        const w: World = { vnet: wg.vnet, udr: wg.udr, vm, members: wg.members, portless: wg.portless };
        const rules = combineExports([parseExport("nsg.json", JSON.stringify(gens.map(exported)))]).groups[0]?.rules ?? [];
        // Senders: the members of the virtual network (in ASGs as the world says), the host, public and private addresses of both families.
        const inVnet = (n: number) => (wg.vnet[0].startsWith("20.") ? `20.0.1.${n}` : `10.0.1.${n}`);
        const senders: { from: string; fromAsgs: string[] }[] = [
          ...["m1", "m2", "m3"].map((m, n) => ({ from: inVnet(n + 1), fromAsgs: ASGS.filter((a) => wg.members[a as "a"].includes(m)) })),
          ...[HOST, "8.8.8.8", "52.1.2.3", "52.9.9.9", "130.0.0.1", "10.9.9.9", "192.168.3.4", "172.16.0.1", "2606:4700::1", "fd00::99", "2001:db8::99", "2001:4860::99", "fe80::1"].map((from) => ({ from, fromAsgs: [] })),
        ];
        for (const s of senders) {
          const to = s.from.includes(":") ? vm.v6 : vm.v4;
          for (const protocol of ["tcp", "udp", "icmp", "esp", "ah"]) {
            for (const port of protocol === "tcp" || protocol === "udp" ? [8, 22, 85, 3306, 1500, 65535] : [8, 0]) {
              const packet = { protocol, port, ...s, to };
              if (azureAllows(w, gens, packet) && !auditAllows(w, rules, packet)) {
                expect.fail(`${protocol}/${port} from ${s.from} (${s.fromAsgs.join(",") || "no ASG"}) to ${to} (${vm.asgs.join(",") || "no ASG"}): Azure lets it in, the audit says closed`);
              }
            }
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
