import { parseJson } from "../catalog/json.js";
import { oneOf, PortcatalogError } from "../catalog/errors.js";
import { auditGroups, type Drift, type DriftSelection, drift, planSelection } from "../audit/audit.js";
import type { AuditInput } from "../audit/model.js";
import { auditRoles, type RoleFinding } from "../audit/roles.js";
import { combineExports, parseExport, readExportText } from "../audit/parse.js";
import { auditKubernetes, kubernetesFile, kubernetesInput, labelledRoles, looksLikeKubernetes, parseRoleMap, type RoleOptions } from "../audit/kubernetes.js";
import { renderKubernetesAudit, renderKubernetesRoles } from "../audit/render-kubernetes.js";
import { duplicateJsonKey } from "../catalog/json.js";
import { type Format, renderAudit } from "../audit/render.js";
import type { Sources } from "../planner/index.js";
import { sameId } from "../planner/ids.js";
import { parseArgs } from "./args.js";

/** Options both `audit` and `import` take: the selection the components take, and the output format. */
export const SELECTION_OPTIONS = {
  products: { type: "string" },
  release: { type: "string" },
  sources: { type: "string" },
  features: { type: "string" },
  "all-features": { type: "boolean", default: false },
  "allow-all-egress": { type: "boolean", default: false },
  group: { type: "string" },
  json: { type: "boolean", default: false },
  markdown: { type: "boolean", default: false },
} as const;

const list = (v: string | undefined) => (v === undefined ? undefined : v.split(",").map((s) => s.trim()).filter(Boolean));

export function formatOf(values: { json?: boolean; markdown?: boolean }): Format {
  if (values.json && values.markdown) throw new PortcatalogError("--json and --markdown: choose one");
  return values.json ? "json" : values.markdown ? "markdown" : "table";
}

const PEER_SET_KEYS = ["cidrIpv4", "cidrIpv6", "securityGroups", "prefixLists", "self"];

/** `--sources` as the components take it: `{"admin": {"cidrIpv4": ["10.0.0.0/24"]}}`; the planner checks the values. */
export function parseSources(text: string | undefined): Sources<string> | undefined {
  if (text === undefined) return undefined;
  let v: unknown;
  try {
    v = parseJson(text);
  } catch (err) {
    throw new PortcatalogError(`--sources: not valid JSON (${(err as Error).message}); e.g. {"admin": {"cidrIpv4": ["10.0.0.0/24"]}}`);
  }
  if (typeof v !== "object" || v === null || Array.isArray(v)) throw new PortcatalogError(`--sources: expected an object of audiences, got ${JSON.stringify(v)}`);
  for (const [audience, set] of Object.entries(v)) {
    if (!["public", "admin", "internal"].includes(audience)) throw new PortcatalogError(`--sources: unknown audience "${audience}": use ${oneOf(["public", "admin", "internal"])}`);
    if (typeof set !== "object" || set === null || Array.isArray(set)) throw new PortcatalogError(`--sources.${audience}: expected a peer set object, got ${JSON.stringify(set)}`);
    for (const [k, value] of Object.entries(set)) {
      if (!PEER_SET_KEYS.includes(k)) throw new PortcatalogError(`--sources.${audience}: unknown field "${k}": use ${oneOf(PEER_SET_KEYS)}`);
      if (k === "self" ? typeof value !== "boolean" : !Array.isArray(value)) throw new PortcatalogError(`--sources.${audience}.${k}: expected ${k === "self" ? "true or false" : "a list"}, got ${JSON.stringify(value)}`);
      if (k === "securityGroups" || k === "prefixLists") {
        for (const [i, ref] of (value as unknown[]).entries()) {
          if (typeof ref !== "object" || ref === null || typeof (ref as { id?: unknown }).id !== "string") throw new PortcatalogError(`--sources.${audience}.${k}[${i}]: expected { "id": "…" }, got ${JSON.stringify(ref)}`);
        }
      }
    }
  }
  return v as Sources<string>;
}

export function selectionOf(values: Record<string, string | boolean | undefined>): DriftSelection | undefined {
  const products = list(values.products as string | undefined);
  const sources = parseSources(values.sources as string | undefined);
  if (!products) {
    for (const o of ["release", "sources", "features"]) if (values[o] !== undefined) throw new PortcatalogError(`--${o} needs --products: name the catalog/variant products to compare against`);
    return undefined;
  }
  return {
    products,
    release: values.release as string | undefined,
    sources,
    features: list(values.features as string | undefined),
    allFeatures: values["all-features"] === true,
    allowAllEgress: values["allow-all-egress"] === true,
  };
}

const NO_INPUT = "no input: give the JSON that `aws ec2 describe-security-group-rules --output json`, `openstack security group rule list --long -f json`, `az network nsg show -o json` or `kubectl get networkpolicy -A -o json` printed";

/** Reads the export files; `--group` names the group of an `openstack security group rule list <group>` export. */
export function readInput(files: string[], group: string | undefined): AuditInput {
  if (!files.length) throw new PortcatalogError(NO_INPUT);
  return combineExports(files.map((f) => parseExport(f, readExportText(f), { group })));
}

/** A file's JSON when it is kubectl's (an object with apiVersion and kind), else undefined (the cloud readers judge it). */
function kubernetesDoc(file: string, text: string): Record<string, unknown> | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    return undefined;
  }
  if (!looksLikeKubernetes(doc)) return undefined;
  const twice = duplicateJsonKey(text);
  if (twice) throw new PortcatalogError(`${file}: ${twice.at === "the top level" ? "" : `${twice.at}: `}key ${JSON.stringify(twice.key)} is given twice; kubectl never prints that, so the file was edited: give each key once`);
  return doc as Record<string, unknown>;
}

/** `audit` of kubectl's JSON: NetworkPolicies, with pods and namespaces where given. */
function runKubernetesAudit(values: Record<string, string | boolean | undefined>, docs: { file: string; doc: Record<string, unknown> }[]): { output: string; findings: boolean } {
  const format = formatOf(values);
  for (const o of ["sources", "features", "group"]) if (values[o] !== undefined) throw new PortcatalogError(`--${o}: not for a Kubernetes audit (it judges exposure and role flows; plan the components to compare)`);
  const products = list(values.products as string | undefined);
  if (!products && values.release !== undefined) throw new PortcatalogError("--release needs --products: name the catalog/variant products to compare against");
  const input = kubernetesInput(docs.map(({ file, doc }) => kubernetesFile(file, doc)));
  let roles: RoleOptions | undefined;
  const labelled = labelledRoles(input);
  if (values["role-groups"] !== undefined || (products?.length === 1 && Object.keys(labelled).length)) {
    if (products?.length !== 1) throw new PortcatalogError("--role-groups needs --products with exactly one product: the flows are the product's");
    let mapped: Record<string, unknown> = {};
    if (values["role-groups"] !== undefined) {
      try {
        mapped = parseJson(values["role-groups"] as string) as Record<string, unknown>;
      } catch (err) {
        throw new PortcatalogError(`--role-groups: not valid JSON (${(err as Error).message})`);
      }
      if (typeof mapped !== "object" || mapped === null || Array.isArray(mapped)) throw new PortcatalogError(`--role-groups: expected a JSON object of role to "namespace/policy" or {"namespace": …, "matchLabels": {…}}, got ${JSON.stringify(mapped)}`);
    }
    roles = { product: products[0], ...(values.release !== undefined ? { release: values.release as string } : {}), roles: { ...labelled, ...parseRoleMap(input, mapped) } };
  }
  const report = auditKubernetes(input, { products, release: values.release as string | undefined, roles });
  const rendered = renderKubernetesAudit(report, format);
  const output = !roles || format === "json" ? rendered : `${rendered.replace(/\n*$/, "\n")}\n${renderKubernetesRoles(report, format)}`;
  return { output, findings: report.findings > 0 };
}

/** `portcatalog audit <export.json>... [selection] [--json|--markdown]`: what is exposed and what drifted. */
export function runAudit(argv: string[]): { output: string; findings: boolean } {
  const { values, positionals } = parseArgs({ args: argv, options: { ...SELECTION_OPTIONS, "role-groups": { type: "string" } }, allowPositionals: true });
  if (!positionals.length) throw new PortcatalogError(NO_INPUT);
  const texts = positionals.map((file) => ({ file, text: readExportText(file) }));
  const docs = texts.map(({ file, text }) => ({ file, doc: kubernetesDoc(file, text) }));
  const k8s = docs.filter((d) => d.doc);
  if (k8s.length) {
    const other = docs.find((d) => !d.doc);
    if (other) throw new PortcatalogError(`${other.file}: not kubectl's JSON, but ${k8s[0].file} is Kubernetes: audit one cloud at a time`);
    return runKubernetesAudit(values, k8s as { file: string; doc: Record<string, unknown> }[]);
  }
  const format = formatOf(values);
  const selection = selectionOf(values);
  const input = combineExports(texts.map(({ file, text }) => parseExport(file, text, { group: values.group })));
  const roleFindings = values["role-groups"] === undefined ? undefined : judgeRoles(input, selection, values["role-groups"]);
  const report = auditGroups(input, { products: selection?.products, release: selection?.release });
  const drifts: Drift[] = [];
  if (selection) {
    const planned = planSelection(input.cloud, selection);
    const groups = values.group ? input.groups.filter((g) => sameId(g.id, values.group as string)) : input.groups;
    if (!groups.length) throw new PortcatalogError(`--group ${values.group}: no such group in the input: use ${oneOf(input.groups.map((g) => g.id))}`);
    for (const g of groups) drifts.push(drift(g, planned));
  }
  const against = selection ? selection.products.join(" + ") : "";
  const changes = drifts.some((d) => d.add.length || d.remove.length);
  const rendered = renderAudit(report, drifts, against, format);
  if (!roleFindings) return { output: rendered, findings: report.findings > 0 || changes };
  return { output: withRoleFindings(rendered, roleFindings, format), findings: report.findings > 0 || changes || roleFindings.length > 0 };
}

/** `--role-groups '{"compute":"<group id>",…}'`: which group holds which role of the one product named. */
function judgeRoles(input: AuditInput, selection: DriftSelection | undefined, text: string): RoleFinding[] {
  if (!selection || selection.products.length !== 1) throw new PortcatalogError("--role-groups needs --products with exactly one product: the flows are the product's");
  let map: unknown;
  try {
    map = parseJson(text);
  } catch (err) {
    throw new PortcatalogError(`--role-groups: not valid JSON (${(err as Error).message})`);
  }
  if (typeof map !== "object" || map === null || Array.isArray(map) || Object.values(map).some((v) => typeof v !== "string" || !v)) {
    throw new PortcatalogError(`--role-groups: expected a JSON object of role to group id, e.g. {"compute":"<group id>"}, got ${JSON.stringify(map)}`);
  }
  return auditRoles(input, { product: selection.products[0], release: selection.release, roleGroups: map as Record<string, string> });
}

/** The audit's output with the role findings: a JSON field, or a section of the table or Markdown. */
function withRoleFindings(rendered: string, findings: RoleFinding[], format: Format): string {
  if (format === "json") return `${JSON.stringify({ ...(JSON.parse(rendered) as object), roleFindings: findings.map(({ rule: _rule, ...f }) => f) }, null, 2)}\n`;
  const lines = findings.length ? findings.map((f) => `${format === "markdown" ? "-" : "  -"} ${f.message}`) : [`${format === "markdown" ? "" : "  "}none: every rule between role groups serves a flow`];
  return `${rendered.replace(/\n*$/, "\n")}\n${format === "markdown" ? "## Roles\n\n" : "Roles (rules that let in a role no flow needs):\n"}${lines.join("\n")}\n`;
}

/** `portcatalog audit`: exit 2 when there are findings or drift. */
export function auditCommand(argv: string[]): { output: string; exitCode: number } {
  const { output, findings } = runAudit(argv);
  return { output, exitCode: findings ? 2 : 0 };
}
