import * as pulumi from "@pulumi/pulumi";
import type { KubernetesReport } from "./policy.js";

// Apart from the adapter (network-policies.ts), which loads with the first Kubernetes component:
// the package's index exports these, and a program that builds none should not load the adapter.
const reports = new WeakMap<pulumi.ComponentResource, KubernetesReport[]>();

/** What a Kubernetes portcatalog component planned: its policies, the roles it cannot protect, what the rollout closes. */
export function kubernetesReportOf(component: pulumi.ComponentResource): KubernetesReport {
  const all = reports.get(component);
  if (!all) throw new Error(`${component.constructor.name} is not a portcatalog Kubernetes component`);
  return all[0];
}

/** Whether a component is a portcatalog Kubernetes component. */
export const isKubernetesComponent = (component: pulumi.ComponentResource) => reports.has(component);

/** Records a component's report and surfaces its warnings once each, on the component. */
export function recordKubernetesReports(component: pulumi.ComponentResource, all: KubernetesReport[]): void {
  reports.set(component, all);
  for (const warning of new Set(all.flatMap((r) => r.warnings))) pulumi.log.warn(warning, component);
}
