import type { ListRuleShape } from "../../planner/lists.js";
import type { CloudProfile } from "../../planner/profile.js";

// Azure's numbers, from "Networking limits - Azure Resource Manager"
// (MicrosoftDocs/azure-docs includes/azure-virtual-network-limits.md, 2022-12-05) and
// https://learn.microsoft.com/azure/virtual-network/network-security-groups-overview (priorities).

/** NSG rules per NSG. */
export const AZURE_RULES_PER_NSG = 1000;

/**
 * Azure network security groups: an application security group reference matches both address
 * families in one rule; no prefix lists (service tags are not peers the catalog names).
 */
export const AZURE_PROFILE: CloudProfile = {
  name: "azure",
  title: "Azure",
  groupReferencePerFamily: false,
  prefixLists: false,
  quota: { scope: "group", limit: AZURE_RULES_PER_NSG, buckets: "rules" },
};

/** What an Azure security rule holds and an NSG's limits. */
export const AZURE_RULE_SHAPE: ListRuleShape = {
  rulesPerGroup: AZURE_RULES_PER_NSG,
  // "IP addresses and ranges specified for source or destination in a security group": 4,000, each side.
  addressesPerGroup: 4000,
  // "Application security groups referenced as source/destination per NSG rule": 10.
  groupsPerRule: 10,
  // "Application security groups that can be specified within all security rules of a network security group": 100.
  groupsPerGroup: 100,
  // "A number between 100 and 4096 ... lower numbers processed before higher numbers".
  priorityMin: 100,
  priorityMax: 4096,
  // 4095 allows AzureLoadBalancer probes, 4096 denies the rest of the VirtualNetwork (see azure/rules.ts).
  reservedAtEnd: 2,
  // Kept one family per rule: the documented examples never mix them, and nothing is lost by it.
  mixedFamilies: false,
};
