import type { SecurityGroupEgressRule } from "@pulumi/aws/vpc/securityGroupEgressRule";
import type { SecurityGroupIngressRule, SecurityGroupIngressRuleArgs } from "@pulumi/aws/vpc/securityGroupIngressRule";
import type * as pulumi from "@pulumi/pulumi";
import type { PlannedRule } from "../../planner/index.js";
import { checkedCidr, previousName, ruleResourceName } from "../base.js";
import { aws } from "../providers.js";

type AwsRule = SecurityGroupIngressRule | SecurityGroupEgressRule;

/** Translates one planned rule into one provider rule: exactly one peer, never inline rules. */
export function awsRuleArgs(rule: PlannedRule<pulumi.Input<string>>, groupId: pulumi.Input<string>): SecurityGroupIngressRuleArgs {
  const peer = rule.peer;
  return {
    securityGroupId: groupId,
    // AWS spells every protocol -1, and then takes no ports.
    ...(rule.protocol === "all" ? { ipProtocol: "-1" } : { ipProtocol: rule.protocol, fromPort: rule.fromPort, toPort: rule.toPort }),
    description: rule.description,
    ...(peer.kind === "cidr" && peer.ethertype === "IPv4" ? { cidrIpv4: peer.cidr } : {}),
    ...(peer.kind === "cidr" && peer.ethertype === "IPv6" ? { cidrIpv6: peer.cidr } : {}),
    ...(peer.kind === "named-cidr" ? { [peer.ethertype === "IPv4" ? "cidrIpv4" : "cidrIpv6"]: checkedCidr(rule.key, peer) } : {}),
    ...(peer.kind === "security-group" ? { referencedSecurityGroupId: peer.id } : {}),
    ...(peer.kind === "self" ? { referencedSecurityGroupId: groupId } : {}),
    ...(peer.kind === "prefix-list" ? { prefixListId: peer.id } : {}),
  };
}

/** Registers the rules of one group as children of `parent`. */
export function registerAwsRules(parent: pulumi.Resource, component: string, groupId: pulumi.Input<string>, rules: PlannedRule<pulumi.Input<string>>[]): AwsRule[] {
  const sdk = aws();
  return rules.map((rule) => {
    const args = awsRuleArgs(rule, groupId);
    const name = ruleResourceName(component, rule);
    const opts = { parent, ...previousName(component, rule) };
    return rule.direction === "ingress" ? new sdk.vpc.SecurityGroupIngressRule(name, args, opts) : new sdk.vpc.SecurityGroupEgressRule(name, args, opts);
  });
}
