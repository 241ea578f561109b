// The Pulumi import file that adopts an Azure NSG's existing rules into an Azure component.
//
// azure-native `azure-native:network:SecurityRule` is imported by its ARM id
// (/subscriptions/…/networkSecurityGroups/<nsg>/securityRules/<name>). The components name each rule after
// its priority, in Pulumi (`<component>-portcatalog-in-<priority>`) and in Azure (`portcatalog-in-<priority>`,
// components/azure/rules.ts `azureRuleName`), and a rule's Azure name cannot change without replacing it.
// So an existing rule is adopted only when its Azure name, priority and content are exactly the rule the
// component registers; one with the same content under another name or priority is listed with the reason,
// never imported under the component's name (the next `pulumi preview` would replace it).
import type { ListRule } from "../planner/lists.js";
import { readAzureRule } from "./azure.js";
import type { ImportResource, PulumiImportFile } from "./import-file.js";
import type { AzureEndpoint, AzureRule, ExistingGroup } from "./model.js";

export const AZURE_TYPES = {
  group: "azure-native:network:NetworkSecurityGroup",
  members: "azure-native:network:ApplicationSecurityGroup",
  rule: "azure-native:network:SecurityRule",
} as const;

/** What an Azure component registers, as the import needs it (from its report and the resources it registered under mocks). */
export interface AzureComponentPlan {
  component: string;
  type: string;
  name: string;
  /** Its SecurityRule children: Pulumi name and the inputs it registers (the closing rules included). */
  rules: { name: string; inputs: Record<string, unknown> }[];
  /** The list rules the planner made, by Azure name, for the keys to show. */
  keys: Map<string, ListRule<unknown>>;
  /** Whether the component creates the NSG and the members' ASG (and so adopts them). */
  ownsGroup: boolean;
  /** The members' ASG id the component's rules were registered with (a mock id for the components that create it). */
  membersId?: string;
}

export interface AzureImportPlan {
  file: PulumiImportFile;
  adopted: { rule: AzureRule; name: string }[];
  notAdopted: { rule: AzureRule; reason: string }[];
  /** The component's rules no existing rule is: `pulumi up` creates them. */
  add: { name: string; azureName: string; key?: string }[];
  warnings: string[];
}

const endKey = (e: AzureEndpoint, members: { from?: string; to?: string }) =>
  e.kind === "cidr" ? `cidr:${e.cidr}` : e.kind === "tag" ? `tag:${e.tag.toLowerCase()}` : e.kind === "asg" ? `asg:${(e.id === members.from && members.to ? members.to : e.id).toLowerCase()}` : "any";

/** A rule's content, everything but its name and description: what must be equal for the component's rule to be this one. */
function content(r: AzureRule, members: { from?: string; to?: string } = {}): string {
  const ends = (l: AzureEndpoint[]) => l.map((e) => endKey(e, members)).sort().join(",");
  return [r.direction, r.access, r.priority, r.protocol.toLowerCase(), ends(r.peers), ends(r.own), r.ports.map((p) => `${p.fromPort}-${p.toPort}`).join(","), r.anySourcePort].join("|");
}

/**
 * Maps each existing custom rule of the NSG to the component's rule it exactly is, by Azure name, priority and
 * content; lists the others with why; `urn` names an existing component, else the file creates it empty.
 */
export function azureImportPlan(group: ExistingGroup, plan: AzureComponentPlan, options: { urn?: string } = {}): AzureImportPlan {
  const members = { from: plan.membersId, to: group.members };
  const existing = (group.azureRules ?? []).filter((r) => !r.isDefault);
  const byName = new Map(existing.map((r) => [r.name.toLowerCase(), r]));
  const wanted = plan.rules.map((r) => {
    const { resourceGroupName: _g, networkSecurityGroupName: _n, securityRuleName, ...props } = r.inputs;
    const azureName = String(securityRuleName);
    const rule = readAzureRule("component", r.name, { ...props, name: azureName, id: `${group.id}/securityRules/${azureName}` }, false);
    return { name: r.name, azureName, rule, key: plan.keys.get(azureName)?.key };
  });
  const adopted: AzureImportPlan["adopted"] = [];
  const warnings: string[] = [];
  const taken = new Set<AzureRule>();
  const add: AzureImportPlan["add"] = [];
  for (const w of wanted) {
    const found = byName.get(w.azureName.toLowerCase());
    if (found && content(found) === content(w.rule, members)) {
      adopted.push({ rule: found, name: w.name });
      taken.add(found);
      if ((found.description ?? "") !== (w.rule.description ?? "")) warnings.push(`rule ${found.name} (${w.name}): its description differs from the component's; \`pulumi up\` updates it in place`);
    } else add.push({ name: w.name, azureName: w.azureName, ...(w.key ? { key: w.key } : {}) });
  }
  const notAdopted = existing
    .filter((r) => !taken.has(r))
    .map((rule) => {
      const same = wanted.find((w) => content({ ...w.rule, priority: 0 }, members) === content({ ...rule, priority: 0 }));
      const reason = same
        ? `the same rule as the component's ${same.name}, but named ${rule.name} at priority ${rule.priority} where the component names it ${same.azureName} at ${same.rule.priority}: an Azure rule's name cannot change, so it is not adopted (remove it once the component's rule exists)`
        : byName.get(rule.name.toLowerCase()) && wanted.some((w) => w.azureName.toLowerCase() === rule.name.toLowerCase())
          ? "named as a component rule, but its content differs: `pulumi up` would change it; not adopted"
          : "not in the plan";
      return { rule, reason };
    });
  const resources: ImportResource[] = [];
  if (!options.urn) resources.push({ type: plan.type, name: plan.name, component: true });
  if (plan.ownsGroup) {
    resources.push({ type: AZURE_TYPES.group, name: plan.name, id: group.id, parent: plan.name });
    if (group.members) resources.push({ type: AZURE_TYPES.members, name: `${plan.name}-members`, id: group.members, parent: plan.name });
    else warnings.push("the members' application security group is not known from the export (no custom rule lets traffic into exactly one ASG): `pulumi up` creates a new one");
  }
  for (const a of [...adopted].sort((x, y) => (x.name < y.name ? -1 : 1))) resources.push({ type: AZURE_TYPES.rule, name: a.name, id: a.rule.id, parent: plan.name });
  const file: PulumiImportFile = options.urn ? { nameTable: { [plan.name]: options.urn }, resources } : { resources };
  return { file, adopted, notAdopted, add, warnings };
}
