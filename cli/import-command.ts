import { parseJson } from "../catalog/json.js";
import * as pulumi from "@pulumi/pulumi";
import { oneOf, PortcatalogError } from "../catalog/errors.js";
import type { ExistingGroup } from "../audit/model.js";
import { type ComponentPlan, componentUrn, type ImportPlan, importPlan, RESOURCE_TYPES } from "../audit/import-file.js";
import { renderAzureImport, renderImport } from "../audit/render.js";
import { productEntries } from "../catalog/index.js";
import * as components from "../components/index.js";
import { azureReportOf, reportOf } from "../components/index.js";
import { azureRuleName } from "../components/azure/rules.js";
import { type AzureComponentPlan, AZURE_TYPES, azureImportPlan } from "../audit/import-azure.js";
import { ruleResourceName, typeToken } from "../components/base.js";
import type { PlannedRule } from "../planner/index.js";
import { sameId } from "../planner/ids.js";
import { setupMocks } from "../testing/index.js";
import { parseArgs } from "./args.js";
import { writeOutputFile } from "./write-file.js";
import { formatOf, parseSources, readInput, SELECTION_OPTIONS } from "./audit-command.js";

type ComponentClass = new (name: string, args: Record<string, unknown>, opts?: pulumi.ComponentResourceOptions) => pulumi.ComponentResource;

/** The component classes, looked up as own entries only. */
const AZURE_CLASSES = new Set(["CatalogNetworkSecurityGroup", "CatalogNetworkSecurityRules", "AnboxApplianceNetworkSecurityGroup", "AnboxCloudNetworkSecurityGroup", "Wso2NetworkSecurityGroup", "CatalogDeploymentNetworkSecurityGroups"]);

/** The component classes of one cloud family: Azure's adopt from `az` exports, the others from AWS and OpenStack ones. */
function componentClasses(azure = false): Map<string, ComponentClass> {
  const classes = new Map<string, ComponentClass>();
  for (const [name, value] of Object.entries(components)) {
    if (typeof value === "function" && value.prototype instanceof pulumi.ComponentResource && AZURE_CLASSES.has(name) === azure) classes.set(name, value as unknown as ComponentClass);
  }
  return classes;
}

/** Builds an Azure component under Pulumi mocks and reads the SecurityRules it registers. */
export async function azureComponentPlan(group: ExistingGroup, component: string, name: string, rawArgs: Record<string, unknown>): Promise<AzureComponentPlan> {
  const classes = componentClasses(true);
  // One export is one NSG; the deployment makes one per role, each under its own name.
  const deployment = "CatalogDeploymentNetworkSecurityGroups";
  if (component === deployment) throw new PortcatalogError(`${deployment} makes one NSG per role and cannot adopt one NSG's export; adopt each role's NSG with CatalogNetworkSecurityGroup and that role's "role" and "roleGroups"`);
  classes.delete(deployment);
  const Component = classes.get(component);
  if (!Component) throw new PortcatalogError(`unknown Azure component "${component}" for an Azure export: use ${oneOf([...classes.keys()].sort())}`);
  const recorder = await setupMocks({ project: "import", stack: "import" });
  const args = { ...rawArgs };
  // The NSG's resource group and name are in its ARM id; the members' ASG is what its rules let traffic into.
  args.resourceGroupName ??= /\/resourceGroups\/([^/]+)\//i.exec(group.id)?.[1];
  if (component === "CatalogNetworkSecurityRules") {
    args.networkSecurityGroupName ??= group.name;
    if (group.members) args.applicationSecurityGroupId ??= group.members;
  }
  const made = new Component(name, args);
  await recorder.settled();
  const report = azureReportOf(made);
  const owned = recorder.resources.find((r) => r.type === AZURE_TYPES.members && r.name === `${name}-members`);
  const ownNsg = recorder.resources.find((r) => r.type === AZURE_TYPES.group && r.name === name);
  // The NSG and members' ASG the component creates are the adopted ones (the import file names them by the
  // export's ids): their mock name and id in a rule read as the export's. A given NSG or ASG is compared as given.
  const asAdopted = (inputs: Record<string, unknown>): Record<string, unknown> => {
    if (!ownNsg) return inputs;
    const asg = (list: unknown) => (Array.isArray(list) ? list.map((g) => (owned && (g as { id?: unknown })?.id === owned.id ? { ...(g as object), id: group.members ?? owned.id } : g)) : list);
    const out: Record<string, unknown> = { ...inputs, networkSecurityGroupName: group.name };
    for (const k of ["sourceApplicationSecurityGroups", "destinationApplicationSecurityGroups"]) if (k in inputs) out[k] = asg(inputs[k]);
    return out;
  };
  return {
    component,
    type: typeToken(component),
    name,
    rules: recorder.resources.filter((r) => r.type === AZURE_TYPES.rule).map((r) => ({ name: r.name, inputs: asAdopted(r.inputs) })),
    keys: new Map(report.rules.map((r) => [azureRuleName(r.direction, r.priority), r])),
    ownsGroup: !!owned,
  };
}

function parseJsonObject(option: string, text: string | undefined): Record<string, unknown> {
  if (text === undefined) return {};
  let v: unknown;
  try {
    v = parseJson(text);
  } catch (err) {
    throw new PortcatalogError(`--${option}: not valid JSON (${(err as Error).message})`);
  }
  if (typeof v !== "object" || v === null || Array.isArray(v)) throw new PortcatalogError(`--${option}: expected a JSON object of the component's args, got ${JSON.stringify(v)}`);
  return v as Record<string, unknown>;
}

export interface ImportRequest {
  group: ExistingGroup;
  cloud: "aws" | "openstack";
  component: string;
  name: string;
  args: Record<string, unknown>;
  urn?: string;
}

/** Builds the component under Pulumi mocks (nothing reaches a cloud) and reads what it plans. */
export async function componentPlan(req: ImportRequest): Promise<ComponentPlan<pulumi.Input<string>>> {
  const classes = componentClasses();
  const Component = classes.get(req.component);
  if (!Component) throw new PortcatalogError(`unknown component "${req.component}": use ${oneOf([...classes.keys()].sort())}`);
  const recorder = await setupMocks({ project: "import", stack: "import" });
  const args = { ...req.args };
  // Components that add rules to a given group adopt rules into this one; those that make groups need a VPC.
  if (/Rules$/.test(req.component)) args.securityGroupId ??= req.group.id;
  else if (req.cloud === "aws") args.vpcId ??= req.group.vpcId ?? "vpc-unknown";
  const component = new Component(req.name, args);
  await recorder.settled();
  const report = reportOf(component);
  if (report.cloud !== req.cloud) throw new PortcatalogError(`${req.component} is for ${report.cloud === "aws" ? "AWS" : "OpenStack"}, but the export is ${req.cloud === "aws" ? "AWS" : "OpenStack"}`);
  const groupType = RESOURCE_TYPES[req.cloud].group;
  const groupResource = recorder.resources.find((r) => r.type === groupType && r.name === report.groups[0]?.name);
  // The group the component creates is the adopted one: its mock id in a rule's inputs reads as the export's id.
  const mine = groupResource?.id;
  const adopted = (v: unknown) => (mine !== undefined && v === mine ? req.group.id : v);
  const ruleTypes: string[] = [RESOURCE_TYPES[req.cloud].ingress, RESOURCE_TYPES[req.cloud].egress];
  const registered = new Map(
    recorder.resources
      .filter((r) => ruleTypes.includes(r.type))
      .map((r) => {
        const inputs = { ...r.inputs };
        for (const k of ["securityGroupId", "referencedSecurityGroupId", "remoteGroupId"]) if (k in inputs) inputs[k] = adopted(inputs[k]);
        return [r.name, { type: r.type, inputs }] as const;
      }),
  );
  return {
    registered,
    ...(groupResource ? {} : { ruleGroupId: String(args.securityGroupId) }),
    component: req.component,
    type: typeToken(req.component),
    name: req.name,
    cloud: report.cloud,
    groups: report.groups.map((g) => ({ name: g.name, rules: g.rules })),
    ownsGroup: !!groupResource,
    ruleName: (rule: PlannedRule<pulumi.Input<string>>) => ruleResourceName(req.name, rule),
    groupInputs: groupResource ? { description: groupResource.inputs.description as string | undefined, vpcId: groupResource.inputs.vpcId as string | undefined } : undefined,
  };
}

/** `portcatalog import <export.json>... --component <Class> --name <name> …`: the import file and what it leaves to do. */
export async function runImport(argv: string[]): Promise<{ output: string; findings: boolean; plan: ImportPlan }> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      ...SELECTION_OPTIONS,
      component: { type: "string" },
      name: { type: "string" },
      args: { type: "string" },
      stack: { type: "string" },
      project: { type: "string" },
      "component-urn": { type: "string" },
      out: { type: "string" },
      force: { type: "boolean", default: false },
    },
    allowPositionals: true,
  });
  const format = formatOf(values);
  if (!values.component) throw new PortcatalogError("--component <Class>: the component that adopts the group, e.g. CatalogSecurityGroup");
  if (!values.name) throw new PortcatalogError("--name <name>: the component's name in your program");
  if (!values.out) throw new PortcatalogError("--out <file>: where to write the Pulumi import file");
  if (values.release !== undefined && productEntries.length < 3) throw new PortcatalogError(`--release ${values.release}: catalog releases are not supported yet; leave --release out to use the catalog as built`);
  if ((values.stack === undefined) !== (values.project === undefined)) throw new PortcatalogError("--stack and --project go together: they make the component's URN for the import file's nameTable");
  const input = readInput(positionals, values.group);
  const group = values.group ? input.groups.find((g) => sameId(g.id, values.group as string)) : input.groups.length === 1 ? input.groups[0] : undefined;
  if (!group) throw new PortcatalogError(`--group: ${values.group ? `no group ${values.group} in the input` : "the input has several groups"}: use ${oneOf(input.groups.map((g) => g.id))}`);
  const args = parseJsonObject("args", values.args);
  // The catalog files the component reads are inputs too: --out never writes onto one.
  const inputs = [...positionals, ...(Array.isArray(args.catalogFiles) ? args.catalogFiles.filter((f): f is string => typeof f === "string") : [])];
  if (values.products) args.products = values.products.split(",").map((p) => ({ product: p.trim() }));
  const sources = parseSources(values.sources);
  if (sources) args.sources = sources;
  if (values.features) args.features = values.features.split(",").map((f) => f.trim());
  if (values["all-features"]) args.allFeatures = true;
  if (values["allow-all-egress"]) args.allowAllEgress = true;
  if (input.cloud === "azure") {
    const ap = await azureComponentPlan(group, values.component, values.name, args);
    const urn = values["component-urn"] ?? (values.stack && values.project ? componentUrn(values.stack, values.project, ap.type, values.name) : undefined);
    const plan = azureImportPlan(group, ap, { urn });
    writeOutputFile("--out", values.out, `${JSON.stringify(plan.file, null, 2)}\n`, { inputs, force: values.force });
    const findings = plan.notAdopted.length > 0 || plan.add.length > 0 || plan.warnings.length > 0;
    return { output: renderAzureImport(plan, values.out, format), findings, plan: plan as unknown as ImportPlan };
  }
  const cp = await componentPlan({ group, cloud: input.cloud, component: values.component, name: values.name, args });
  const urn = values["component-urn"] ?? (values.stack && values.project ? componentUrn(values.stack, values.project, cp.type, values.name) : undefined);
  const plan = importPlan(group, cp, { urn });
  writeOutputFile("--out", values.out, `${JSON.stringify(plan.file, null, 2)}\n`, { inputs, force: values.force });
  const findings = plan.drift.remove.length > 0 || plan.drift.add.length > 0 || plan.spill.length > 0 || plan.warnings.length > 0;
  return { output: renderImport(plan as ImportPlan, values.out, format), findings, plan: plan as ImportPlan };
}

/** `portcatalog import`: exit 2 when some existing rules are not adopted or some must be added. */
export async function importCommand(argv: string[]): Promise<{ output: string; exitCode: number }> {
  const { output, findings } = await runImport(argv);
  return { output, exitCode: findings ? 2 : 0 };
}
