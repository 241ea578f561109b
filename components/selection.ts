import { sameId } from "../planner/ids.js";
import type * as pulumi from "@pulumi/pulumi";
import { checkArgs, checkDescription, checkTags } from "./args.js";
import type { ComponentClass } from "./base.js";
import { builtinCatalogFor } from "../catalog/builtin.js";
import { builtinCatalog, type Catalog, type CatalogEntry, loadCatalogFile, mergeCatalogs, PortcatalogError, selectProduct, useOneOf } from "../catalog/index.js";
import { showValue } from "../planner/validate.js";
import type { Cloud } from "./clouds.js";
import { type CloudProfile, type Plan, type PlannedRule, type PlanOptions, planRole, planRules, rolesOf, type Selection, type Sources } from "../planner/index.js";

/** A security group named as a peer. */
export interface SecurityGroupPeerArgs {
  /** The group's id. */
  id: pulumi.Input<string>;
  /** Stable name used in rule keys and child names. Required when `id` is an output; defaults to `id` when it is a plain string. */
  name?: string;
}

/** An AWS managed prefix list named as a peer. */
export interface PrefixListPeerArgs {
  /** The prefix list's id. */
  id: pulumi.Input<string>;
  /** Stable name used in rule keys and child names. Required when `id` is an output. */
  name?: string;
  /** The prefix list's max entries: AWS counts that many rules for each reference. */
  maxEntries: number;
}

/** A CIDR that is a Pulumi Input (a VPC's `cidrBlock`): its name stands for it in rule keys and child names. */
export interface NamedCidrArgs {
  /** The CIDR, network address only; an output is checked when it resolves. */
  cidr: pulumi.Input<string>;
  /** Stable name used in rule keys and child names, e.g. `vpc`. */
  name: string;
}

/** Who may reach (or, for egress, be reached by) the ports of one audience. */
export interface PeerSetArgs {
  /** IPv4 CIDRs, network addresses only (e.g. `10.0.0.0/16`). */
  cidrIpv4?: string[];
  /** IPv6 CIDRs, network addresses only (e.g. `2001:db8::/32`). */
  cidrIpv6?: string[];
  /** Security groups whose members may connect. */
  securityGroups?: SecurityGroupPeerArgs[];
  /** AWS managed prefix lists (AWS only). */
  prefixLists?: PrefixListPeerArgs[];
  /** IPv4 CIDRs known only when the cloud is (e.g. a VPC's `cidrBlock`), each with a name for its rules' keys; checked when they resolve. */
  namedCidrIpv4?: NamedCidrArgs[];
  /** IPv6 CIDRs known only when the cloud is, each with a name for its rules' keys; checked when they resolve. */
  namedCidrIpv6?: NamedCidrArgs[];
  /** The group the rules belong to: its own members. */
  self?: boolean;
}

/** Peer sets per audience. Unset audiences get safe defaults: public from anywhere, internal from the group itself, admin closed. */
export interface SourcesArgs {
  /** Clients from anywhere (default `0.0.0.0/0` and `::/0`). */
  public?: PeerSetArgs;
  /** Operators: management consoles, admin endpoints, JMX. Closed until given. */
  admin?: PeerSetArgs;
  /** The deployment's own nodes (default: the group itself). */
  internal?: PeerSetArgs;
}

/** One product of the catalog to open, optionally narrowed to the machines of some roles. */
export interface ProductSelectionArgs {
  /** `catalog/variant`, e.g. `anbox-cloud/appliance`, `openstack/cloud`, `wso2/api-manager` (`openstack/kilo` still means `openstack/cloud` at release `kilo`). */
  product: string;
  /** The product's release, e.g. `2025.2`, `1.30`, `4.5`. Default: the newest the catalog has; pin it, as you pin a provider version, so a new catalog never changes your rules silently. */
  release?: string;
  /** Only the entries of these roles (e.g. `controller`); entries without roles apply to every machine and stay. */
  roles?: string[];
  /**
   * WSO2 only: the server's port offset (carbon.xml `Offset`, deployment.toml `[server] offset`).
   * Unset: the product's shipped ports (offset 0; Micro Integrator 4.x ships 10, so 8290). Set, it
   * replaces the shipped offset: Micro Integrator at 3 opens 8283, at 0 its base 8280.
   */
  portOffset?: number;
  /** WSO2 only: the API Manager Analytics server's port offset, for ports that follow it. Default 1. */
  analyticsPortOffset?: number;
}

/** What every portcatalog component plans from: the rule-shaping arguments shared by both clouds. */
export interface RuleSelectionArgs {
  /** Peer sets per audience; see {@link SourcesArgs} for the defaults. */
  sources?: SourcesArgs;
  /** Optional catalog entries to switch on, by feature name (e.g. `turn-relay`, `jmx`). */
  features?: string[];
  /** Switch on every optional entry. */
  allFeatures?: boolean;
  /** Egress destinations by name (e.g. `google-fcm`), replacing the destination the catalog records. */
  destinations?: { [name: string]: PeerSetArgs };
  /** Your own catalogs (YAML or JSON files, as `portcatalog catalog --file` reads them), whose products `products` may then name. Each is validated; none may add to a built-in catalog. */
  catalogFiles?: string[];
  /**
   * This group's role (e.g. `compute`): each port then opens only to the roles the catalog's flows say
   * connect to it (the group itself where its own role does). Ports whose flows are unknown keep their
   * audiences. Unset: audiences only, as before.
   */
  role?: string;
  /**
   * The groups of the other roles, by role (e.g. `{ controller: controllerGroup.id }`); needs `role`.
   * A role left out gets no rule: its flows are listed as not wired, never opened wider.
   */
  roleGroups?: { [role: string]: pulumi.Input<string> };
}

/** Product selections resolved against a catalog: the planner's selections and the optional features (services) their releases have before roles narrow them. */
export interface ResolvedSelections {
  selections: Selection[];
  releaseFeatures: Set<string>;
}

/**
 * Resolves product selections against the catalog; unknown products, releases or roles fail with the
 * valid choices. `named`: the selection was built from a named component's `release` and `roles`
 * (its product is fixed), so errors name those arguments rather than a `products` list the user never wrote.
 */
export function resolveSelections(products: readonly ProductSelectionArgs[], catalog: Catalog = builtinCatalog, named = false, userRoles = false): ResolvedSelections {
  if (!products.length) throw new PortcatalogError("args.products: needs at least 1 item: name a catalog/variant, e.g. anbox-cloud/appliance");
  const releaseFeatures = new Set<string>();
  const selections = products.map((p, i): Selection => {
    const chosen = beforeRegistering(named ? "args.release" : `args.products[${i}]`, undefined, () => selectProduct(catalog, { product: p.product, ...(p.release !== undefined ? { release: p.release } : {}) }));
    for (const e of chosen.entries) if (e.feature) releaseFeatures.add(e.feature);
    const label = chosen.release === undefined ? chosen.name : `${chosen.name}@${chosen.release}`;
    return {
      name: chosen.name,
      ...(chosen.release !== undefined ? { release: chosen.release } : {}),
      // A named component's fixed role (OpenStackNetworkRules: network) missing is its release's doing.
      entries: filterRoles((j) => (!named ? `args.products[${i}].roles[${j}]` : userRoles ? `args.roles[${j}]` : "args.release"), label, chosen.entries, p.roles),
      ...(p.roles ? { roles: rolesOf([{ name: chosen.name, entries: chosen.entries, ...(chosen.release !== undefined ? { release: chosen.release } : {}) }]) } : {}),
      offsets: { portOffset: p.portOffset, analyticsPortOffset: p.analyticsPortOffset },
    };
  });
  return { selections, releaseFeatures };
}

function filterRoles(field: (j: number) => string, product: string, entries: CatalogEntry[], roles: readonly string[] | undefined): CatalogEntry[] {
  if (!roles) return entries;
  const known = [...new Set(entries.flatMap((e) => e.roles ?? []))].sort();
  roles.forEach((role, j) => {
    if (!known.includes(role)) {
      throw new PortcatalogError(`${field(j)}: unknown role ${JSON.stringify(role)} for ${product}: ${known.length ? useOneOf(role, known) : "its entries have no roles"}`);
    }
  });
  return entries.filter((e) => !e.roles || e.roles.some((r) => roles.includes(r)));
}

/** The plan behind a component, with errors prefixed by the component so a stack with many says which one is wrong. */
export function planComponent(
  type: string,
  name: string,
  profile: CloudProfile,
  products: readonly ProductSelectionArgs[],
  args: RuleSelectionArgs,
  options: Pick<PlanOptions, "allowAllEgress"> = {},
): Plan<pulumi.Input<string>> {
  return beforeRegistering(type, name, () => {
    const catalog = catalogOf(args.catalogFiles, products);
    // A named component (OpenStackControllerRules, AnboxApplianceSecGroup …) takes `release`, not `products`.
    const named = !Array.isArray((args as { products?: unknown }).products);
    const { selections, releaseFeatures } = resolveSelections(products, catalog, named, Array.isArray((args as { roles?: unknown }).roles));
    const features = [...(args.features ?? []), ...servicesOn(releaseFeatures, selections, (args as { services?: string[] }).services ?? [])];
    const common = {
      ...options,
      cloud: profile,
      sources: args.sources as Sources<pulumi.Input<string>> | undefined,
      features,
      allFeatures: args.allFeatures,
      destinations: args.destinations as PlanOptions<pulumi.Input<string>>["destinations"],
      catalogNotes: catalog.notes,
    };
    if (args.role === undefined) {
      if (args.roleGroups !== undefined) throw new PortcatalogError("args.roleGroups: needs args.role, this group's own role");
      return prefixed(() => planRules<pulumi.Input<string>>(selections, common));
    }
    // Each role's group is named by its role, so its rules' keys say which role they let in.
    const roles = Object.fromEntries(Object.entries(args.roleGroups ?? {}).map(([role, id]) => [role, { securityGroups: [{ name: role, id }] }]));
    return prefixed(() => planRole<pulumi.Input<string>>(selections, { ...common, role: args.role as string, roles }));
  });
}

/** The planner names `role`/`roles.x`, `features[i]`, `destinations.x`; a component's fields are `args.role`/`args.roleGroups.x`, `args.features[i]`, `args.destinations.x`. */
function prefixed<T>(plan: () => T): T {
  try {
    return plan();
  } catch (err) {
    if (!(err instanceof PortcatalogError)) throw err;
    throw new PortcatalogError(err.message.replace(/^(role:|features\[\d+\]|destinations\.)/, "args.$1").replace(/^roles\.([a-z0-9-]+)(?:\.securityGroups\[0\])?/, "args.roleGroups.$1"));
  }
}

/**
 * The built-in catalog plus the user's catalog files, each validated as the CLI's `--file` is. Without
 * files, only the built-in catalogs the selected products come from are loaded.
 */
function catalogOf(files: readonly string[] | undefined, products: readonly ProductSelectionArgs[]): Catalog {
  if (!files?.length) return builtinCatalogFor(products.map((p) => p.product));
  return files.reduce((acc, file, i) => mergeCatalogs(acc, beforeRegistering(`args.catalogFiles[${i}]`, undefined, () => loadCatalogFile(file, acc))), builtinCatalog);
}

/**
 * Optional services are features named after the service. A cloud's service list is the same for
 * every role's component, so a service this role does not run is simply not opened here; one the
 * product's release does not know at all is an error.
 */
function servicesOn(known: ReadonlySet<string>, selections: readonly Selection[], services: readonly string[]): string[] {
  if (!services.length) return [];
  services.forEach((service, i) => {
    if (!known.has(service)) {
      const label = selections.map((s) => (s.release ? `${s.name}@${s.release}` : s.name)).join(", ");
      throw new PortcatalogError(`args.services[${i}]: unknown service ${JSON.stringify(service)} for ${label}: ${known.size ? useOneOf(service, [...known].sort()) : "it has no optional services"}`);
    }
  });
  const here = new Set(selections.flatMap((s) => s.entries.flatMap((e) => (e.feature ? [e.feature] : []))));
  return services.filter((s) => here.has(s));
}

/**
 * The start every component shares, all before it registers: check the arguments (a clean copy
 * comes back), read the products from them, check a user's description for the cloud, and plan
 * with the adapter's cloud profile.
 */
export function checkAndPlan<A extends RuleSelectionArgs & { description?: string }>(
  type: ComponentClass,
  name: string,
  profile: CloudProfile,
  rawArgs: A,
  productsOf: (args: A) => ProductSelectionArgs[],
  options: Pick<PlanOptions, "allowAllEgress"> | ((args: A) => Pick<PlanOptions, "allowAllEgress">) = {},
): { args: A; products: ProductSelectionArgs[]; plan: Plan<pulumi.Input<string>> } {
  const args = checkArgs(type, name, rawArgs) as A;
  const products = beforeRegistering(type, name, () => productsOf(args));
  beforeRegistering(type, name, () => checkDescription(profile.name, args.description));
  // The raw arguments: a copy has lost a `__proto__` key already.
  beforeRegistering(type, name, () => checkTags(profile.name, rawArgs));
  const plan = planComponent(type, name, profile, products, args, typeof options === "function" ? options(args) : options);
  return { args, products, plan };
}

/** Runs argument checks before the component registers, re-throwing user errors with the component (or field) named. */
export function beforeRegistering<T>(type: string, name: string | undefined, check: () => T): T {
  try {
    return check();
  } catch (err) {
    if (!(err instanceof PortcatalogError)) throw err;
    const prefix = name === undefined ? type : `${type} "${name}"`;
    throw err.message.startsWith(`${prefix}:`) ? err : new PortcatalogError(`${prefix}: ${err.message}`);
  }
}

/** What a component planned, for the offline plan, tests and users' own checks. */
export interface ComponentReport {
  /** The component's class, e.g. `AnboxApplianceSecurityGroup`. */
  component: string;
  name: string;
  cloud: Cloud;
  /** Logical names of the groups the rules go into; for rules-only components, the group is the one given. */
  groups: { name: string; rules: PlannedRule<pulumi.Input<string>>[]; usage: Record<string, number> }[];
  plan: Plan<pulumi.Input<string>>;
  /** The quota the rules were checked against: AWS per group, Neutron per project (with the default egress rules Neutron adds to new groups). */
  quota: { scope: "group" | "project"; limit: number; inUse: number; providerDefaults: number };
}

/**
 * A group's own id is `self`: named again as another role's group, that role's flows would open
 * these ports to this role's machines too (a group holds one role).
 */
export function checkOwnGroup(field: string, own: pulumi.Input<string> | undefined, roleGroups: RuleSelectionArgs["roleGroups"], kind: string): void {
  if (own === undefined) return;
  for (const [role, id] of Object.entries(roleGroups ?? {})) {
    // Two spellings of one id (case, a UUID's dashes) name one group (planner/ids.ts).
    if (id === own || (typeof id === "string" && typeof own === "string" && sameId(id, own))) throw new PortcatalogError(`args.roleGroups.${role}: ${showValue(id)} is args.${field}, this group's own machines: a group holds one role, so give role "${role}" its own ${kind}`);
  }
}
