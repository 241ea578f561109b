import type { SecurityRuleArgs } from "@pulumi/azure-native/network/securityRule";
import type * as pulumi from "@pulumi/pulumi";
import { PortcatalogError } from "../../catalog/errors.js";
import type { ListRule } from "../../planner/lists.js";
import type { Peer } from "../../planner/peers.js";
import { checkedCidr } from "../base.js";
import { azureNative } from "../providers.js";
import { AZURE_RULE_SHAPE } from "./profile.js";

type Id = pulumi.Input<string>;

/** Where the rules go: the NSG, and the application security group of the machines it serves (if any). */
export interface AzureTarget {
  resourceGroupName: Id;
  networkSecurityGroupName: Id;
  /** The members' ASG: the rules' other end and what `self` means. Unset: `*`, whatever the NSG is attached to. */
  membersId?: Id;
}

/** Azure's name for a rule, from its direction and priority: a rule keeps its name while it keeps its priority. */
export const azureRuleName = (direction: "ingress" | "egress", priority: number) => `portcatalog-${direction === "ingress" ? "in" : "out"}-${priority}`;

const PROTOCOL = { tcp: "Tcp", udp: "Udp", all: "*" } as const;

function address(key: string, peer: Peer<Id>): Id {
  if (peer.kind === "cidr") return peer.cidr;
  if (peer.kind === "named-cidr") return checkedCidr(key, peer);
  throw new PortcatalogError(`rule ${key}: ${peer.kind} is not an address`);
}

function asg(key: string, peer: Peer<Id>, target: AzureTarget): { id: Id } {
  if (peer.kind === "security-group") return { id: peer.id };
  if (peer.kind === "self") {
    if (target.membersId === undefined) throw new PortcatalogError(`rule ${key}: its peer is the group's own machines (self), which needs applicationSecurityGroupId`);
    return { id: target.membersId };
  }
  throw new PortcatalogError(`rule ${key}: ${peer.kind} is not an application security group`);
}

/** One list rule as azure-native `SecurityRule` arguments: lists where Azure takes lists, one protocol, exact ports. */
export function azureRuleArgs(rule: ListRule<Id>, target: AzureTarget): SecurityRuleArgs {
  const groups = rule.peers.some((p) => p.kind === "self" || p.kind === "security-group");
  const peerSide = rule.direction === "ingress" ? "source" : "destination";
  const ownSide = rule.direction === "ingress" ? "destination" : "source";
  const own = target.membersId === undefined ? { [`${ownSide}AddressPrefix`]: "*" } : { [`${ownSide}ApplicationSecurityGroups`]: [{ id: target.membersId }] };
  const peers = groups
    ? { [`${peerSide}ApplicationSecurityGroups`]: rule.peers.map((p) => asg(rule.key, p, target)) }
    : { [`${peerSide}AddressPrefixes`]: rule.peers.map((p) => address(rule.key, p)) };
  return {
    resourceGroupName: target.resourceGroupName,
    networkSecurityGroupName: target.networkSecurityGroupName,
    securityRuleName: azureRuleName(rule.direction, rule.priority),
    priority: rule.priority,
    direction: rule.direction === "ingress" ? "Inbound" : "Outbound",
    access: "Allow",
    protocol: PROTOCOL[rule.protocol],
    sourcePortRange: "*",
    destinationPortRanges: rule.ports.map((p) => (p.fromPort === p.toPort ? `${p.fromPort}` : `${p.fromPort}-${p.toPort}`)),
    description: rule.description,
    ...own,
    ...peers,
  };
}

/**
 * The rules that close what Azure's default `AllowVnetInBound` (65000) opens: Azure's load balancer
 * probes stay allowed, then the rest of the virtual network is denied, both below every catalog rule.
 */
export function closingRuleArgs(target: AzureTarget): SecurityRuleArgs[] {
  const top = AZURE_RULE_SHAPE.priorityMax;
  const common = { resourceGroupName: target.resourceGroupName, networkSecurityGroupName: target.networkSecurityGroupName, direction: "Inbound", protocol: "*", sourcePortRange: "*", destinationPortRange: "*", destinationAddressPrefix: "*" };
  return [
    { ...common, securityRuleName: azureRuleName("ingress", top - 1), priority: top - 1, access: "Allow", sourceAddressPrefix: "AzureLoadBalancer", description: "portcatalog: keep Azure load balancer health probes working" },
    { ...common, securityRuleName: azureRuleName("ingress", top), priority: top, access: "Deny", sourceAddressPrefix: "VirtualNetwork", description: "portcatalog: deny the rest of the virtual network (Azure's AllowVnetInBound admits all of it)" },
  ];
}

/** What the warning says when the closing rules are added. */
export const CLOSING_WARNING =
  "Azure's default rule AllowVnetInBound admits every machine in the virtual network: added AzureLoadBalancer allow (4095) and VirtualNetwork deny (4096) inbound after the catalog's rules, so only the planned peers reach these ports; set keepVirtualNetworkDefault: true to keep Azure's default";

/**
 * Registers one `SecurityRule` per list rule (never inline rules on the NSG). The Pulumi name, like
 * Azure's, follows the priority: a rule whose content changes at the same priority is updated in
 * place, and a replace deletes before it creates, so no moment has two rules on one priority.
 */
export function registerAzureRules(parent: pulumi.Resource, component: string, target: AzureTarget, rules: readonly ListRule<Id>[], closing: boolean, dependsOn: pulumi.Resource[] = []): pulumi.CustomResource[] {
  const sdk = azureNative();
  const args = [...rules.map((r) => azureRuleArgs(r, target)), ...(closing ? closingRuleArgs(target) : [])];
  return args.map((a) => new sdk.network.SecurityRule(`${component}-${a.securityRuleName as string}`, a, { parent, deleteBeforeReplace: true, dependsOn }));
}
