import * as pulumi from "@pulumi/pulumi";
import type { AzureReport } from "./network-security-group.js";

// Apart from the adapter (network-security-group.ts), which loads with the first Azure component:
// the package's index exports these, and a program that builds none should not load the adapter.

// One report per NSG: a deployment component plans one NSG per role.
const reports = new WeakMap<pulumi.ComponentResource, AzureReport[]>();

/** What an Azure portcatalog component planned; a deployment component has one report per role (see {@link azureReportsOf}). */
export function azureReportOf(component: pulumi.ComponentResource): AzureReport {
  const all = azureReportsOf(component);
  if (all.length !== 1) throw new Error(`${component.constructor.name} plans ${all.length} network security groups, one per role: read azureReportsOf`);
  return all[0];
}

/** What an Azure portcatalog component planned, one report per network security group it fills. */
export function azureReportsOf(component: pulumi.ComponentResource): AzureReport[] {
  const all = reports.get(component);
  if (!all) throw new Error(`${component.constructor.name} is not a portcatalog Azure component`);
  return all;
}

/** Records a component's reports and surfaces their warnings once each, on the component. */
export function recordAzureReports(component: pulumi.ComponentResource, all: AzureReport[]): void {
  reports.set(component, all);
  for (const warning of new Set(all.flatMap((r) => r.plan.warnings))) pulumi.log.warn(warning, component);
}
