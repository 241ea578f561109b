import type { SecGroupRule, SecGroupRuleArgs } from "@pulumi/openstack/networking/secGroupRule";
import type * as pulumi from "@pulumi/pulumi";
import type { PlannedRule } from "../../planner/index.js";
import { checkedCidr, previousName, ruleResourceName } from "../base.js";
import { openstack } from "../providers.js";

/** Where the group lives, passed to every rule. */
export interface OpenStackPlacement {
  region?: pulumi.Input<string>;
  tenantId?: pulumi.Input<string>;
}

/** Translates one planned rule into one `SecGroupRule`; the planner has already given group references an ethertype. */
export function openstackRuleArgs(rule: PlannedRule<pulumi.Input<string>>, groupId: pulumi.Input<string>, placement: OpenStackPlacement): SecGroupRuleArgs {
  const peer = rule.peer;
  if (peer.kind === "prefix-list" || rule.ethertype === "any") throw new Error(`internal: rule ${rule.key} was not planned for OpenStack`);
  return {
    securityGroupId: groupId,
    direction: rule.direction,
    ethertype: rule.ethertype,
    // Neutron: no protocol and no port range is every protocol and port.
    ...(rule.protocol === "all" ? {} : { protocol: rule.protocol, portRangeMin: rule.fromPort, portRangeMax: rule.toPort }),
    description: rule.description,
    ...(peer.kind === "cidr" ? { remoteIpPrefix: peer.cidr } : {}),
    ...(peer.kind === "named-cidr" ? { remoteIpPrefix: checkedCidr(rule.key, peer) } : {}),
    ...(peer.kind === "security-group" ? { remoteGroupId: peer.id } : {}),
    ...(peer.kind === "self" ? { remoteGroupId: groupId } : {}),
    ...(placement.region ? { region: placement.region } : {}),
    ...(placement.tenantId ? { tenantId: placement.tenantId } : {}),
  };
}

export function registerOpenStackRules(
  parent: pulumi.Resource,
  component: string,
  groupId: pulumi.Input<string>,
  rules: PlannedRule<pulumi.Input<string>>[],
  placement: OpenStackPlacement,
): SecGroupRule[] {
  const sdk = openstack();
  // Neutron refuses a second rule of the same content (409 SecurityGroupRuleExists; the description
  // does not count), so a rule replaced in place, e.g. for a new description, must go first.
  return rules.map(
    (rule) => new sdk.networking.SecGroupRule(ruleResourceName(component, rule), openstackRuleArgs(rule, groupId, placement), { parent, deleteBeforeReplace: true, ...previousName(component, rule) }),
  );
}
