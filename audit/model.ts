import type { Direction } from "../catalog/model.js";
import type { Cloud } from "../components/clouds.js";
import type { ProtocolClass } from "../policy/judge.js";

/** Who an existing rule admits (ingress) or reaches (egress). */
export type ExistingPeer =
  | { kind: "cidr"; cidr: string }
  | { kind: "group"; id: string }
  | { kind: "prefix-list"; id: string }
  /** Neutron address groups: a named set of CIDRs the export does not spell out. */
  | { kind: "address-group"; id: string }
  /** Azure service tags other than the world's (`VirtualNetwork`, `AzureLoadBalancer`, `Storage.WestEurope`, …): sets the export does not spell out. */
  | { kind: "service-tag"; id: string };

/** The clouds whose exports the audit reads. */
export type AuditCloud = Cloud | "azure";

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
  /** The rule's description; unset when it has none, or when {@link ExistingRule.descriptionUnknown}. */
  description?: string;
  /** The export does not carry descriptions (`openstack security group rule list`): the rule's is unknown. */
  descriptionUnknown?: true;
  /** Neutron: the project (tenant) the rule belongs to, when the export says. */
  project?: string;
  /** Where the rule came from: `file: SecurityGroupRules[3]`. */
  origin: string;
  /** Read from describe-security-groups' IpPermissions, which carry no rule id: the id is the group and the path. */
  fromPermissions?: true;
  /** Azure: the TCP or UDP share of a `*`-protocol rule a Deny cut into, judged for opening a protocol the catalog does not use (an uncut `*` rule is protocol `all` on its ports). */
  anyProtocol?: true;
  /** Azure: allowed by one of Azure's default rules, or from the AzureLoadBalancer tag: the platform's, never drift or a duplicate. */
  platform?: true;
  /** Azure: the application security group the part lets traffic into (inbound destination); a rule into several ASGs has a part per ASG. */
  target?: string;
}

export interface ExistingGroup {
  id: string;
  name?: string;
  vpcId?: string;
  description?: string;
  rules: ExistingRule[];
  /** Azure: the one application security group the NSG's custom inbound allows let traffic into (if they name one only), which is what a plan's `self` means. */
  members?: string;
  /** Azure: the NSG's rules as exported (Allow and Deny, defaults included when exported); `rules` is what they let through. */
  azureRules?: AzureRule[];
  /** What the reader could not know and the report should say. */
  notes?: string[];
}

/** An Azure endpoint: an address prefix, every address (`*`), a service tag, or an application security group. */
export type AzureEndpoint = { kind: "cidr"; cidr: string } | { kind: "any" } | { kind: "tag"; tag: string } | { kind: "asg"; id: string };

/** One Azure security rule as `az network nsg rule list`/`az network nsg show` print it, checked. */
export interface AzureRule {
  /** The rule's ARM id. */
  id: string;
  name: string;
  /** The NSG's ARM id. */
  nsgId: string;
  /** One of `defaultSecurityRules`. */
  isDefault: boolean;
  direction: Direction;
  access: "Allow" | "Deny";
  priority: number;
  /** As exported: `Tcp`, `Udp`, `Icmp`, `Esp`, `Ah` or `*`. */
  protocol: string;
  /** The far end: the source of an inbound rule, the destination of an outbound one. */
  peers: AzureEndpoint[];
  /** The near end (the NSG's own machines): the destination of an inbound rule, the source of an outbound one. */
  own: AzureEndpoint[];
  /** Destination ports, merged; `[0, 65535]` for `*`. */
  ports: { fromPort: number; toPort: number }[];
  /** Whether the source ports are `*` (every port). */
  anySourcePort: boolean;
  description?: string;
  provisioningState?: string;
  origin: string;
}

/** Everything read from the audit's input files: one cloud, its groups in input order. */
export interface AuditInput {
  cloud: AuditCloud;
  groups: ExistingGroup[];
}
