import { AWS_PROFILE } from "../components/clouds.js";
import * as pulumi from "@pulumi/pulumi";
import { expect } from "chai";
import { builtinCatalog, PortcatalogError, productEntries, validateCatalog } from "../catalog/index.js";
import {
  AnboxApplianceSecGroup,
  AnboxApplianceSecurityGroup,
  AnboxCloudSecurityGroup,
  CatalogSecGroup,
  CatalogDeploymentNetworkSecurityGroups,
  CatalogNetworkSecurityGroup,
  CatalogNetworkSecurityRules,
  CatalogSecGroupRules,
  CatalogSecurityGroup,
  CatalogSecurityGroupRules,
  OpenStackControllerRules,
  Wso2SecGroup,
  Wso2SecurityGroup,
} from "../components/index.js";
import { planRules, type Selection } from "../planner/index.js";
import { setupMocks } from "../testing/index.js";
import { ACME_ENTRY } from "./support/user-catalog.js";

// Hostile input, table-driven: every case must fail with a PortcatalogError that names the field,
// and must leave nothing registered (the component included).

type Args = Record<string, unknown>;
type Make = (name: string, args: Args) => unknown;

// biome-ignore lint/suspicious/noExplicitAny: the cases pass deliberately wrong types
const as = (ctor: new (name: string, args: any) => unknown): Make => (name, args) => new ctor(name, args);

/** One representative of every argument shape, each with arguments that are valid as given. */
const SHAPES: { cls: string; make: Make; valid: Args }[] = [
  { cls: "CatalogSecurityGroup", make: as(CatalogSecurityGroup), valid: { vpcId: "vpc-1", products: [{ product: "anbox-cloud/charmed" }] } },
  { cls: "CatalogSecurityGroupRules", make: as(CatalogSecurityGroupRules), valid: { securityGroupId: "sg-1", products: [{ product: "anbox-cloud/appliance" }] } },
  { cls: "CatalogSecGroup", make: as(CatalogSecGroup), valid: { products: [{ product: "anbox-cloud/charmed" }] } },
  { cls: "OpenStackControllerRules", make: as(OpenStackControllerRules), valid: { securityGroupId: "sg-ctl" } },
  { cls: "CatalogNetworkSecurityGroup", make: as(CatalogNetworkSecurityGroup), valid: { resourceGroupName: "rg-1", products: [{ product: "anbox-cloud/charmed" }] } },
  { cls: "CatalogNetworkSecurityRules", make: as(CatalogNetworkSecurityRules), valid: { resourceGroupName: "rg-1", networkSecurityGroupName: "nsg-1", applicationSecurityGroupId: "/asg/1", products: [{ product: "anbox-cloud/appliance" }] } },
];

const out = <T>(v: T) => pulumi.output(v);

/** Mutations of the fields every component plans from: [what, patch, the field the error must name]. */
const COMMON: [string, Args, RegExp][] = [
  ["features as a string", { features: "turn-relay" }, /args\.features: expected a list, got "turn-relay"/],
  ["features with null", { features: [null] }, /args\.features\[0\]: expected a string, got null/],
  ["features as an Output", { features: out(["turn-relay"]) }, /args\.features: got a Pulumi Output/],
  ["features with a number", { features: [5] }, /args\.features\[0\]: expected a string, got 5/],
  ["allFeatures as the string false", { allFeatures: "false" }, /args\.allFeatures: expected true or false, got "false"/],
  ["allFeatures as an Output", { allFeatures: out(false) }, /args\.allFeatures: got a Pulumi Output/],
  ["allFeatures as 0", { allFeatures: 0 }, /args\.allFeatures: expected true or false, got 0/],
  ["sources as a string", { sources: "10.0.0.0/8" }, /args\.sources: expected an object, got "10\.0\.0\.0\/8"/],
  ["sources as an Output", { sources: out({ admin: { cidrIpv4: ["10.0.0.0/8"] } }) }, /args\.sources: got a Pulumi Output/],
  ["sources as a list", { sources: [] }, /args\.sources: expected an object, got \[\]/],
  ["unknown audience", { sources: { operators: { cidrIpv4: ["10.0.0.0/8"] } } }, /args\.sources: unknown field "operators": use "public", "admin" or "internal"/],
  ["CIDRs as a string", { sources: { admin: { cidrIpv4: "10.0.0.0/8" } } }, /args\.sources\.admin\.cidrIpv4: expected a list/],
  ["CIDRs with null", { sources: { admin: { cidrIpv4: [null] } } }, /args\.sources\.admin\.cidrIpv4\[0\]: expected a string, got null/],
  ["a CIDR as an Output", { sources: { admin: { cidrIpv4: [out("10.0.0.0/8")] } } }, /args\.sources\.admin\.cidrIpv4\[0\]: got a Pulumi Output/],
  ["a CIDR as a number", { sources: { admin: { cidrIpv6: [42] } } }, /args\.sources\.admin\.cidrIpv6\[0\]: expected a string, got 42/],
  ["a garbage CIDR", { sources: { admin: { cidrIpv4: ["ten.0.0.0/8"] } } }, /sources\.admin\.cidrIpv4\[0\]: "ten\.0\.0\.0\/8" is not a valid IPv4 CIDR/],
  ["host bits set", { sources: { admin: { cidrIpv4: ["10.0.0.1/8"] } } }, /sources\.admin\.cidrIpv4\[0\]: "10\.0\.0\.1\/8" has host bits set/],
  ["IPv6 in the IPv4 list", { sources: { admin: { cidrIpv4: ["::/0"] } } }, /sources\.admin\.cidrIpv4\[0\]: "::\/0" is an IPv6 CIDR; put it in cidrIpv6/],
  ["self as the string false", { sources: { internal: { self: "false" } } }, /args\.sources\.internal\.self: expected true or false, got "false"/],
  ["self as an Output", { sources: { internal: { self: out(false) } } }, /args\.sources\.internal\.self: got a Pulumi Output/],
  ["an empty peer set", { sources: { public: {} } }, /sources\.public is empty/],
  ["security groups as one object", { sources: { admin: { securityGroups: { id: "sg-1" } } } }, /args\.sources\.admin\.securityGroups: expected a list/],
  ["a security group with an empty id", { sources: { admin: { securityGroups: [{ id: "" }] } } }, /args\.sources\.admin\.securityGroups\[0\]\.id: must not be empty/],
  ["a security group with a null id", { sources: { admin: { securityGroups: [{ id: null }] } } }, /args\.sources\.admin\.securityGroups\[0\]\.id: expected a string or a Pulumi Output, got null/],
  ["a security group with a numeric id", { sources: { admin: { securityGroups: [{ id: 7 }] } } }, /args\.sources\.admin\.securityGroups\[0\]\.id: expected a string or a Pulumi Output, got 7/],
  ["a security group name with a space", { sources: { admin: { securityGroups: [{ id: "sg-1", name: "ops team" }] } } }, /args\.sources\.admin\.securityGroups\[0\]\.name: must be letters, digits/],
  ["a misspelt peer field", { sources: { admin: { securityGroups: [{ id: "sg-1", nmae: "ops" }] } } }, /args\.sources\.admin\.securityGroups\[0\]: unknown field "nmae": use "id" or "name"/],
  ["an Output id without a name", { sources: { admin: { securityGroups: [{ id: out("sg-1") }] } } }, /sources\.admin\.securityGroups\[0\]: id is not a plain string .* give it a name/],
  [
    "one name for two groups across audiences",
    { sources: { internal: { securityGroups: [{ name: "peer", id: "sg-nodes" }] }, admin: { securityGroups: [{ name: "peer", id: "sg-ops" }] } } },
    /sources\.internal\.securityGroups\[0\]: name "peer" already names "sg-ops" at sources\.admin\.securityGroups\[0\], but here it names "sg-nodes"/,
  ],
  [
    "one name for two groups in one audience",
    { sources: { admin: { securityGroups: [{ name: "ops", id: "sg-a" }, { name: "ops", id: "sg-b" }] } } },
    /sources\.admin\.securityGroups\[1\]: name "ops" already names "sg-a"/,
  ],
  [
    "a name that equals another group's id",
    { sources: { admin: { securityGroups: [{ id: "sg-a" }] }, internal: { securityGroups: [{ name: "sg-a", id: "sg-b" }] } } },
    /sources\.internal\.securityGroups\[0\]: name "sg-a" already names "sg-a"/,
  ],
  [
    "one name for two Outputs",
    { sources: { admin: { securityGroups: [{ name: "x", id: out("sg-a") }] }, internal: { securityGroups: [{ name: "x", id: out("sg-b") }] } } },
    /sources\.internal\.securityGroups\[0\]: name "x" already names a Pulumi Output/,
  ],
  ["prefix list maxEntries as a string", { sources: { admin: { prefixLists: [{ id: "pl-1", maxEntries: "5" }] } } }, /args\.sources\.admin\.prefixLists\[0\]\.maxEntries: expected a number, got "5"/],
  ["prefix list maxEntries NaN", { sources: { admin: { prefixLists: [{ id: "pl-1", maxEntries: Number.NaN }] } } }, /args\.sources\.admin\.prefixLists\[0\]\.maxEntries: expected a number, got NaN/],
  ["prefix list maxEntries 0", { sources: { admin: { prefixLists: [{ id: "pl-1", maxEntries: 0 }] } } }, /args\.sources\.admin\.prefixLists\[0\]\.maxEntries: must be at least 1, got 0/],
  ["prefix list maxEntries fractional", { sources: { admin: { prefixLists: [{ id: "pl-1", maxEntries: 2.5 }] } } }, /args\.sources\.admin\.prefixLists\[0\]\.maxEntries: expected a whole number, got 2\.5/],
  ["destinations as a string", { destinations: "google-fcm" }, /args\.destinations: expected an object, got "google-fcm"/],
  ["a destination's CIDRs as a string", { destinations: { x: { cidrIpv4: "1.2.3.0/24" } } }, /args\.destinations\.x\.cidrIpv4: expected a list/],
  ["an unknown destination", { destinations: { apple: { cidrIpv4: ["17.0.0.0/8"] } } }, /unknown destination "apple"/],
  ["an unknown feature", { features: ["no-such-feature"] }, /unknown feature "no-such-feature"/],
  ["a misspelt field", { feature: ["turn-relay"] }, /args: unknown field "feature": use /],
  ["a field of another component", { maxRulesPerGroupp: 3 }, /args: unknown field "maxRulesPerGroupp"/],
];

/** Mutations of one kind of component: [what, patch, field]. */
const SPECIFIC: Record<string, [string, Args, RegExp][]> = {
  CatalogSecurityGroup: [
    ["vpcId empty", { vpcId: "" }, /args\.vpcId: must not be empty/],
    ["vpcId null", { vpcId: null }, /args\.vpcId: expected a string or a Pulumi Output, got null/],
    ["vpcId missing", { vpcId: undefined }, /args\.vpcId: expected a string or a Pulumi Output, got undefined/],
    ["vpcId a number", { vpcId: 5 }, /args\.vpcId: expected a string or a Pulumi Output, got 5/],
    ["description with an en dash", { description: "web – api" }, /args\.description: "–" \(U\+2013\) is not allowed in an AWS security group description/],
    ["description with an emoji", { description: "web 🔥" }, /args\.description: "🔥" \(U\+1F525\) is not allowed/],
    ["description too long", { description: "x".repeat(256) }, /args\.description: must have at most 255 characters, got 256/],
    ["description as an Output", { description: out("web") }, /args\.description: got a Pulumi Output/],
    ["description blank", { description: "  " }, /args\.description: must not be empty or blank/],
    ["tags as a list", { tags: ["a"] }, /args\.tags: expected an object/],
    ["a tag key the library writes (issue 17, class 3)", { tags: { "portcatalog:component": "mine" } }, /args\.tags\["portcatalog:component"\]: portcatalog writes this key on the groups it creates/],
    ["a __proto__ tag key from JSON (issue 17, class 3)", { tags: JSON.parse('{"__proto__": "x"}') }, /args\.tags\["__proto__"\]: the key "__proto__" cannot be carried/],
    ["a tag key reserved by AWS", { tags: { "AWS:team": "x" } }, /args\.tags\["AWS:team"\]: keys starting with "aws:" are reserved by AWS/],
    ["a tag key of 128 characters", { tags: { ["k".repeat(128)]: "x" } }, /AWS tag keys have at most 127 characters, got 128/],
    ["a tag value of 257 characters", { tags: { team: "v".repeat(257) } }, /args\.tags\["team"\]: AWS tag values have at most 256 characters, got 257/],
    // portcatalog:component, portcatalog:group, and portcatalog:role on a deployment's groups.
    ["48 tags, which with portcatalog's 3 pass AWS's 50", { tags: Object.fromEntries(Array.from({ length: 48 }, (_, i) => [`t${i}`, "x"])) }, /args\.tags: 48 tags plus portcatalog's 3 exceed AWS's 50 per resource; give at most 47/],
    ["the tag key a deployment writes for its roles (issue 24, class 5)", { tags: { "portcatalog:role": "mine" } }, /args\.tags\["portcatalog:role"\]: portcatalog writes this key on the groups it creates/],
    ["a tag value as a number", { tags: { team: 5 } }, /args\.tags\.team: expected a string or a Pulumi Output, got 5/],
    ["rulesPerGroup as a string", { rulesPerGroup: "60" }, /args\.rulesPerGroup: expected a number, got "60"/],
    ["rulesPerGroup NaN", { rulesPerGroup: Number.NaN }, /args\.rulesPerGroup: expected a number, got NaN/],
    ["rulesPerGroup negative", { rulesPerGroup: -1 }, /args\.rulesPerGroup: must be at least 1, got -1/],
    ["rulesPerGroup zero", { rulesPerGroup: 0 }, /args\.rulesPerGroup: must be at least 1, got 0/],
    ["rulesPerGroup fractional", { rulesPerGroup: 1.5 }, /args\.rulesPerGroup: expected a whole number, got 1\.5/],
    ["rulesPerGroup Infinity", { rulesPerGroup: Number.POSITIVE_INFINITY }, /args\.rulesPerGroup: expected a number, got Infinity|args\.rulesPerGroup: expected a whole number/],
    ["rulesPerGroup past AWS's maximum", { rulesPerGroup: 1001 }, /args\.rulesPerGroup: must be at most 1000, got 1001/],
    ["rulesPerGroup as an Output", { rulesPerGroup: out(60) }, /args\.rulesPerGroup: got a Pulumi Output/],
    ["allowAllEgress as the string false", { allowAllEgress: "false" }, /args\.allowAllEgress: expected true or false, got "false"/],
    ["allowAllEgress as an Output", { allowAllEgress: out(false) }, /args\.allowAllEgress: got a Pulumi Output/],
    ["products as a string", { products: "openstack/kilo" }, /args\.products: expected a list, got "openstack\/kilo"/],
    ["products empty", { products: [] }, /args\.products: must have at least 1 item, got 0 items/],
    ["products as an Output", { products: out([{ product: "openstack/kilo" }]) }, /args\.products: got a Pulumi Output/],
    ["a null product", { products: [null] }, /args\.products\[0\]: expected an object, got null/],
    ["a product name as null", { products: [{ product: null }] }, /args\.products\[0\]\.product: expected a string, got null/],
    ["an unknown product", { products: [{ product: "wso2/esb" }] }, /args\.products\[0\]: unknown product "wso2\/esb"/],
    ["roles as a string", { products: [{ product: "openstack/kilo", roles: "controller" }] }, /args\.products\[0\]\.roles: expected a list, got "controller"/],
    ["an unknown role", { products: [{ product: "openstack/kilo", roles: ["gpu"] }] }, /args\.products\[0\]\.roles\[0\]: unknown role "gpu" for openstack\/cloud@kilo/],
    ["portOffset as a string", { products: [{ product: "wso2/api-manager", portOffset: "10" }] }, /args\.products\[0\]\.portOffset: expected a number, got "10"/],
    ["portOffset negative", { products: [{ product: "wso2/api-manager", portOffset: -1 }] }, /args\.products\[0\]\.portOffset: must be at least 0, got -1/],
    ["portOffset past 65534", { products: [{ product: "wso2/api-manager", portOffset: 70000 }] }, /args\.products\[0\]\.portOffset: must be at most 65534, got 70000/],
    ["portOffset moving a port past 65535", { products: [{ product: "wso2/api-manager", portOffset: 60000 }] }, /portOffset 60000 moves .* above 65535/],
    ["analyticsPortOffset NaN", { products: [{ product: "wso2/api-manager", analyticsPortOffset: Number.NaN }] }, /args\.products\[0\]\.analyticsPortOffset: expected a number, got NaN/],
  ],
  CatalogSecurityGroupRules: [
    ["securityGroupId empty", { securityGroupId: "" }, /args\.securityGroupId: must not be empty/],
    ["securityGroupId missing", { securityGroupId: undefined }, /args\.securityGroupId: expected a string or a Pulumi Output/],
    ["existingRules as a string", { existingRules: "5" }, /args\.existingRules: expected a number, got "5"/],
    ["existingRules negative", { existingRules: -5 }, /args\.existingRules: must be at least 0, got -5/],
    ["existingRules NaN", { existingRules: Number.NaN }, /args\.existingRules: expected a number, got NaN/],
    ["existingRules as an Output", { existingRules: out(5) }, /args\.existingRules: got a Pulumi Output/],
    ["rulesPerGroup as a string", { rulesPerGroup: "60" }, /args\.rulesPerGroup: expected a number, got "60"/],
    ["a quota the rules exceed", { existingRules: 55 }, /ingress\/IPv4 rules plus 55 already in use exceed AWS's rules per security group of 60/],
    ["vpcId, which it does not take", { vpcId: "vpc-1" }, /args: unknown field "vpcId"/],
  ],
  CatalogSecGroup: [
    ["a tag the library writes (issue 17, class 3)", { tags: ["portcatalog:group=1"] }, /args\.tags\[0\]: "portcatalog:group=1" is a tag portcatalog writes/],
    ["a tag given twice", { tags: ["a", "a"] }, /args\.tags\[1\]: "a" is given twice; Neutron refuses/],
    ["projectRuleQuota as a string", { projectRuleQuota: "100" }, /args\.projectRuleQuota: expected a number, got "100"/],
    ["projectRuleQuota negative", { projectRuleQuota: -1 }, /args\.projectRuleQuota: must be at least 1, got -1/],
    ["projectRuleQuota NaN", { projectRuleQuota: Number.NaN }, /args\.projectRuleQuota: expected a number, got NaN/],
    ["projectRuleQuota as an Output", { projectRuleQuota: out(100) }, /args\.projectRuleQuota: got a Pulumi Output/],
    ["rulesInProject as a string", { rulesInProject: "5" }, /args\.rulesInProject: expected a number, got "5"/],
    ["rulesInProject negative", { rulesInProject: -3 }, /args\.rulesInProject: must be at least 0, got -3/],
    ["maxRulesPerGroup zero", { maxRulesPerGroup: 0 }, /args\.maxRulesPerGroup: must be at least 1, got 0/],
    ["maxRulesPerGroup as a string", { maxRulesPerGroup: "20" }, /args\.maxRulesPerGroup: expected a number, got "20"/],
    ["deleteDefaultRules as the string false", { deleteDefaultRules: "false" }, /args\.deleteDefaultRules: expected true or false, got "false"/],
    ["tags as a string", { tags: "web" }, /args\.tags: expected a list, got "web"/],
    ["a tag as null", { tags: [null] }, /args\.tags\[0\]: expected a string, got null/],
    ["description too long", { description: "é".repeat(256) }, /args\.description: must have at most 255 characters, got 256/],
    ["description with a control character", { description: "web\u001b[31m" }, /args\.description: control characters are not allowed/],
    ["region empty", { region: "" }, /args\.region: must not be empty/],
    ["tenantId a number", { tenantId: 5 }, /args\.tenantId: expected a string or a Pulumi Output, got 5/],
    ["prefix lists, which Neutron lacks", { sources: { admin: { prefixLists: [{ id: "pl-1", maxEntries: 2 }] } } }, /sources\.admin\.prefixLists: Neutron has no prefix lists/],
    ["a project quota the rules exceed", { projectRuleQuota: 10 }, /exceed Neutron's project quota of 10/],
  ],
  CatalogNetworkSecurityGroup: [
    ["resourceGroupName empty", { resourceGroupName: "" }, /args\.resourceGroupName: must not be empty/],
    ["resourceGroupName missing", { resourceGroupName: undefined }, /args\.resourceGroupName: expected a string or a Pulumi Output, got undefined/],
    ["resourceGroupName a number", { resourceGroupName: 5 }, /args\.resourceGroupName: expected a string or a Pulumi Output, got 5/],
    ["location empty", { location: "" }, /args\.location: must not be empty/],
    ["location a number", { location: 1 }, /args\.location: expected a string or a Pulumi Output, got 1/],
    ["tags as a list", { tags: ["a"] }, /args\.tags: expected an object/],
    ["a tag value as a number", { tags: { team: 5 } }, /args\.tags\.team: expected a string or a Pulumi Output, got 5/],
    // Issue 24, class 5: Azure's tag limits (learn.microsoft.com tag-resources#limitations), and the library's keys in any case.
    ["a tag key the library writes, in another case (Azure tag names ignore case)", { tags: { "PortCatalog:Component": "mine" } }, /args\.tags\["PortCatalog:Component"\]: portcatalog writes this key on the groups it creates .*Azure tag names ignore case/],
    ["a tag key the library writes on a deployment's groups", { tags: { "portcatalog:role": "mine" } }, /args\.tags\["portcatalog:role"\]: portcatalog writes this key/],
    ["a tag key starting with microsoft", { tags: { "Microsoft.Owner": "x" } }, /args\.tags\["Microsoft\.Owner"\]: Azure reserves tag names starting with "microsoft"/],
    ["a tag key starting with azure", { tags: { azurecost: "x" } }, /Azure reserves tag names starting with "azure"/],
    ["a tag key starting with windows", { tags: { WindowsVersion: "x" } }, /Azure reserves tag names starting with "windows"/],
    ["a tag key with a slash", { tags: { "team/web": "x" } }, /args\.tags\["team\/web"\]: Azure tag names cannot contain "\/"/],
    ["a tag key with a percent sign", { tags: { "100%": "x" } }, /Azure tag names cannot contain "%"/],
    ["a tag key with a backslash", { tags: { "a\\b": "x" } }, /Azure tag names cannot contain "\\\\"/],
    ["two tag keys differing in case", { tags: { Env: "a", env: "b" } }, /args\.tags\["env"\]: the same tag as args\.tags\["Env"\] \(Azure tag names ignore case\)/],
    ["a tag key of 513 characters", { tags: { ["k".repeat(513)]: "x" } }, /Azure tag names have at most 512 characters, got 513/],
    ["a tag value of 257 characters", { tags: { team: "v".repeat(257) } }, /args\.tags\["team"\]: Azure tag values have at most 256 characters, got 257/],
    ["48 tags, which with portcatalog's 3 pass Azure's 50", { tags: Object.fromEntries(Array.from({ length: 48 }, (_, i) => [`t${i}`, "x"])) }, /args\.tags: 48 tags plus portcatalog's 3 exceed Azure's 50 per resource; give at most 47/],
    ["a __proto__ tag key from JSON", { tags: JSON.parse('{"__proto__": "x"}') }, /args\.tags\["__proto__"\]: the key "__proto__" cannot be carried/],
    ["priorities as a list", { priorities: [100] }, /args\.priorities: expected an object/],
    ["a priority as a string", { priorities: { "in-tcp-0": "200" } }, /args\.priorities\.in-tcp-0: expected a number, got "200"/],
    ["a priority below 100", { priorities: { "in-tcp-0": 99 } }, /args\.priorities\.in-tcp-0: must be at least 100, got 99/],
    ["a priority on the closing rules", { priorities: { "in-tcp-0": 4095 } }, /args\.priorities\.in-tcp-0: must be at most 4094, got 4095/],
    ["a priority NaN", { priorities: { "in-tcp-0": Number.NaN } }, /args\.priorities\.in-tcp-0: expected a number, got NaN/],
    ["a priority fractional", { priorities: { "in-tcp-0": 150.5 } }, /args\.priorities\.in-tcp-0: expected a whole number, got 150\.5/],
    ["priorities as an Output", { priorities: out({}) }, /args\.priorities: got a Pulumi Output/],
    ["a pin for no rule", { priorities: { "in-tcp-00000000": 200 } }, /priorities\.in-tcp-00000000: no planned rule has this key/],
    ["keepVirtualNetworkDefault as the string true", { keepVirtualNetworkDefault: "true" }, /args\.keepVirtualNetworkDefault: expected true or false, got "true"/],
    ["keepVirtualNetworkDefault as an Output", { keepVirtualNetworkDefault: out(true) }, /args\.keepVirtualNetworkDefault: got a Pulumi Output/],
    ["vpcId, which it does not take", { vpcId: "vpc-1" }, /args: unknown field "vpcId"/],
    ["prefix lists, which Azure lacks", { sources: { admin: { prefixLists: [{ id: "pl-1", maxEntries: 2 }] } } }, /sources\.admin\.prefixLists: Azure has no prefix lists/],
    ["products empty", { products: [] }, /args\.products: must have at least 1 item, got 0 items/],
  ],
  CatalogNetworkSecurityRules: [
    ["networkSecurityGroupName empty", { networkSecurityGroupName: "" }, /args\.networkSecurityGroupName: must not be empty/],
    ["networkSecurityGroupName null", { networkSecurityGroupName: null }, /args\.networkSecurityGroupName: expected a string or a Pulumi Output, got null/],
    ["applicationSecurityGroupId a number", { applicationSecurityGroupId: 3 }, /args\.applicationSecurityGroupId: expected a string or a Pulumi Output, got 3/],
    ["self without the members' ASG", { applicationSecurityGroupId: undefined }, /open to the group's own machines \(self\): give applicationSecurityGroupId/],
    ["usedPriorities as a number", { usedPriorities: 100 }, /args\.usedPriorities: expected a list, got 100/],
    ["a used priority as a string", { usedPriorities: ["100"] }, /args\.usedPriorities\[0\]: expected a number, got "100"/],
    ["a used priority past 4096", { usedPriorities: [5000] }, /args\.usedPriorities\[0\]: must be at most 4096, got 5000/],
    ["a used priority where the closing rules go", { usedPriorities: [4096] }, /usedPriorities: 4096 are where the VirtualNetwork closing rules go/],
    ["location, which it does not take", { location: "westeurope" }, /args: unknown field "location"/],
  ],
  OpenStackControllerRules: [
    ["securityGroupId null", { securityGroupId: null }, /args\.securityGroupId: expected a string or a Pulumi Output, got null/],
    ["products, which it fixes itself", { products: [{ product: "wso2/api-manager" }] }, /args: unknown field "products"/],
    ["rulesInProject NaN", { rulesInProject: Number.NaN }, /args\.rulesInProject: expected a number, got NaN/],
    ["rulesInProject past the quota", { rulesInProject: 95 }, /rules plus 95 already in use exceed Neutron's project quota of 100/],
  ],
};

/** Arguments that are wrong as a whole, for every shape: [what, name, args, field]. */
const WHOLE: [string, unknown, unknown, RegExp][] = [
  ["args null", "x", null, /args: expected an object, got null/],
  ["args a string", "x", "vpc-1", /args: expected an object, got "vpc-1"/],
  ["args missing", "x", undefined, /args: expected an object, got nothing/],
  ["args a list", "x", [], /args: expected an object, got \[\]/],
  ["name empty", "", {}, /the resource name must be a non-empty string, got ""/],
  ["name a number", 5, {}, /the resource name must be a non-empty string, got 5/],
];

/** Named components whose own arguments differ from the shapes above. */
const NAMED: [string, () => unknown, RegExp][] = [
  // Issue 17, class 2: names the cloud refuses, with Pulumi's 8-character auto-name suffix counted.
  ["CatalogSecurityGroup: a name starting with sg-", () => as(CatalogSecurityGroup)("sg-web", { vpcId: "vpc-1", products: [{ product: "anbox-cloud/appliance" }] }), /CatalogSecurityGroup "sg-web": the resource name "sg-web": AWS group names cannot start with "sg-"/],
  ["CatalogSecurityGroup: a name with a character AWS refuses", () => as(CatalogSecurityGroup)("web|api", { vpcId: "vpc-1", products: [{ product: "anbox-cloud/appliance" }] }), /"\|" is not allowed in an AWS security group name/],
  ["CatalogSecurityGroup: a name of 248 characters (256 with the suffix)", () => as(CatalogSecurityGroup)("n".repeat(248), { vpcId: "vpc-1", products: [{ product: "anbox-cloud/appliance" }] }), /gives group names of 256 characters with Pulumi's 8-character suffix; AWS allows 255/],
  ["CatalogSecurityGroup: a name that fits only without the spill-over suffix", () => as(CatalogSecurityGroup)("n".repeat(246), { vpcId: "vpc-1", rulesPerGroup: 1, products: [{ product: "anbox-cloud/appliance" }] }), /gives group names of 256 characters with Pulumi's 8-character suffix and "-\d+"; AWS allows 255/],
  // Issue 24, class 5: Azure's NSG and ASG names (learn.microsoft.com resource-name-rules), azure-native's 8-character suffix counted.
  ["CatalogNetworkSecurityGroup: a name of 65 characters (the members' ASG would have 81)", () => as(CatalogNetworkSecurityGroup)("n".repeat(65), { resourceGroupName: "rg", products: [{ product: "anbox-cloud/appliance" }] }), /CatalogNetworkSecurityGroup "n{65}": the resource name "n{65}" gives the members' application security group "n{65}-members" 81 characters with azure-native's 8-character suffix; Azure allows 80: shorten the name to at most 64 characters/],
  ["CatalogNetworkSecurityGroup: a name with a space", () => as(CatalogNetworkSecurityGroup)("web api", { resourceGroupName: "rg", products: [{ product: "anbox-cloud/appliance" }] }), /the resource name "web api": " " is not allowed in an Azure network or application security group name/],
  ["CatalogNetworkSecurityGroup: a name starting with a period", () => as(CatalogNetworkSecurityGroup)(".web", { resourceGroupName: "rg", products: [{ product: "anbox-cloud/appliance" }] }), /the resource name "\.web": Azure network and application security group names start with a letter or digit/],
  ["CatalogDeploymentNetworkSecurityGroups: a name that is too long with a role's", () => as(CatalogDeploymentNetworkSecurityGroups)("d".repeat(51), { resourceGroupName: "rg", products: [{ product: "anbox-cloud/charmed" }], roles: ["control", "load-balancer"] }), /CatalogDeploymentNetworkSecurityGroups "d{51}-load-balancer": .* 81 characters with azure-native's 8-character suffix/],
  ["CatalogDeploymentNetworkSecurityGroups: the role tag key", () => as(CatalogDeploymentNetworkSecurityGroups)("d", { resourceGroupName: "rg", products: [{ product: "anbox-cloud/charmed" }], roles: ["control", "lxd"], tags: { "Portcatalog:Role": "x" } }), /args\.tags\["Portcatalog:Role"\]: portcatalog writes this key/],
  ["CatalogSecGroup: a name of 248 characters", () => as(CatalogSecGroup)("n".repeat(248), { products: [{ product: "anbox-cloud/appliance" }] }), /gives group names of 256 characters .*; Neutron allows 255/],
  ["Wso2SecurityGroup: products as a string", () => as(Wso2SecurityGroup)("x", { vpcId: "vpc-1", products: "api-manager" }), /Wso2SecurityGroup "x": args\.products: expected a list/],
  ["Wso2SecurityGroup: portOffset as a string", () => as(Wso2SecurityGroup)("x", { vpcId: "vpc-1", products: [{ product: "api-manager", portOffset: "10" }] }), /args\.products\[0\]\.portOffset: expected a number, got "10"/],
  ["Wso2SecurityGroup: a doubled prefix", () => as(Wso2SecurityGroup)("x", { vpcId: "vpc-1", products: [{ product: "wso2/wso2/api-manager" }] }), /args\.products\[0\]: unknown product "wso2\/wso2\/api-manager"/],
  ["Wso2SecurityGroup: analyticsPortOffset as an Output", () => as(Wso2SecurityGroup)("x", { vpcId: "vpc-1", products: [{ product: "api-manager" }], analyticsPortOffset: out(1) }), /args\.analyticsPortOffset: got a Pulumi Output/],
  ["Wso2SecGroup: no products", () => as(Wso2SecGroup)("x", { products: [] }), /Wso2SecGroup "x": args\.products: must have at least 1 item/],
  ["Wso2SecGroup: products null", () => as(Wso2SecGroup)("x", { products: null }), /Wso2SecGroup "x": args\.products: expected a list, got null/],
  ["AnboxCloudSecurityGroup: roles as a string", () => as(AnboxCloudSecurityGroup)("x", { vpcId: "vpc-1", roles: "lxd" }), /args\.roles: expected a list, got "lxd"/],
  ["AnboxCloudSecurityGroup: a null role", () => as(AnboxCloudSecurityGroup)("x", { vpcId: "vpc-1", roles: [null] }), /args\.roles\[0\]: expected a string, got null/],
  ["AnboxCloudSecurityGroup: an unknown role", () => as(AnboxCloudSecurityGroup)("x", { vpcId: "vpc-1", roles: ["gpu"] }), /args\.roles\[0\]: unknown role "gpu"/],
  ["AnboxApplianceSecurityGroup: features as a string", () => as(AnboxApplianceSecurityGroup)("x", { vpcId: "vpc-1", features: "turn-relay" }), /args\.features: expected a list, got "turn-relay"/],
  ["AnboxApplianceSecGroup: deleteDefaultRules as an Output", () => as(AnboxApplianceSecGroup)("x", { deleteDefaultRules: out(true) }), /args\.deleteDefaultRules: got a Pulumi Output/],
  ["CatalogSecGroupRules: roles with a number", () => as(CatalogSecGroupRules)("x", { securityGroupId: "sg", products: [{ product: "openstack/kilo", roles: [1] }] }), /args\.products\[0\]\.roles\[0\]: expected a string, got 1/],
];

async function expectRejected(make: () => unknown, field: RegExp): Promise<void> {
  const recorder = await setupMocks();
  let error: unknown;
  try {
    make();
  } catch (err) {
    error = err;
  }
  expect(error, "it must throw").to.be.instanceOf(PortcatalogError);
  expect((error as Error).message).to.match(field);
  expect((error as Error).message, "one line").to.not.include("\n");
  await recorder.settled();
  expect(recorder.resources, "nothing registered").to.deep.equal([]);
}

describe("bad input: components (table-driven; nothing may register)", () => {
  for (const shape of SHAPES) {
    describe(shape.cls, () => {
      it("the valid arguments the cases start from really are valid", async () => {
        const recorder = await setupMocks();
        shape.make("ok", shape.valid);
        await recorder.settled();
        expect(recorder.resources.length).to.be.greaterThan(1);
      });
      for (const [what, patch, field] of [...COMMON, ...(SPECIFIC[shape.cls] ?? [])]) {
        it(what, () => expectRejected(() => shape.make("bad", { ...shape.valid, ...patch }), new RegExp(`${shape.cls} "bad": .*${field.source}`)));
      }
      for (const [what, name, args, field] of WHOLE) {
        it(what, () => expectRejected(() => shape.make(name as string, args as Args), field));
      }
    });
  }
  for (const [what, make, field] of NAMED) it(what, () => expectRejected(make, field));
});

describe("bad input: planner (planRules)", () => {
  const kilo: Selection[] = [{ name: "openstack/kilo", entries: productEntries(builtinCatalog.entries, "openstack/kilo") }];
  // biome-ignore lint/suspicious/noExplicitAny: deliberately wrong types
  const plan = (selections: unknown, options: unknown) => () => planRules(selections as any, options as any);
  const cases: [string, () => unknown, RegExp][] = [
    ["options null", plan(kilo, null), /^\(arguments\): expected an object, got null/],
    ["a cloud's name, not its profile", plan(kilo, { cloud: "gcp" }), /^cloud: "gcp" is a name, and the planner takes a cloud's profile: pass GCP_PROFILE or resolveCloud\("gcp"\)/],
    ["features as a string", plan(kilo, { cloud: AWS_PROFILE, features: "turn-relay" }), /^features: expected a list, got "turn-relay"/],
    ["allFeatures as a string", plan(kilo, { cloud: AWS_PROFILE, allFeatures: "false" }), /^allFeatures: expected true or false, got "false"/],
    ["allowAllEgress as a number", plan(kilo, { cloud: AWS_PROFILE, allowAllEgress: 1 }), /^allowAllEgress: expected true or false, got 1/],
    ["an Output-like feature list", plan(kilo, { cloud: AWS_PROFILE, features: { __pulumiOutput: true } }), /^features: got a Pulumi Output/],
    ["sources with a CIDR string", plan(kilo, { cloud: AWS_PROFILE, sources: { admin: { cidrIpv4: "10.0.0.0/8" } } }), /^sources\.admin\.cidrIpv4: expected a list/],
    ["a peer without an id", plan(kilo, { cloud: AWS_PROFILE, sources: { admin: { securityGroups: [{ name: "ops" }] } } }), /^sources\.admin\.securityGroups\[0\]\.id: expected an id/],
    ["destinations as a list", plan(kilo, { cloud: AWS_PROFILE, destinations: [] }), /^destinations: expected an object/],
    ["selections as a string", plan("openstack/kilo", { cloud: AWS_PROFILE }), /^selections: expected a list of selections/],
    ["a null selection", plan([null], { cloud: AWS_PROFILE }), /^selections\[0\]: expected \{ name, entries, offsets\? \}, got null/],
    ["a selection without entries", plan([{ name: "x" }], { cloud: AWS_PROFILE }), /^selections\[0\]: expected \{ name, entries, offsets\? \}/],
    ["an offset as a string", plan([{ ...kilo[0], name: "wso2/api-manager", entries: productEntries(builtinCatalog.entries, "wso2/api-manager"), offsets: { portOffset: "10" } }], { cloud: AWS_PROFILE }), /portOffset "10" is not valid/],
    // Entries from anywhere but a catalog file: an audience named like Object's own properties used to find Object.prototype as its peers.
    ...(
      [
        ["an audience named __proto__", { audiences: ["__proto__"] }, /audiences\[0\] "__proto__" is not valid: use "public", "admin" or "internal"$/],
        ["an audience named constructor", { audiences: ["admin", "constructor"] }, /audiences\[1\] "constructor" is not valid/],
        ["audiences as a string", { audiences: "public" }, /audiences "public" is not valid: use a list of/],
        ["no audiences", { audiences: [] }, /audiences \[\] is not valid/],
        ["a direction of another spelling", { direction: "in" }, /direction "in" is not valid: use "ingress" or "egress"$/],
        ["a protocol the planner has no rules for", { protocol: "icmp" }, /protocol "icmp" is not valid: use "tcp" or "udp"$/],
        ["a port as a string", { fromPort: "80" }, /fromPort "80" is not valid: use a whole number from 1 to 65535$/],
        ["a range that runs backwards", { toPort: 1 }, /toPort 1 is not valid: use a whole number from fromPort \(\d+\) to 65535$/],
      ] as const
    ).map(([what, patch, message]) => [what, plan([{ name: "x", entries: [kilo[0].entries[0], { ...kilo[0].entries[0], ...patch }] }], { cloud: AWS_PROFILE }), new RegExp(`^selections\\[0\\]\\.entries\\[1\\] \\(openstack/cloud/[a-z0-9-]+\\): ${message.source}`)] as [string, () => unknown, RegExp]),
  ];
  for (const [what, run, message] of cases) it(what, () => expect(run).to.throw(PortcatalogError, message));
});

describe("bad input: user catalogs (validateCatalog)", () => {
  const good = ACME_ENTRY;
  const cases: [string, unknown, RegExp][] = [
    ["not an object", "entries", /u\.yaml: a catalog must be an object with an "entries" list/],
    ["entries as an object", { entries: {} }, /u\.yaml: a catalog must be an object/],
    ["an unknown top-level field", { entries: [], extra: 1 }, /u\.yaml: a catalog must be an object/],
    ["a port as a string", { entries: [{ ...good, fromPort: "443" }] }, /entry "acme\/web\/https": field "fromPort"/],
    ["a port of 0", { entries: [{ ...good, fromPort: 0 }] }, /field "fromPort": must be at least 1/],
    ["a port past 65535", { entries: [{ ...good, toPort: 65536 }] }, /field "toPort": must be at most 65535/],
    ["a reversed range", { entries: [{ ...good, fromPort: 444, toPort: 443 }] }, /field "toPort": must be >= fromPort/],
    ["an unknown protocol", { entries: [{ ...good, protocol: "icmp" }] }, /field "protocol"/],
    ["an unknown audience", { entries: [{ ...good, audiences: ["world"] }] }, /field "audiences\.0"/],
    ["no audience", { entries: [{ ...good, audiences: [] }] }, /field "audiences": needs at least one audience/],
    ["an unknown field", { entries: [{ ...good, port: 443 }] }, /entry "acme\/web\/https": field "\(entry\)"|unrecognized|port/i],
    ["required as a string", { entries: [{ ...good, required: "true" }] }, /field "required"/],
    ["an optional entry without a feature", { entries: [{ ...good, required: false }] }, /field "feature": an optional entry/],
    ["an id outside its catalog", { entries: [{ ...good, id: "other/web/https" }] }, /field "id": must start with "acme\/web\/"/],
    ["an entry added to a built-in product", { entries: [{ ...good, id: "wso2/common/extra", catalog: "wso2", variant: "common" }] }, /field "catalog": "wso2" is built in/],
    ["a destination CIDR that is not one", { entries: [{ ...good, direction: "egress", destination: { name: "push", description: "Push", cidrIpv4: ["apple"] } }] }, /field "destination\.cidrIpv4\.0": "apple" is not a valid IPv4 CIDR/],
    ["a destination on an ingress entry", { entries: [{ ...good, destination: { name: "push", description: "Push" } }] }, /field "destination": only egress entries have a destination/],
    ["a null entry", { entries: [null] }, /entry #1/],
  ];
  for (const [what, raw, message] of cases) it(what, () => expect(() => validateCatalog(raw, "u.yaml", builtinCatalog.entries)).to.throw(PortcatalogError, message));
});

describe("bad input: the mocks refuse what the engine refuses (issue 17, class 4)", () => {
  it("two components of one name: settled() rejects with the engine's duplicate-URN message", async () => {
    const recorder = await setupMocks();
    const args = { vpcId: "vpc-1", products: [{ product: "anbox-cloud/appliance" }] };
    new CatalogSecurityGroup("twin", args);
    new CatalogSecurityGroup("twin", args);
    let error: unknown;
    await recorder.settled().catch((err) => (error = err));
    expect((error as Error | undefined)?.message).to.equal("Duplicate resource URN 'urn:pulumi:stack::project::portcatalog:index:CatalogSecurityGroup::twin'; try giving it a unique name");
  });

  it("one component name under two parents of one type: a URN carries the parents' types, not their names, so the engine refuses it and so do the mocks", async () => {
    const recorder = await setupMocks();
    const args = { vpcId: "vpc-1", products: [{ product: "anbox-cloud/appliance" }] };
    new CatalogSecurityGroup("twin", args, { parent: new pulumi.ComponentResource("my:index:A", "a") });
    new CatalogSecurityGroup("twin", args, { parent: new pulumi.ComponentResource("my:index:A", "b") });
    let error: unknown;
    await recorder.settled().catch((err) => (error = err));
    expect((error as Error | undefined)?.message).to.equal(
      "Duplicate resource URN 'urn:pulumi:stack::project::my:index:A$portcatalog:index:CatalogSecurityGroup::twin'; try giving it a unique name",
    );
  });
});
