import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { PortcatalogError } from "../catalog/errors.js";
import type { ComponentClass } from "./base.js";
import { list, optional, parseWith, peerSetSchema, record, showValue, strictObject, wholeNumber } from "../planner/validate.js";
import { lazy } from "../catalog/lazy.js";

// The one validation layer at the component boundary, run before `super()` so a bad argument
// registers nothing. Fields that shape the plan must be plain values; fields that are Pulumi Inputs
// by design (ids, the VPC, tags, region) stay Inputs, but a plain one must not be empty.

/** An Input by design: a non-empty string, or an Output/promise passed through untouched. */
/** @internal */
export const inputString = lazy(() => z.custom<pulumi.Input<string>>(
  (v) => (typeof v === "string" && v.length > 0) || pulumi.Output.isInstance(v) || v instanceof Promise,
  { error: (iss) => (iss.input === "" ? "must not be empty" : `expected a string or a Pulumi Output, got ${showValue(iss.input)}`) },
));

/** AWS tag values may be empty. */
const tagValue = lazy(() => z.custom<pulumi.Input<string>>((v) => typeof v === "string" || pulumi.Output.isInstance(v) || v instanceof Promise, {
  error: (iss) => `expected a string or a Pulumi Output, got ${showValue(iss.input)}`,
}));

const release = lazy(() => optional(z.string().min(1).max(50)));

const productSelection = lazy(() => strictObject({
  product: z.string().min(1).max(200),
  release,
  roles: optional(list(z.string().min(1).max(100))),
  portOffset: optional(wholeNumber(0, 65534)),
  analyticsPortOffset: optional(wholeNumber(0, 65534)),
}));

const peerSet = lazy(() => peerSetSchema(inputString));

/** Fields every component plans from (see `RuleSelectionArgs`). */
const selectionFields = lazy(() => ({
  sources: optional(strictObject({ public: optional(peerSet), admin: optional(peerSet), internal: optional(peerSet) })),
  features: optional(list(z.string().min(1).max(100))),
  allFeatures: optional(z.boolean()),
  destinations: optional(record(z.string().min(1).max(100), peerSet)),
  catalogFiles: optional(list(z.string().min(1).max(4096)).max(100)),
  role: optional(z.string().min(1).max(100)),
  roleGroups: optional(record(z.string().min(1).max(100), inputString)),
}));

const products = lazy(() => list(productSelection).min(1));

/** AWS allows 60 rules per direction and family by default; its quota can be raised to 1,000. */
const awsGroupFields = lazy(() => ({
  ...selectionFields,
  vpcId: inputString,
  description: optional(z.string()),
  tags: optional(record(z.string().min(1).max(128), tagValue)),
  rulesPerGroup: optional(wholeNumber(1, 1000)),
  allowAllEgress: optional(z.boolean()),
}));

const openstackPlacementFields = lazy(() => ({
  ...selectionFields,
  region: optional(inputString),
  tenantId: optional(inputString),
  projectRuleQuota: optional(wholeNumber(1, 1_000_000)),
  rulesInProject: optional(wholeNumber(0, 1_000_000)),
}));

const openstackGroupFields = lazy(() => ({
  ...openstackPlacementFields,
  description: optional(z.string()),
  deleteDefaultRules: optional(z.boolean()),
  tags: optional(list(z.string().min(1).max(255))),
  maxRulesPerGroup: optional(wholeNumber(1, 1_000_000)),
}));

const wso2Products = lazy(() => list(strictObject({ product: z.string().min(1).max(200), release, portOffset: optional(wholeNumber(0, 65534)) })).min(1));
/** Optional OpenStack services are switched on by name, as features are. */
const services = lazy(() => optional(list(z.string().min(1).max(100))));
const roles = lazy(() => optional(list(z.string().min(1).max(100))));
/** A deployment's roles: at least one, each a role name. */
const deploymentRoleList = lazy(() => list(z.string().min(1).max(100)).min(1));

const azurePriorities = lazy(() => record(z.string().min(1).max(80), wholeNumber(100, 4094)));
/** Azure: priorities are 100-4094 (4095 and 4096 close the virtual network); tags are checked by checkTags. */
const azurePlacementFields = lazy(() => ({
  ...selectionFields,
  resourceGroupName: inputString,
  priorities: optional(azurePriorities),
  keepVirtualNetworkDefault: optional(z.boolean()),
}));
// Tag names are checked against Azure's limits by checkTags, which names the limit.
const azureGroupFields = lazy(() => ({ ...azurePlacementFields, location: optional(inputString), tags: optional(record(z.string().min(1), tagValue)) }));

const labelMap = lazy(() => record(z.string().max(1000), z.string().max(1000)));
const podsArgs = lazy(() => optional(strictObject({ namespace: z.string().max(1000), podLabels: labelMap })));
/** Kubernetes: names, labels and CIDRs are checked as the API server checks them by components/kubernetes/names.ts, which names the rule. */
const kubernetesFields = lazy(() => ({
  ...selectionFields,
  namespace: z.string().max(1000),
  labels: optional(labelMap),
  restrictEgress: optional(z.boolean()),
  clusterDns: podsArgs,
  ingressController: podsArgs,
  roleNamespaces: optional(record(z.string().min(1).max(100), z.string().max(1000))),
  hostNetworkRoles: optional(list(z.string().min(1).max(100))),
  nodeCidrs: optional(list(z.string().min(1).max(50))),
  ipBlockExcept: optional(record(z.string().min(1).max(50), list(z.string().min(1).max(50)))),
  podSelectors: optional(record(z.string().min(1).max(100), labelMap)),
}));

/** The argument schema of every component, by class name. */
/** @internal */
export const ARG_SCHEMAS: Record<ComponentClass, z.ZodType> = {
  CatalogSecurityGroup: lazy(() => strictObject({ ...awsGroupFields, products })),
  CatalogDeploymentSecurityGroups: lazy(() => strictObject({ ...awsGroupFields, products, roles: deploymentRoleList })),
  AnboxApplianceSecurityGroup: lazy(() => strictObject({ ...awsGroupFields, release })),
  AnboxCloudSecurityGroup: lazy(() => strictObject({ ...awsGroupFields, roles, release })),
  Wso2SecurityGroup: lazy(() => strictObject({ ...awsGroupFields, products: wso2Products, analyticsPortOffset: optional(wholeNumber(0, 65534)) })),
  OpenStackControllerSecurityGroup: lazy(() => strictObject({ ...awsGroupFields, release, services })),
  OpenStackComputeSecurityGroup: lazy(() => strictObject({ ...awsGroupFields, release, services })),
  OpenStackNetworkSecurityGroup: lazy(() => strictObject({ ...awsGroupFields, release, services })),
  OpenStackStorageSecurityGroup: lazy(() => strictObject({ ...awsGroupFields, release, services })),
  CatalogSecurityGroupRules: lazy(() => strictObject({
    ...selectionFields,
    securityGroupId: inputString,
    products,
    rulesPerGroup: optional(wholeNumber(1, 1000)),
    existingRules: optional(wholeNumber(0, 1000)),
  })),
  CatalogSecGroup: lazy(() => strictObject({ ...openstackGroupFields, products })),
  CatalogDeploymentSecGroups: lazy(() => strictObject({ ...openstackGroupFields, products, roles: deploymentRoleList })),
  AnboxApplianceSecGroup: lazy(() => strictObject({ ...openstackGroupFields, release })),
  AnboxCloudSecGroup: lazy(() => strictObject({ ...openstackGroupFields, roles, release })),
  Wso2SecGroup: lazy(() => strictObject({ ...openstackGroupFields, products: wso2Products, analyticsPortOffset: optional(wholeNumber(0, 65534)) })),
  CatalogSecGroupRules: lazy(() => strictObject({ ...openstackPlacementFields, securityGroupId: inputString, products })),
  OpenStackControllerRules: lazy(() => strictObject({ ...openstackPlacementFields, securityGroupId: inputString, release, services })),
  OpenStackComputeRules: lazy(() => strictObject({ ...openstackPlacementFields, securityGroupId: inputString, release, services })),
  OpenStackNetworkRules: lazy(() => strictObject({ ...openstackPlacementFields, securityGroupId: inputString, release, services })),
  OpenStackStorageRules: lazy(() => strictObject({ ...openstackPlacementFields, securityGroupId: inputString, release, services })),
  CatalogNetworkSecurityGroup: lazy(() => strictObject({ ...azureGroupFields, products })),
  AnboxApplianceNetworkSecurityGroup: lazy(() => strictObject({ ...azureGroupFields, release })),
  AnboxCloudNetworkSecurityGroup: lazy(() => strictObject({ ...azureGroupFields, roles, release })),
  Wso2NetworkSecurityGroup: lazy(() => strictObject({ ...azureGroupFields, products: wso2Products, analyticsPortOffset: optional(wholeNumber(0, 65534)) })),
  // Pins are per role: each role's NSG has its own rules and priorities.
  CatalogDeploymentNetworkSecurityGroups: lazy(() => strictObject({ ...azureGroupFields, priorities: optional(record(z.string().min(1).max(100), azurePriorities)), products, roles: deploymentRoleList })),
  CatalogDeploymentNetworkPolicies: lazy(() => strictObject({ ...kubernetesFields, products, roles: deploymentRoleList, podSelectors: record(z.string().min(1).max(100), labelMap) })),
  Wso2NetworkPolicies: lazy(() => strictObject({ ...kubernetesFields, products: wso2Products, analyticsPortOffset: optional(wholeNumber(0, 65534)), roles: optional(deploymentRoleList), helmReleases: optional(record(z.string().min(1).max(100), z.string().min(1).max(53))) })),
  OpenStackHelmNetworkPolicies: lazy(() => strictObject({ ...kubernetesFields, release, services, roles: optional(deploymentRoleList) })),
  CatalogNetworkSecurityRules: lazy(() => strictObject({
    ...azurePlacementFields,
    networkSecurityGroupName: inputString,
    applicationSecurityGroupId: optional(inputString),
    products,
    usedPriorities: optional(list(wholeNumber(100, 4096)).max(1000)),
  })),
};


/**
 * Checks a component's name and arguments and returns a clean copy (nulls as unset); any problem is
 * a {@link PortcatalogError} naming the component, the field, the value and what is valid.
 */
/** @internal */
export function checkArgs(type: ComponentClass, name: unknown, args: unknown): unknown {
  if (typeof name !== "string" || !name) throw new PortcatalogError(`${type}: the resource name must be a non-empty string, got ${showValue(name)}`);
  try {
    return parseWith(ARG_SCHEMAS[type] as z.ZodType, args, "args");
  } catch (err) {
    throw err instanceof PortcatalogError ? new PortcatalogError(`${type} "${name}": ${err.message}`) : err;
  }
}

/** AWS's character set for group and rule descriptions (EC2 API reference, `GroupDescription`). */
const AWS_DESCRIPTION = /^[a-zA-Z0-9. _\-:/()#,@[\]+=&;{}!$*]*$/;

/** A user-given description must fit the cloud as given: no silent cut, no replaced characters. */
/** @internal */
export function checkDescription(cloud: string, description: string | undefined): void {
  if (description === undefined) return;
  const length = [...description].length;
  if (!description.trim()) throw new PortcatalogError(`args.description: must not be empty or blank, got ${showValue(description)}`);
  if (length > 255) throw new PortcatalogError(`args.description: must have at most 255 characters, got ${length}`);
  if (cloud === "aws" && !AWS_DESCRIPTION.test(description)) {
    const bad = [...description].find((c) => !AWS_DESCRIPTION.test(c)) as string;
    throw new PortcatalogError(
      `args.description: ${showValue(bad)} (U+${(bad.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, "0")}) is not allowed in an AWS security group description: use a-z, A-Z, 0-9, spaces and ._-:/()#,@[]+=&;{}!$*`,
    );
  }
  // Neutron stores descriptions in a 255-character column and rejects control characters in JSON text poorly; keep them out.
  if (cloud === "openstack" && /[\u0000-\u001f\u007f-\u009f]/.test(description)) {
    throw new PortcatalogError(`args.description: control characters are not allowed, got ${showValue(description)}`);
  }
}

/**
 * Tag keys the library writes on the groups it creates (`portcatalog:role` on a deployment's): a user tag of the
 * same key would be overwritten, so one is refused on every cloud, whichever component it is given to.
 */
/** @internal */
export const LIBRARY_TAG_KEYS = ["portcatalog:component", "portcatalog:group", "portcatalog:role"] as const;

/** AWS: at most 50 tags per resource, keys of at most 127 characters not starting with `aws:`, values of at most 256
 * (EC2 API reference, `Tag` data type: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Tag.html;
 * tag restrictions: https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/Using_Tags.html#tag-restrictions). */
const AWS_TAGS = { perResource: 50, keyLength: 127, valueLength: 256 };
/** Neutron: a tag is a unique string of at most 255 characters (neutron/extensions/tagging.py, `MAX_TAG_LEN`,
 * `validate_list_of_unique_strings`); a name at most 255 (neutron-lib `db/constants.py`, `NAME_FIELD_SIZE`). */
const NEUTRON_TAG_LENGTH = 255;
/**
 * Azure tags (https://learn.microsoft.com/azure/azure-resource-manager/management/tag-resources#limitations): at most
 * 50 tag name/value pairs per resource, names of at most 512 characters without `<`, `>`, `%`, `&`, `\`, `?`, `/`,
 * values of at most 256; tag names are case-insensitive (so two keys differing in case are one tag, and a user's
 * `Portcatalog:Component` would be overwritten by the library's). Names starting `microsoft`, `azure` or `windows`
 * are reserved for Azure's use (Tags - Create Or Update, https://learn.microsoft.com/rest/api/resources/tags/create-or-update).
 */
const AZURE_TAGS = { perResource: 50, keyLength: 512, valueLength: 256, reserved: ["microsoft", "azure", "windows"], forbidden: /[<>%&\\?/]/ };
/**
 * Azure names (https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules, Microsoft.Network):
 * networkSecurityGroups and applicationSecurityGroups 1-80 alphanumerics, underscores, periods and hyphens, starting
 * with an alphanumeric and ending with one or an underscore. azure-native auto-names a top-level resource
 * `<resource name><8 random hex characters>`, with no hyphen (pulumi/pulumi-azure-native#519, #3406).
 */
const AZURE_NAME = { length: 80, suffix: 8, chars: /^[A-Za-z0-9_.-]*$/, first: /^[A-Za-z0-9]/ };

/** Group names: AWS `CreateSecurityGroup` `GroupName` allows 255 characters of a-z, A-Z, 0-9, spaces and
 * ._-:/()#,@[]+=&;{}!$* in a VPC, not starting with `sg-`
 * (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSecurityGroup.html); Neutron 255. */
const GROUP_NAME_LENGTH = 255;
const AWS_GROUP_NAME = /^[a-zA-Z0-9 ._\-:/()#,@[\]+=&;{}!$*]*$/;
/** Pulumi auto-names a group `<resource name>-<7 random characters>`: the name grows by 8. */
const AUTONAME_SUFFIX = 8;

const plainObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === "object" && !Array.isArray(v) && !pulumi.Output.isInstance(v) && !(v instanceof Promise);

/**
 * Checks user tags against what the cloud accepts and what the library writes, on the raw arguments:
 * a `__proto__` key from JSON or YAML is an own key there, and would vanish from any copy.
 * Own keys only; values that are Outputs are checked by the cloud when they resolve.
 */
/** @internal */
export function checkTags(cloud: string, rawArgs: unknown): void {
  const tags = plainObject(rawArgs) && Object.hasOwn(rawArgs, "tags") ? rawArgs.tags : undefined;
  if (tags === undefined || tags === null) return;
  if (cloud === "aws" && plainObject(tags)) {
    const keys = Object.keys(tags);
    for (const key of keys) {
      const field = `args.tags[${JSON.stringify(key)}]`;
      if (key === "__proto__") throw new PortcatalogError(`${field}: the key "__proto__" cannot be carried through JavaScript objects without being lost; use another key`);
      if ((LIBRARY_TAG_KEYS as readonly string[]).includes(key)) throw new PortcatalogError(`${field}: portcatalog writes this key on the groups it creates (${LIBRARY_TAG_KEYS.join(", ")}); use another key`);
      if (key.toLowerCase().startsWith("aws:")) throw new PortcatalogError(`${field}: keys starting with "aws:" are reserved by AWS; use another key`);
      if ([...key].length > AWS_TAGS.keyLength) throw new PortcatalogError(`${field}: AWS tag keys have at most ${AWS_TAGS.keyLength} characters, got ${[...key].length}`);
      const value = tags[key];
      if (typeof value === "string" && [...value].length > AWS_TAGS.valueLength) throw new PortcatalogError(`${field}: AWS tag values have at most ${AWS_TAGS.valueLength} characters, got ${[...value].length}`);
    }
    const room = AWS_TAGS.perResource - LIBRARY_TAG_KEYS.length;
    if (keys.length > room) throw new PortcatalogError(`args.tags: ${keys.length} tags plus portcatalog's ${LIBRARY_TAG_KEYS.length} exceed AWS's ${AWS_TAGS.perResource} per resource; give at most ${room}`);
  }
  if (cloud === "azure" && plainObject(tags)) {
    const keys = Object.keys(tags);
    const seen = new Map<string, string>();
    for (const key of keys) {
      const field = `args.tags[${JSON.stringify(key)}]`;
      const lower = key.toLowerCase();
      if (key === "__proto__") throw new PortcatalogError(`${field}: the key "__proto__" cannot be carried through JavaScript objects without being lost; use another key`);
      if (LIBRARY_TAG_KEYS.some((k) => k === lower)) throw new PortcatalogError(`${field}: portcatalog writes this key on the groups it creates (${LIBRARY_TAG_KEYS.join(", ")}; Azure tag names ignore case); use another key`);
      const reserved = AZURE_TAGS.reserved.find((p) => lower.startsWith(p));
      if (reserved) throw new PortcatalogError(`${field}: Azure reserves tag names starting with "${reserved}" (and "${AZURE_TAGS.reserved.filter((p) => p !== reserved).join('", "')}"); use another key`);
      const bad = AZURE_TAGS.forbidden.exec(key)?.[0];
      if (bad) throw new PortcatalogError(`${field}: Azure tag names cannot contain ${JSON.stringify(bad)} (nor any of < > % & \\ ? /); use another key`);
      if ([...key].length > AZURE_TAGS.keyLength) throw new PortcatalogError(`${field}: Azure tag names have at most ${AZURE_TAGS.keyLength} characters, got ${[...key].length}`);
      const twin = seen.get(lower);
      if (twin !== undefined) throw new PortcatalogError(`${field}: the same tag as args.tags[${JSON.stringify(twin)}] (Azure tag names ignore case), so one would overwrite the other; give it once`);
      seen.set(lower, key);
      const value = tags[key];
      if (typeof value === "string" && [...value].length > AZURE_TAGS.valueLength) throw new PortcatalogError(`${field}: Azure tag values have at most ${AZURE_TAGS.valueLength} characters, got ${[...value].length}`);
    }
    const room = AZURE_TAGS.perResource - LIBRARY_TAG_KEYS.length;
    if (keys.length > room) throw new PortcatalogError(`args.tags: ${keys.length} tags plus portcatalog's ${LIBRARY_TAG_KEYS.length} exceed Azure's ${AZURE_TAGS.perResource} per resource; give at most ${room}`);
  }
  if (cloud === "openstack" && Array.isArray(tags)) {
    const seen = new Set<string>();
    tags.forEach((tag, i) => {
      if (typeof tag !== "string") return; // the schema names it
      const field = `args.tags[${i}]`;
      if (LIBRARY_TAG_KEYS.some((k) => tag.startsWith(`${k}=`))) throw new PortcatalogError(`${field}: ${JSON.stringify(tag)} is a tag portcatalog writes on the groups it creates (${LIBRARY_TAG_KEYS.map((k) => `${k}=…`).join(", ")}); use another tag`);
      if ([...tag].length > NEUTRON_TAG_LENGTH) throw new PortcatalogError(`${field}: Neutron tags have at most ${NEUTRON_TAG_LENGTH} characters, got ${[...tag].length}`);
      if (seen.has(tag)) throw new PortcatalogError(`${field}: ${JSON.stringify(tag)} is given twice; Neutron refuses a list of tags that are not unique`);
      seen.add(tag);
    });
  }
}

/**
 * Checks the names the groups will get: Pulumi auto-names each `<resource name>-<7 random characters>`,
 * the last spill-over group being `<name>-<groups>`; so the longest is checked against the cloud's limit.
 */
/** @internal */
export function checkGroupNames(cloud: string, name: string, groups: number): void {
  const longest = groups > 1 ? `${name}-${groups}` : name;
  const length = [...longest].length + AUTONAME_SUFFIX;
  if (length > GROUP_NAME_LENGTH) {
    throw new PortcatalogError(`the resource name ${showValue(name)} gives group names of ${length} characters with Pulumi's ${AUTONAME_SUFFIX}-character suffix${groups > 1 ? ` and "-${groups}"` : ""}; ${cloud === "aws" ? "AWS" : "Neutron"} allows ${GROUP_NAME_LENGTH}: shorten it`);
  }
  if (cloud === "aws") {
    if (name.toLowerCase().startsWith("sg-")) throw new PortcatalogError(`the resource name ${showValue(name)}: AWS group names cannot start with "sg-" (it is how group ids start); rename it`);
    if (!AWS_GROUP_NAME.test(name)) {
      const bad = [...name].find((c) => !AWS_GROUP_NAME.test(c)) as string;
      throw new PortcatalogError(`the resource name ${showValue(name)}: ${showValue(bad)} is not allowed in an AWS security group name in a VPC: use a-z, A-Z, 0-9, spaces and ._-:/()#,@[]+=&;{}!$*`);
    }
  }
}

/**
 * Checks the Azure names the groups will get before anything registers: the NSG `<name>` and its members' ASG
 * `<name>-members`, each with azure-native's 8-character suffix, against Azure's 80 characters and character set.
 */
/** @internal */
export function checkAzureNames(name: string): void {
  const shown = showValue(name);
  if (!AZURE_NAME.first.test(name)) throw new PortcatalogError(`the resource name ${shown}: Azure network and application security group names start with a letter or digit; rename it`);
  if (!AZURE_NAME.chars.test(name)) {
    const bad = [...name].find((c) => !AZURE_NAME.chars.test(c)) as string;
    throw new PortcatalogError(`the resource name ${shown}: ${showValue(bad)} is not allowed in an Azure network or application security group name: use letters, digits, "_", "." and "-"`);
  }
  const longest = `${name}-members`;
  const length = [...longest].length + AZURE_NAME.suffix;
  if (length > AZURE_NAME.length) throw new PortcatalogError(`the resource name ${shown} gives the members' application security group "${longest}" ${length} characters with azure-native's ${AZURE_NAME.suffix}-character suffix; Azure allows ${AZURE_NAME.length}: shorten the name to at most ${AZURE_NAME.length - AZURE_NAME.suffix - "-members".length} characters`);
}
