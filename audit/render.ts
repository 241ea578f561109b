// Audit and import reports as a plain table, Markdown or JSON. Text from the export (ids,
// descriptions) is escaped: control characters never reach the terminal raw.
import { peerLabel, type PlannedRule } from "../planner/index.js";
import { type AuditReport, type Drift, peerText, portsText } from "./audit.js";
import type { AzureImportPlan } from "./import-azure.js";
import { type ImportPlan, removalReason } from "./import-file.js";
import type { ExistingRule } from "./model.js";
import { CLOUD_TITLE } from "./parse.js";

export type Format = "table" | "markdown" | "json";

/** Control characters as `\xNN`, so an export cannot drive the terminal. */
export const clean = (s: string) => s.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`);

/** @internal */
export function table(format: Format, header: string[], rows: string[][]): string {
  const cells = rows.map((r) => r.map(clean));
  if (format === "markdown") {
    const esc = (c: string) => c.replace(/\|/g, "\\|");
    return [`| ${header.join(" | ")} |`, `| ${header.map(() => "---").join(" | ")} |`, ...cells.map((r) => `| ${r.map(esc).join(" | ")} |`)].join("\n");
  }
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((r) => (r[i] ?? "").length)));
  const line = (r: string[]) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join("  ").trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...cells.map(line)].join("\n");
}

const heading = (format: Format, level: number, text: string) => (format === "markdown" ? `${"#".repeat(level)} ${clean(text)}` : clean(text));
const plannedPorts = (r: PlannedRule<unknown>) => (r.protocol === "all" ? "all" : r.fromPort === r.toPort ? `${r.fromPort}` : `${r.fromPort}-${r.toPort}`);
const existingRow = (r: ExistingRule) => [r.direction, r.family, r.rawProtocol, portsText(r), peerText(r.peer), r.id];

export function ruleJson(r: ExistingRule) {
  return { id: r.id, direction: r.direction, family: r.family, protocol: r.rawProtocol, fromPort: r.fromPort, toPort: r.toPort, peer: peerText(r.peer), ...(r.description ? { description: r.description } : {}), ...(r.platform ? { platform: true } : {}) };
}
const plannedJson = (r: PlannedRule<unknown>) => ({ key: r.key, direction: r.direction, family: r.ethertype, protocol: r.protocol, fromPort: r.fromPort, toPort: r.toPort, peer: peerLabel(r.peer), services: r.services });

function driftLines(format: Format, d: Drift, against: string): string[] {
  const rows = [
    ...d.add.map((r) => ["add", r.direction, r.ethertype, r.protocol, plannedPorts(r), peerLabel(r.peer), r.key]),
    ...d.remove.map((r) => ["remove", ...existingRow(r)]),
    ...d.keep.map(({ existing, planned }) => ["keep", ...existingRow(existing).slice(0, -1), `${existing.id} = ${planned.key}`]),
  ];
  return ["", heading(format, 3, `Drift of ${d.groupId} against ${against}: ${d.add.length} to add, ${d.remove.length} to remove, ${d.keep.length} to keep`), table(format, ["CHANGE", "DIR", "FAMILY", "PROTO", "PORTS", "PEER", "RULE"], rows)];
}

/** The audit as text (`table`/`markdown`) or JSON. */
export function renderAudit(report: AuditReport, drifts: Drift[], against: string, format: Format): string {
  if (format === "json") {
    return JSON.stringify(
      {
        cloud: report.cloud,
        findings: report.findings,
        groups: report.groups.map((g) => ({
          id: g.group.id,
          ...(g.group.name ? { name: g.group.name } : {}),
          ...(g.group.vpcId ? { vpcId: g.group.vpcId } : {}),
          ...(g.group.notes ? { notes: g.group.notes } : {}),
          rules: g.rules.map((a) => ({ ...ruleJson(a.rule), services: a.services, findings: a.findings })),
          quota: g.quota,
        })),
        projectQuota: report.projectQuota,
        overQuota: report.overQuota,
        drift: drifts.map((d) => ({ groupId: d.groupId, against, add: d.add.map(plannedJson), remove: d.remove.map(ruleJson), keep: d.keep.map(({ existing, planned }) => ({ id: existing.id, key: planned.key })) })),
      },
      null,
      2,
    );
  }
  const rules = report.groups.reduce((n, g) => n + g.rules.length, 0);
  const changes = drifts.reduce((n, d) => n + d.add.length + d.remove.length, 0);
  const group = report.cloud === "azure" ? "NSG" : "group";
  const out = [heading(format, 1, `${CLOUD_TITLE[report.cloud]} audit: ${report.groups.length} ${group}${report.groups.length === 1 ? "" : "s"}, ${rules} ${report.cloud === "azure" ? "allowed rule parts" : "rules"}, ${report.findings} finding${report.findings === 1 ? "" : "s"}${drifts.length ? `, ${changes} change${changes === 1 ? "" : "s"} of drift` : ""}`)];
  for (const g of report.groups) {
    const about = [g.group.name, g.group.vpcId].filter(Boolean).join(", ");
    out.push("", heading(format, 2, `${report.cloud === "azure" ? "NSG" : "Group"} ${g.group.id}${about ? ` (${about})` : ""}: ${g.rules.length} ${report.cloud === "azure" ? `allowed rule parts, from ${g.group.azureRules?.length ?? 0} rules (Deny and Allow, by priority)` : "rules"}`));
    const rows = g.rules.map((a) => [...existingRow(a.rule).slice(0, -1), a.services.join("; ") || "-", a.findings.map((f) => f.text).join("; ") || "ok", a.rule.id]);
    out.push(table(format, ["DIR", "FAMILY", "PROTO", "PORTS", "PEER", "CATALOG SERVICES", "VERDICT", "ID"], rows));
    if (g.quota.length) out.push("", `Quota (${report.cloud === "azure" ? "Azure, per NSG" : "AWS, per group"}): ${g.quota.map((q) => `${q.bucket} ${q.used}/${q.limit}`).join(", ")}`);
    for (const note of g.group.notes ?? []) out.push(`Note: ${clean(note)}`);
  }
  if (report.projectQuota.length) {
    const total = report.projectQuota.find((q) => q.scope === "project");
    const perGroup = report.projectQuota.filter((q) => q.scope !== "project").map((q) => `${q.scope} ${q.bucket} ${q.used}`);
    out.push("", `Quota (Neutron, per project): ${total?.used} of ${total?.limit} rules${perGroup.length ? ` (${perGroup.join(", ")})` : ""}`);
  }
  for (const q of report.overQuota) out.push(`Over quota: ${q.scope} ${q.bucket} ${q.used} > ${q.limit}`);
  for (const d of drifts) out.push(...driftLines(format, d, against));
  return out.join("\n");
}

/** The import's report: what is adopted under which name, what to remove, what `pulumi up` adds. */
export function renderImport(plan: ImportPlan, fileWritten: string | undefined, format: Format): string {
  const d = plan.drift;
  if (format === "json") {
    return JSON.stringify(
      {
        importFile: plan.file,
        ...(fileWritten ? { writtenTo: fileWritten } : {}),
        adopt: plan.file.resources.filter((r) => r.id),
        remove: d.remove.map((r) => ({ ...ruleJson(r), reason: plan.reasons?.get(r) ?? removalReason(r) })),
        add: [...d.add, ...plan.spill].map(plannedJson),
        warnings: plan.warnings,
      },
      null,
      2,
    );
  }
  const adopted = plan.file.resources.filter((r) => r.id);
  const out = [
    heading(format, 1, `Import of ${d.groupId}: ${adopted.length} resources adopted, ${d.remove.length} rules to remove, ${d.add.length + plan.spill.length} rules \`pulumi up\` adds`),
    "",
    table(format, ["TYPE", "NAME", "ID"], adopted.map((r) => [r.type, r.name, r.id as string])),
  ];
  if (d.remove.length) out.push("", heading(format, 2, "Not adopted (remove them by hand; `pulumi up` leaves rules it does not manage)"), table(format, ["DIR", "FAMILY", "PROTO", "PORTS", "PEER", "ID", "WHY"], d.remove.map((r) => [...existingRow(r), plan.reasons?.get(r) ?? removalReason(r)])));
  const add = [...d.add, ...plan.spill];
  if (add.length) out.push("", heading(format, 2, "Created by `pulumi up`"), table(format, ["DIR", "FAMILY", "PROTO", "PORTS", "PEER", "KEY"], add.map((r) => [r.direction, r.ethertype, r.protocol, plannedPorts(r), peerLabel(r.peer), r.key])));
  if (plan.warnings.length) out.push("", heading(format, 2, "Warnings"), ...plan.warnings.map((w) => `- ${clean(w)}`));
  if (fileWritten) out.push("", `Import file written to ${clean(fileWritten)}: run \`pulumi import --file ${clean(fileWritten)}\`, then \`pulumi preview\`.`);
  return out.join("\n");
}

/** The Azure import's report: rules adopted under the component's names, rules left with why, rules `pulumi up` creates. */
export function renderAzureImport(plan: AzureImportPlan, fileWritten: string | undefined, format: Format): string {
  if (format === "json") {
    return JSON.stringify(
      {
        importFile: plan.file,
        ...(fileWritten ? { writtenTo: fileWritten } : {}),
        adopt: plan.file.resources.filter((r) => r.id),
        notAdopted: plan.notAdopted.map(({ rule, reason }) => ({ id: rule.id, name: rule.name, priority: rule.priority, reason })),
        add: plan.add,
        warnings: plan.warnings,
      },
      null,
      2,
    );
  }
  const adopted = plan.file.resources.filter((r) => r.id);
  const out = [
    heading(format, 1, `Import into the NSG: ${adopted.length} resources adopted, ${plan.notAdopted.length} rules not adopted, ${plan.add.length} rules \`pulumi up\` adds`),
    "",
    table(format, ["TYPE", "NAME", "ID"], adopted.map((r) => [r.type, r.name, r.id as string])),
  ];
  if (plan.notAdopted.length) out.push("", heading(format, 2, "Not adopted"), table(format, ["RULE", "PRIORITY", "WHY"], plan.notAdopted.map(({ rule, reason }) => [rule.name, String(rule.priority), reason])));
  if (plan.add.length) out.push("", heading(format, 2, "Created by `pulumi up`"), table(format, ["NAME", "AZURE NAME", "KEY"], plan.add.map((a) => [a.name, a.azureName, a.key ?? "(closing rule)"])));
  if (plan.warnings.length) out.push("", heading(format, 2, "Warnings"), ...plan.warnings.map((w) => `- ${clean(w)}`));
  if (fileWritten) out.push("", `Import file written to ${clean(fileWritten)}: run \`pulumi import --file ${clean(fileWritten)}\`, then \`pulumi preview\`.`);
  return out.join("\n");
}
