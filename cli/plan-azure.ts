import type { AzureReport } from "../components/azure/network-security-group.js";
import { peerLabel } from "../planner/index.js";
import { type RegisteredResource, UNKNOWN } from "../testing/index.js";
import { formatTable } from "./table.js";

// Azure's part of `portcatalog plan`: its rules hold lists and a priority, so they read differently.

export const AZURE_NSG_TYPE = "azure-native:network:NetworkSecurityGroup";
export const AZURE_RULE_TYPE = "azure-native:network:SecurityRule";
const AZURE_ASG_TYPE = "azure-native:network:ApplicationSecurityGroup";

const str = (v: unknown) => (typeof v === "string" ? v : v === undefined || v === null ? "" : JSON.stringify(v));
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map(str) : v === undefined || v === null ? [] : [str(v)]);

/** One SecurityRule resource as a plan row: the group is the NSG beside it, peers and ports as lists, and its priority. */
export function azurePlanRule(r: RegisteredResource, resources: readonly RegisteredResource[]) {
  const i = r.inputs;
  // A component may hold one NSG per role: a rule is named `<its NSG>-portcatalog-…`, the NSG's members' ASG `<its NSG>-members`.
  const nsg = resources
    .filter((n) => n.type === AZURE_NSG_TYPE && n.parent === r.parent && r.name.startsWith(`${n.name}-portcatalog-`))
    .sort((a, b) => b.name.length - a.name.length)[0];
  const asgs = resources.filter((a) => a.type === AZURE_ASG_TYPE);
  const own = nsg && asgs.find((a) => a.parent === r.parent && a.name === `${nsg.name}-members`);
  const ingress = i.direction !== "Outbound";
  const side = ingress ? "source" : "destination";
  const asgLabel = (g: unknown) => {
    const id = str((g as { id?: unknown })?.id);
    if (own && (id === own.id || (id === UNKNOWN && own.id === undefined))) return "self";
    return `asg:${asgs.find((a) => a.id === id)?.name ?? id}`;
  };
  const peers = [...strings(i[`${side}AddressPrefix`]), ...strings(i[`${side}AddressPrefixes`]), ...((i[`${side}ApplicationSecurityGroups`] as unknown[]) ?? []).map(asgLabel)];
  const protocol = i.protocol === "*" ? "all" : str(i.protocol).toLowerCase();
  const ports = [...strings(i.destinationPortRange), ...strings(i.destinationPortRanges)].map((p) => (p === "*" ? "all" : p)).join(",");
  const access = i.access === "Deny" ? "deny " : "";
  return {
    group: nsg?.name ?? str(i.networkSecurityGroupName),
    name: r.name,
    direction: ingress ? ("ingress" as const) : ("egress" as const),
    protocol,
    ports,
    peer: `${access}${peers.join(", ") || "<none>"}`,
    // What the peers are as registered (ASG ids, not names), so --diff sees a change behind a name.
    target: `${access}${[...strings(i[`${side}AddressPrefix`]), ...strings(i[`${side}AddressPrefixes`]), ...((i[`${side}ApplicationSecurityGroups`] as unknown[]) ?? []).map((g) => `asg:${str((g as { id?: unknown })?.id)}`)].join(", ") || "<none>"}`,
    // An Azure rule names no address family.
    ethertype: "",
    description: str(i.description),
    priority: typeof i.priority === "number" ? i.priority : undefined,
  };
}

/** An Azure component's plan: each rule with its priority, peers and ports; then the closing rules. */
export function renderAzureReport(report: AzureReport): string[] {
  const used = report.plan.products.map((p) => (p.release === undefined ? p.product : `${p.product}@${p.release}`)).join(", ");
  const rows = report.rules.map((r) => [
    String(r.priority) + (r.pinned ? " (pinned)" : ""),
    r.direction,
    r.protocol,
    r.ports.map((p) => (p.fromPort === p.toPort ? `${p.fromPort}` : `${p.fromPort}-${p.toPort}`)).join(","),
    // On Azure a group peer is an application security group.
    r.peers.map((p) => (p.kind === "security-group" ? `asg:${p.name}` : peerLabel(p))).join(", "),
    r.services.join(", ").slice(0, 60),
    r.key,
  ]);
  if (report.closing) rows.push(["4095", "ingress", "all", "all", "AzureLoadBalancer", "health probes", "(closing)"], ["4096", "ingress", "all", "all", "deny VirtualNetwork", "the rest of the VNet", "(closing)"]);
  return [`== ${report.component} "${report.name}" (azure): ${used}`, "", `Rules (${report.rules.length}${report.closing ? " + 2 closing" : ""}):`, formatTable(["PRIORITY", "DIR", "PROTO", "PORTS", "PEERS", "SERVICES", "KEY"], rows), "", `Limits: ${report.rules.length + (report.closing ? 2 : 0)} of Azure's 1000 rules per NSG`];
}
