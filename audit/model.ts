import type { Direction } from "../catalog/model.js";
import type { Cloud } from "../planner/plan.js";
import type { ProtocolClass } from "../policy/judge.js";

/** Who an existing rule admits (ingress) or reaches (egress). */
export type ExistingPeer =
  | { kind: "cidr"; cidr: string }
  | { kind: "group"; id: string }
  | { kind: "prefix-list"; id: string }
  /** Neutron address groups: a named set of CIDRs the export does not spell out. */
  | { kind: "address-group"; id: string };

/** One rule as a cloud holds it, from any of the supported exports. */
export interface ExistingRule {
  /** `sgr-…` on AWS, the rule's UUID on Neutron. */
  id: string;
  groupId: string;
  direction: Direction;
  /** `any` for AWS rules that reference a group or prefix list: AWS rules have no family of their own. */
  family: "IPv4" | "IPv6" | "any";
  protocol: ProtocolClass;
  /** The protocol as the export spells it (`tcp`, `-1`, `icmp`, `null` …), for display. */
  rawProtocol: string;
  /** Every port is 0–65535; ICMP type/code are not ports and read as every port. */
  fromPort: number;
  toPort: number;
  peer: ExistingPeer;
  /** Unset when the export does not carry descriptions (`openstack security group rule list`). */
  description?: string;
  /** Where the rule came from: `file: SecurityGroupRules[3]`. */
  origin: string;
  /** Read from describe-security-groups' IpPermissions, which carry no rule id: the id is the group and the path. */
  fromPermissions?: true;
}

export interface ExistingGroup {
  id: string;
  name?: string;
  vpcId?: string;
  description?: string;
  rules: ExistingRule[];
}

/** Everything read from the audit's input files: one cloud, its groups in input order. */
export interface AuditInput {
  cloud: Cloud;
  groups: ExistingGroup[];
}
