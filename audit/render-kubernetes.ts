// The Kubernetes audit as a table, Markdown or JSON; text from the export is escaped as in render.ts.
import type { KubernetesReport } from "./kubernetes.js";
import { clean, type Format, table } from "./render.js";

export function renderKubernetesAudit(report: KubernetesReport, format: Format): string {
  if (format === "json") {
    return JSON.stringify(
      {
        cloud: report.cloud,
        findings: report.findings,
        subjects: report.subjects.map((s) => ({
          namespace: s.namespace,
          ...(s.dest.pods.kind === "selector" ? { selector: s.label } : { pods: s.pods }),
          ...(s.dest.containerPorts ? { containerPorts: s.dest.containerPorts } : {}),
          ...(s.dest.hostNetwork ? { hostNetwork: true } : {}),
          policies: s.policies,
          services: s.services,
          findings: s.findings,
        })),
        notes: report.notes,
        roleFindings: report.roleFindings,
      },
      null,
      2,
    );
  }
  const h = (level: number, text: string) => (format === "markdown" ? `${"#".repeat(level)} ${clean(text)}` : clean(text));
  const byPods = report.subjects.some((s) => s.dest.pods.kind === "labels");
  const out = [h(1, `Kubernetes audit: ${report.subjects.length} ${byPods ? "pod groups" : "pod selectors"}, ${report.findings} finding${report.findings === 1 ? "" : "s"}`), ""];
  const rows = report.subjects.map((s) => [s.namespace, s.label, s.policies.join(", ") || "-", s.services.join("; ") || "-", s.findings.map((f) => f.text).join("; ") || "ok"]);
  out.push(table(format, ["NAMESPACE", byPods ? "PODS" : "SELECTOR", "POLICIES", "CATALOG SERVICES", "VERDICT"], rows));
  for (const n of report.notes) out.push(`${format === "markdown" ? "\n" : ""}Note: ${clean(n)}`);
  return out.join("\n");
}

/** The role section, when roles were judged. */
export function renderKubernetesRoles(report: KubernetesReport, format: Format): string {
  const lines = report.roleFindings.length ? report.roleFindings.map((f) => `${format === "markdown" ? "-" : "  -"} ${clean(f.message)}`) : [`${format === "markdown" ? "" : "  "}none: every policy between roles serves a flow`];
  return `${format === "markdown" ? "## Roles\n\n" : "Roles (policies that let in a role no flow needs):\n"}${lines.join("\n")}\n`;
}
