import type { ComponentReport } from "../components/selection.js";
import { type NotNarrowed, type NotWired, roleMatrix, type WiredFlow } from "../planner/index.js";

/** What a plan shows of roles: the role-to-role matrix and the ports flows could not narrow or wire. */
export interface RolesView {
  /** `matrix[from][to]`: the ports role `from` may reach on role `to`. */
  matrix: Record<string, Record<string, string[]>>;
  notNarrowed: { component: string; entryId: string; ports: string; reason: string }[];
  notWired: { component: string; entryId: string; ports: string; from: string; reason: string }[];
}

type RoleLists = { wired?: WiredFlow[]; notNarrowed?: NotNarrowed[]; notWired?: NotWired[] };
const ports = (x: { protocol: string; fromPort: number; toPort: number }) => `${x.protocol}/${x.fromPort === x.toPort ? x.fromPort : `${x.fromPort}-${x.toPort}`}`;

/** The roles view of a run's reports; undefined when no component was given a role (plans stay as they were). */
export function rolesView(reports: readonly Pick<ComponentReport, "name" | "plan">[]): RolesView | undefined {
  const withRoles = reports.filter((r) => (r.plan as RoleLists).wired !== undefined);
  if (!withRoles.length) return undefined;
  return {
    matrix: roleMatrix(withRoles.map((r) => ({ wired: (r.plan as RoleLists).wired ?? [] }))),
    notNarrowed: withRoles.flatMap((r) => ((r.plan as RoleLists).notNarrowed ?? []).map((n) => ({ component: r.name, entryId: n.entryId, ports: ports(n), reason: n.reason }))),
    notWired: withRoles.flatMap((r) => ((r.plan as RoleLists).notWired ?? []).map((n) => ({ component: r.name, entryId: n.entryId, ports: ports(n), from: n.from, reason: n.reason }))),
  };
}

/** Rows: the connecting role; columns: the role listening; cells: its ports. */
export function matrixRows(view: RolesView): { header: string[]; rows: string[][] } {
  const to = [...new Set(Object.values(view.matrix).flatMap((row) => Object.keys(row)))].sort();
  return { header: ["from \\ to", ...to], rows: Object.entries(view.matrix).map(([from, row]) => [from, ...to.map((t) => (row[t] ?? []).join(", ") || "-")]) };
}

export function rolesText(view: RolesView): string[] {
  const { header, rows } = matrixRows(view);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `  ${cells.map((c, i) => c.padEnd(widths[i])).join("  ")}`.trimEnd();
  return [
    "Roles (who may reach which ports of whom; rows connect, columns listen):",
    line(header),
    ...rows.map(line),
    ...(view.notWired.length ? ["Not wired (no rule):", ...view.notWired.map((n) => `  - ${n.component}: ${n.entryId} ${n.ports} from ${n.from}: ${n.reason}`)] : []),
    ...(view.notNarrowed.length ? ["Not narrowed (opened by audience):", ...view.notNarrowed.map((n) => `  - ${n.component}: ${n.entryId} ${n.ports}: ${n.reason}`)] : []),
  ];
}
