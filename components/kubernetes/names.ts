import { PortcatalogError } from "../../catalog/errors.js";
import { cidrCovers, cidrRange } from "../../planner/peers.js";
import { showValue } from "../../planner/validate.js";

// What the API server refuses in a NetworkPolicy, checked before anything registers, with the
// API server's own limits (k8s.io/apimachinery pkg/util/validation/validation.go and
// pkg/apis/networking/validation/validation.go at kubernetes v1.34: IsDNS1123Label,
// IsDNS1123Subdomain, IsQualifiedName, IsValidLabelValue; ValidateNetworkPolicyPort; ValidateIPBlock).

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

/** A namespace's name: a DNS-1123 label (at most 63 characters). */
export function checkNamespace(field: string, value: unknown): string {
  if (typeof value !== "string" || value.length > 63 || !DNS1123_LABEL.test(value)) {
    throw new PortcatalogError(`${field}: ${showValue(value)} is not a namespace name: use at most 63 lowercase letters, digits and "-", starting and ending with a letter or digit`);
  }
  return value;
}

/** metadata.name of a NetworkPolicy: a DNS-1123 subdomain (at most 253 characters). */
export function checkObjectName(field: string, value: string): string {
  if (value.length > 253 || !DNS1123_SUBDOMAIN.test(value)) {
    throw new PortcatalogError(`${field}: ${showValue(value)} is not a Kubernetes object name: use at most 253 lowercase letters, digits, "-" and ".", starting and ending with a letter or digit`);
  }
  return value;
}

/** A label key: an optional DNS-subdomain prefix (at most 253) and "/", then a name of at most 63. */
export function checkLabelKey(field: string, key: string): void {
  const slash = key.lastIndexOf("/");
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  const bad =
    prefix !== undefined && (prefix.length === 0 || prefix.length > 253 || !DNS1123_SUBDOMAIN.test(prefix))
      ? `its prefix ${showValue(prefix)} must be a DNS subdomain of at most 253 lowercase characters`
      : name.length === 0 || name.length > 63 || !QUALIFIED_NAME.test(name)
        ? "its name must be at most 63 letters, digits, \"-\", \"_\" and \".\", starting and ending with a letter or digit"
        : undefined;
  if (bad) throw new PortcatalogError(`${field}: the label key ${showValue(key)} is not valid: ${bad}`);
}

/** A label value: empty, or at most 63 letters, digits, "-", "_" and ".", starting and ending with a letter or digit. */
export function checkLabelValue(field: string, value: unknown): void {
  if (typeof value !== "string" || value.length > 63 || (value !== "" && !QUALIFIED_NAME.test(value))) {
    throw new PortcatalogError(`${field}: ${showValue(value)} is not a label value: use at most 63 letters, digits, "-", "_" and ".", starting and ending with a letter or digit (or "")`);
  }
}

/** Every key and value of a label map (matchLabels, labels). */
export function checkLabels(field: string, labels: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(labels)) {
    checkLabelKey(`${field}[${JSON.stringify(key)}]`, key);
    checkLabelValue(`${field}[${JSON.stringify(key)}]`, value);
  }
}

/** A component name as a label value: lowercase, runs of other characters as "-", at most 63, trimmed to start and end with a letter or digit. */
export function labelValueOf(name: string): string {
  const cleaned = name.toLowerCase().replace(/[^a-z0-9._-]+/g, "-").slice(0, 63).replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, "");
  return cleaned || "unnamed";
}

/** A DNS-1123 subdomain from a component name and a role: lowercase, other characters as "-". */
export function objectNameOf(field: string, component: string, role: string): string {
  const base = component.toLowerCase().replace(/[^a-z0-9.-]+/g, "-").replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, "");
  return checkObjectName(field, `${base || "portcatalog"}-${role}`);
}

/**
 * An ipBlock's `except`: each a CIDR of the same family strictly inside `cidr` (the API server
 * refuses others: "must be a strict subset of `cidr`").
 */
export function checkExcept(field: string, cidr: string, except: readonly unknown[]): string[] {
  const outer = cidrRange(cidr);
  return except.map((e, i) => {
    const where = `${field}[${i}]`;
    if (typeof e !== "string") throw new PortcatalogError(`${where}: expected a CIDR string, got ${showValue(e)}`);
    let inner;
    try {
      inner = cidrRange(e);
    } catch (err) {
      throw new PortcatalogError(`${where}: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (inner.family !== outer.family) throw new PortcatalogError(`${where}: ${showValue(e)} is ${inner.family} but ${cidr} is ${outer.family}: an except must be of its CIDR's family`);
    if (!cidrCovers(cidr, e)) throw new PortcatalogError(`${where}: ${showValue(e)} is not a strict subset of ${cidr}: an except must lie inside its CIDR and be smaller`);
    return e;
  });
}

/** endPort only with a numeric port, and at least it (ValidateNetworkPolicyPort). */
export function checkPortRange(field: string, port: unknown, endPort: unknown): void {
  if (typeof port !== "number" || !Number.isInteger(port) || port < 1 || port > 65535) throw new PortcatalogError(`${field}.port: expected a port number 1-65535, got ${showValue(port)}`);
  if (endPort === undefined) return;
  if (typeof endPort !== "number" || !Number.isInteger(endPort) || endPort < port || endPort > 65535) throw new PortcatalogError(`${field}.endPort: expected a port number from port (${port}) to 65535, got ${showValue(endPort)}`);
}
