// The Pulumi import file that adopts an Azure NSG's existing rules into an Azure component.
//
// azure-native `azure-native:network:SecurityRule` is imported by its ARM id
// (/subscriptions/…/networkSecurityGroups/<nsg>/securityRules/<name>). The components name each rule after
// its priority, in Pulumi (`<component>-portcatalog-in-<priority>`) and in Azure (`portcatalog-in-<priority>`,
// components/azure/rules.ts `azureRuleName`), and a rule's Azure name cannot change without replacing it.
// So an existing rule is adopted only when its Azure name, priority and content are exactly the rule the
// component registers; one with the same content under another name or priority is listed with the reason,
// never imported under the component's name (the next `pulumi preview` would replace it).
import { idKey } from "../planner/ids.js";
import type { ListRule } from "../planner/lists.js";
import { canonicalCidr } from "./audit.js";
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
  /**
   * Its SecurityRule children: Pulumi name and the inputs it registers (the closing rules included), with the NSG
   * and members' ASG the component creates already read as the adopted ones.
   */
  rules: { name: string; inputs: Record<string, unknown> }[];
  /** The list rules the planner made, by Azure name, for the keys to show. */
  keys: Map<string, ListRule<unknown>>;
  /** Whether the component creates the NSG and the members' ASG (and so adopts them). */
  ownsGroup: boolean;
}

export interface AzureImportPlan {
  file: PulumiImportFile;
  adopted: { rule: AzureRule; name: string }[];
  notAdopted: { rule: AzureRule; reason: string }[];
  /** The component's rules no existing rule is: `pulumi up` creates them. */
  add: { name: string; azureName: string; key?: string }[];
  warnings: string[];
}

const endKey = (e: AzureEndpoint) => (e.kind === "cidr" ? `cidr:${canonicalCidr(e.cidr)}` : e.kind === "tag" ? `tag:${e.tag.toLowerCase()}` : e.kind === "asg" ? `asg:${idKey(e.id)}` : "any");

/**
 * A rule's content, everything but its name and description, its NSG included (resource group and name; ARM ids
 * and names are case-insensitive): what must be equal for the component's rule to be this one. The members'
 * application security group is compared as it is, so a rule into another ASG is never the component's.
 */
function content(r: AzureRule): string {
  const ends = (l: AzureEndpoint[]) => l.map(endKey).sort().join(",");
  return [nsgOf(r.nsgId), r.direction, r.access, r.priority, r.protocol.toLowerCase(), ends(r.peers), ends(r.own), r.ports.map((p) => `${p.fromPort}-${p.toPort}`).join(","), r.anySourcePort].join("|");
}

/** `<resource group>/<nsg name>` of an NSG's ARM id, in lower case. */
const nsgOf = (nsgId: string) => {
  const m = /\/resourceGroups\/([^/]+)\/providers\/Microsoft\.Network\/networkSecurityGroups\/([^/]+)$/i.exec(nsgId);
  return m ? `${m[1]}/${m[2]}`.toLowerCase() : idKey(nsgId);
};

/** What differs between an exported rule and the component's of the same name, first found. */
function differs(have: AzureRule, want: AzureRule): string {
  if (nsgOf(have.nsgId) !== nsgOf(want.nsgId)) return `its NSG (${nsgOf(have.nsgId)} where the component's is ${nsgOf(want.nsgId)})`;
  const ends = (l: AzureEndpoint[]) => l.map(endKey).sort().join(",");
  const fields: [string, unknown, unknown][] = [
    ["its direction", have.direction, want.direction],
    ["its access", have.access, want.access],
    ["its priority", have.priority, want.priority],
    ["its protocol", have.protocol.toLowerCase(), want.protocol.toLowerCase()],
    [have.direction === "ingress" ? "its source" : "its destination", ends(have.peers), ends(want.peers)],
    [have.direction === "ingress" ? "its destination" : "its source", ends(have.own), ends(want.own)],
    ["its destination ports", JSON.stringify(have.ports), JSON.stringify(want.ports)],
    ["its source ports", have.anySourcePort, want.anySourcePort],
  ];
  const field = fields.find(([, a, b]) => a !== b);
  return field ? `${field[0]} (${String(field[1])})` : `its description (${JSON.stringify(have.description ?? "")})`;
}

/**
 * Maps each existing custom rule of the NSG to the component's rule it exactly is, by Azure name, priority and
 * content; lists the others with why; `urn` names an existing component, else the file creates it empty.
 */
export function azureImportPlan(group: ExistingGroup, plan: AzureComponentPlan, options: { urn?: string } = {}): AzureImportPlan {
  const existing = (group.azureRules ?? []).filter((r) => !r.isDefault);
  const byName = new Map(existing.map((r) => [r.name.toLowerCase(), r]));
  const wanted = plan.rules.map((r) => {
    const { resourceGroupName, networkSecurityGroupName, securityRuleName, ...props } = r.inputs;
    const azureName = String(securityRuleName);
    // The NSG the component's rule goes into, spelled as an ARM id under the export's subscription.
    const sub = /^\/subscriptions\/[^/]+/i.exec(group.id)?.[0] ?? "";
    const nsgId = `${sub}/resourceGroups/${String(resourceGroupName)}/providers/Microsoft.Network/networkSecurityGroups/${String(networkSecurityGroupName)}`;
    const rule = readAzureRule("component", r.name, { ...props, name: azureName, id: `${nsgId}/securityRules/${azureName}` }, false);
    return { name: r.name, azureName, rule, key: plan.keys.get(azureName)?.key, nsg: `${String(resourceGroupName)}/${String(networkSecurityGroupName)}` };
  });
  const adopted: AzureImportPlan["adopted"] = [];
  const warnings: string[] = [];
  const taken = new Set<AzureRule>();
  const add: AzureImportPlan["add"] = [];
  for (const w of wanted) {
    const found = byName.get(w.azureName.toLowerCase());
    // Exactly the component's rule, its description included: anything else `pulumi up` would change.
    if (found && content(found) === content(w.rule) && (found.description ?? "") === (w.rule.description ?? "")) {
      adopted.push({ rule: found, name: w.name });
      taken.add(found);
    } else add.push({ name: w.name, azureName: w.azureName, ...(w.key ? { key: w.key } : {}) });
  }
  const otherNsg = wanted.find((w) => w.nsg.toLowerCase() !== nsgOf(group.id));
  if (otherNsg) warnings.push(`the component's rules go into NSG ${otherNsg.nsg} (resource group/name), not the exported ${group.id}: none of its rules is adopted; import that NSG's export, or give the exported NSG's resource group and name`);
  const notAdopted = existing
    .filter((r) => !taken.has(r))
    .map((rule) => {
      const same = wanted.find((w) => content({ ...w.rule, priority: 0 }) === content({ ...rule, priority: 0 }));
      const named = wanted.find((w) => w.azureName.toLowerCase() === rule.name.toLowerCase());
      const reason = same && same !== named
        ? `the same rule as the component's ${same.name}, but named ${rule.name} at priority ${rule.priority} where the component names it ${same.azureName} at ${same.rule.priority}: an Azure rule's name cannot change, so it is not adopted (remove it once the component's rule exists)`
        : named
          ? `named as a component rule, but ${differs(rule, named.rule)} differs from the component's: \`pulumi up\` would change it; not adopted`
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
