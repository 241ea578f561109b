// The table the component classes are generated from (`npm run generate`, scripts/generate-components.ts).
//
// Pulumi's component analyzer accepts only classes that extend ComponentResource directly, declare
// their outputs as their own members and take a `<Class>Args` interface whose fields carry JSDoc; so
// each component is a class of its own. What differs between them is data, and this is it: per cloud,
// the forms a component can take (which hand-written plain functions plan and create it, and its
// outputs), then one row per component (its form, its JSDoc, its Args and what it selects from the
// catalog). The plain functions stay hand-written beside the generated files.

/** One field of an Args interface: its TypeScript type, as written, and its JSDoc (kept in the schema). */
export interface FieldSpec {
  name: string;
  type: string;
  optional?: boolean;
  doc: string;
}

/** An Args interface: the interface it extends, its JSDoc and its own fields. */
export interface ArgsSpec {
  /** Default `<Class>Args`; a shared interface is named once in the cloud's `sharedArgs`. */
  name?: string;
  /** Default `Arguments of {@link <Class>}.` */
  doc?: string;
  extends: string;
  fields: FieldSpec[];
}

/** An argument of the component, read from the checked arguments: `arg("release")` becomes `a.release`. */
export interface ArgRef {
  arg: string;
}
export const arg = (name: string): ArgRef => ({ arg: name });

/**
 * What the component opens:
 * - `"products"`: the `products` argument as it is (`(a) => a.products`);
 * - `"wso2"`: WSO2 products with their port offsets (`wso2Selections(a.products, a.analyticsPortOffset)`);
 * - an object: one product selection, written in this key order; `arg(...)` values come from the arguments.
 */
export type SelectSpec = "products" | "wso2" | { product: string; [field: string]: string | string[] | ArgRef };

/** An output the class declares, with its JSDoc. */
export interface OutputSpec {
  name: string;
  type: string;
  doc: string;
}

/** How one form of component is planned and created: hand-written plain functions, called before and after `super()`. */
export interface FormSpec {
  /** The module (relative to the generated file) that exports `plan` and the functions `create` names. */
  module: string;
  /** `plan(type, name, args, productsOf)`: every check and the plan, before the component registers. */
  plan: string;
  /** An expression over `this` and `planned` (what `plan` returned) that creates the children and returns the outputs. */
  create: string;
  /** The functions `create` calls, imported from `module`. */
  createImports: string[];
  outputs: OutputSpec[];
}

/** One generated component class. */
export interface ComponentRow {
  name: string;
  /** The class's JSDoc; a line break starts a new JSDoc line. */
  doc: string;
  form: string;
  /** Its own `<Class>Args`, or the name of a shared interface (the cloud's `sharedArgs`, or a hand-written one in `types`). */
  args: ArgsSpec | string;
  select: SelectSpec;
}

/** One cloud's generated file. */
export interface CloudTable {
  cloud: "aws" | "openstack" | "azure" | "kubernetes";
  /** The generated file, relative to the repository. */
  file: string;
  /** What the file says about the cloud, after the generated header. */
  note: string;
  forms: Record<string, FormSpec>;
  /** Args interfaces several rows share, declared first. */
  sharedArgs: (ArgsSpec & { name: string })[];
  components: ComponentRow[];
}

/** Where the types an Args interface may name are declared, relative to `components/<cloud>/`. */
export const TYPE_MODULES: Record<string, string> = {
  ProductSelectionArgs: "../selection.js",
  RuleSelectionArgs: "../selection.js",
  Wso2ProductArgs: "../wso2.js",
  AwsSecurityGroupOptionsArgs: "./security-group.js",
  OpenStackPlacementArgs: "./secgroup.js",
  OpenStackSecGroupOptionsArgs: "./secgroup.js",
  OpenStackNodeRulesArgs: "./secgroup.js",
  AzureRuleOptionsArgs: "./network-security-group.js",
  AzureNetworkSecurityGroupOptionsArgs: "./network-security-group.js",
  KubernetesNetworkPolicyOptionsArgs: "./network-policies.js",
};

// ---- Fields and outputs several clouds share ----

const ANBOX_RELEASE: FieldSpec = { name: "release", type: "string", optional: true, doc: "The Anbox Cloud release, e.g. `1.30`. Default: the newest the catalog has; pin it." };
const ANBOX_ROLES: FieldSpec = { name: "roles", type: "string[]", optional: true, doc: "Only the ports of these machines: `control`, `lxd`, `streaming`. Default: every machine of the deployment." };
const WSO2_PRODUCTS: FieldSpec = { name: "products", type: "Wso2ProductArgs[]", doc: "The WSO2 products on the host, each with its port offset." };
const ANALYTICS_OFFSET: FieldSpec = { name: "analyticsPortOffset", type: "number", optional: true, doc: "The API Manager Analytics server's port offset, for ports that follow it. Default 1." };
const OPENSTACK_RELEASE: FieldSpec = { name: "release", type: "string", optional: true, doc: "The OpenStack release: `kilo`, `2025.1`, `2025.2`. Default: the newest the catalog has; pin it." };
const OPENSTACK_SERVICES: FieldSpec = {
  name: "services",
  type: "string[]",
  optional: true,
  doc: "Optional services the cloud runs, by name (e.g. `octavia`, `designate`, `cinder`, `swift`): their ports open as features do.",
};
const PRODUCTS_EXAMPLE: FieldSpec = { name: "products", type: "ProductSelectionArgs[]", doc: 'The products to open, e.g. `[{ product: "anbox-cloud/appliance" }]`.' };
const PRODUCTS: FieldSpec = { name: "products", type: "ProductSelectionArgs[]", doc: "The products to open." };
const DEPLOYMENT_PRODUCTS: FieldSpec = { name: "products", type: "ProductSelectionArgs[]", doc: 'The products the deployment runs, e.g. `[{ product: "openstack/cloud", release: "2025.2" }]`.' };
const DEPLOYMENT_ROLES: FieldSpec = { name: "roles", type: "string[]", doc: 'The deployment\'s roles, each given its own group named by its role (e.g. `["controller", "compute"]`).' };
const EXISTING_GROUP_ID: FieldSpec = { name: "securityGroupId", type: "pulumi.Input<string>", doc: "The existing group the rules go into; `self` peers mean this group." };

/** A product preset, the same on every cloud: the Args fields it adds and what it selects with them. */
export interface ProductPreset {
  fields: FieldSpec[];
  select: SelectSpec;
}

const CATALOG: ProductPreset = { fields: [PRODUCTS_EXAMPLE], select: "products" };
const ANBOX_APPLIANCE: ProductPreset = { fields: [ANBOX_RELEASE], select: { product: "anbox-cloud/appliance", release: arg("release") } };
const ANBOX_CHARMED: ProductPreset = { fields: [ANBOX_ROLES, ANBOX_RELEASE], select: { product: "anbox-cloud/charmed", roles: arg("roles"), release: arg("release") } };
const DEPLOYMENT: ProductPreset = { fields: [DEPLOYMENT_PRODUCTS, DEPLOYMENT_ROLES], select: "products" };
const WSO2: ProductPreset = { fields: [WSO2_PRODUCTS, ANALYTICS_OFFSET], select: "wso2" };
/** An OpenStack node's role; its fields are the shared `OpenStackNode…Args`. */
const openstackNode = (role: string): SelectSpec => ({ product: "openstack/cloud", release: arg("release"), roles: [role] });

/** A row's `<Class>Args` (extending `base`, with the preset's fields) and its selection. */
const preset = (p: ProductPreset, base: string): Pick<ComponentRow, "args" | "select"> => ({ args: { extends: base, fields: p.fields }, select: p.select });

const GROUP_OUTPUTS: OutputSpec[] = [
  { name: "securityGroupIds", type: "string[]", doc: "Every group the component created, primary first; attach them all." },
  { name: "primarySecurityGroupId", type: "string", doc: "The first group: the one to reference from other groups' rules." },
  { name: "ruleCount", type: "number", doc: "Number of provider rules created." },
  { name: "ruleKeys", type: "string[]", doc: "Stable keys of the rules, in group order." },
];
const RULE_OUTPUTS: OutputSpec[] = [
  { name: "ruleCount", type: "number", doc: "Number of provider rules created." },
  { name: "ruleKeys", type: "string[]", doc: "Stable keys of the rules." },
];
const deploymentOutputs = (members: string): OutputSpec[] => [
  { name: "securityGroupIds", type: "Record<string, string>", doc: "Each role's first group, by role: the one other groups' rules reference." },
  { name: "allSecurityGroupIds", type: "Record<string, string[]>", doc: `Every group of each role, first group first; attach them all to that role's ${members}.` },
  { name: "ruleCount", type: "number", doc: "Number of provider rules created." },
  { name: "ruleKeys", type: "string[]", doc: "Stable keys of the rules, role by role." },
];
const AZURE_RULE_OUTPUTS: OutputSpec[] = [
  { name: "ruleCount", type: "number", doc: "Number of catalog rules created (the closing rules not counted)." },
  { name: "ruleKeys", type: "string[]", doc: "Stable keys of the rules." },
  { name: "rulePriorities", type: "{ [key: string]: number }", doc: "Each rule's priority, by key." },
];
const AZURE_GROUP_OUTPUTS: OutputSpec[] = [
  { name: "networkSecurityGroupId", type: "string", doc: "The network security group." },
  { name: "networkSecurityGroupName", type: "string", doc: "The network security group's Azure name." },
  { name: "applicationSecurityGroupId", type: "string", doc: "The application security group of the members: the rules' other end, and what `self` means." },
  ...AZURE_RULE_OUTPUTS,
];

const AZURE_DEPLOYMENT_OUTPUTS: OutputSpec[] = [
  { name: "networkSecurityGroupIds", type: "Record<string, string>", doc: "Each role's network security group, by role." },
  { name: "networkSecurityGroupNames", type: "Record<string, string>", doc: "Each role's network security group's Azure name, by role." },
  { name: "applicationSecurityGroupIds", type: "Record<string, string>", doc: "Each role's application security group, by role: its machines, which the other roles' rules name." },
  { name: "ruleCount", type: "number", doc: "Number of catalog rules created, all roles together (the closing rules not counted)." },
  { name: "ruleKeys", type: "Record<string, string[]>", doc: "Stable keys of each role's rules, by role." },
  { name: "rulePriorities", type: "Record<string, Record<string, number>>", doc: "Each role's rule priorities, by role and key." },
];

// ---- AWS ----

export const AWS: CloudTable = {
  cloud: "aws",
  file: "components/aws/components.generated.ts",
  note: "AWS: security groups (aws.ec2.SecurityGroup) and their rules (aws.vpc.SecurityGroupIngressRule/EgressRule).",
  forms: {
    groups: { module: "./security-group.js", plan: "planAwsGroups", create: "createAwsGroups(this, planned)", createImports: ["createAwsGroups"], outputs: GROUP_OUTPUTS },
    rules: { module: "./security-group.js", plan: "planAwsRules", create: "createAwsRules(this, planned)", createImports: ["createAwsRules"], outputs: RULE_OUTPUTS },
    deployment: { module: "./security-group.js", plan: "planAwsDeployment", create: "createAwsDeployment(this, planned)", createImports: ["createAwsDeployment"], outputs: deploymentOutputs("instances") },
  },
  sharedArgs: [
    { name: "OpenStackNodeSecurityGroupArgs", doc: "Arguments of the OpenStack-on-EC2 node groups.", extends: "AwsSecurityGroupOptionsArgs", fields: [OPENSTACK_RELEASE, OPENSTACK_SERVICES] },
  ],
  components: [
    { name: "CatalogSecurityGroup", form: "groups", ...preset(CATALOG, "AwsSecurityGroupOptionsArgs"), doc: "Creates AWS security group(s) for any catalog selection; attach every group in `securityGroupIds`." },
    {
      name: "CatalogSecurityGroupRules",
      doc: "Adds a selection's rules to an existing AWS security group. It cannot spill, so it fails at\nconstruction, with the numbers, when the rules would exceed the group's quota.",
      form: "rules",
      args: {
        extends: "RuleSelectionArgs",
        fields: [
          EXISTING_GROUP_ID,
          PRODUCTS,
          { name: "rulesPerGroup", type: "number", optional: true, doc: "Rules the group may hold per direction and address family; AWS's default quota is 60." },
          { name: "existingRules", type: "number", optional: true, doc: "Rules the group already holds per direction and family (counted against the quota). Default 0." },
        ],
      },
      select: "products",
    },
    { name: "CatalogDeploymentSecurityGroups", form: "deployment", ...preset(DEPLOYMENT, "AwsSecurityGroupOptionsArgs"), doc: "One AWS security group per role of a deployment, each port open only to the roles the catalog's\nflows say connect to it (see `role` on the single-group components); ports whose flows are unknown\nkeep their audiences. Attach each role's groups (`allSecurityGroupIds[role]`) to its instances." },
    { name: "AnboxApplianceSecurityGroup", form: "groups", ...preset(ANBOX_APPLIANCE, "AwsSecurityGroupOptionsArgs"), doc: "The Anbox Cloud Appliance's ports: 443 for the UI and API, plus instance services and TURN when their features are on." },
    { name: "AnboxCloudSecurityGroup", form: "groups", ...preset(ANBOX_CHARMED, "AwsSecurityGroupOptionsArgs"), doc: "The charmed Anbox Cloud deployment's ports; internal ones open only between the group's own machines by default." },
    { name: "Wso2SecurityGroup", form: "groups", ...preset(WSO2, "AwsSecurityGroupOptionsArgs"), doc: "WSO2 products (with port offsets) and WSO2's common ports." },
    { name: "OpenStackControllerSecurityGroup", form: "groups", args: "OpenStackNodeSecurityGroupArgs", select: openstackNode("controller"), doc: "OpenStack controller nodes on EC2: API endpoints, dashboard, MySQL, AMQP, console proxies." },
    { name: "OpenStackComputeSecurityGroup", form: "groups", args: "OpenStackNodeSecurityGroupArgs", select: openstackNode("compute"), doc: "OpenStack compute nodes on EC2: the VM console ports the proxies reach." },
    { name: "OpenStackNetworkSecurityGroup", form: "groups", args: "OpenStackNodeSecurityGroupArgs", select: openstackNode("network"), doc: "OpenStack network nodes on EC2 (2025 releases): the overlay (VXLAN, Geneve) ports their peers reach." },
    { name: "OpenStackStorageSecurityGroup", form: "groups", args: "OpenStackNodeSecurityGroupArgs", select: openstackNode("storage"), doc: "OpenStack storage nodes on EC2: swift servers, rsync, iSCSI." },
  ],
};

// ---- OpenStack ----

export const OPENSTACK: CloudTable = {
  cloud: "openstack",
  file: "components/openstack/components.generated.ts",
  note: "OpenStack: Neutron security groups (openstack.networking.SecGroup) and their rules (SecGroupRule).",
  forms: {
    groups: { module: "./secgroup.js", plan: "planOpenStackGroups", create: "createOpenStackGroups(this, planned)", createImports: ["createOpenStackGroups"], outputs: GROUP_OUTPUTS },
    rules: { module: "./secgroup.js", plan: "planOpenStackRules", create: "createOpenStackRules(this, planned)", createImports: ["createOpenStackRules"], outputs: RULE_OUTPUTS },
    deployment: { module: "./secgroup.js", plan: "planOpenStackDeployment", create: "createOpenStackDeployment(this, planned)", createImports: ["createOpenStackDeployment"], outputs: deploymentOutputs("ports") },
  },
  sharedArgs: [],
  components: [
    { name: "CatalogSecGroup", form: "groups", ...preset(CATALOG, "OpenStackSecGroupOptionsArgs"), doc: "Creates Neutron security group(s) for any catalog selection." },
    {
      name: "CatalogSecGroupRules",
      doc: "Adds a selection's rules to an existing Neutron security group.",
      form: "rules",
      args: { extends: "OpenStackPlacementArgs", fields: [EXISTING_GROUP_ID, PRODUCTS] },
      select: "products",
    },
    { name: "CatalogDeploymentSecGroups", form: "deployment", ...preset(DEPLOYMENT, "OpenStackSecGroupOptionsArgs"), doc: "One Neutron security group per role of a deployment, each port open only to the roles the\ncatalog's flows say connect to it (see `role` on the single-group components); ports whose flows\nare unknown keep their audiences. Attach each role's groups to its ports." },
    { name: "OpenStackControllerRules", form: "rules", args: "OpenStackNodeRulesArgs", select: openstackNode("controller"), doc: "OpenStack controller nodes: API endpoints, dashboard, MySQL, AMQP, console proxies." },
    { name: "OpenStackComputeRules", form: "rules", args: "OpenStackNodeRulesArgs", select: openstackNode("compute"), doc: "OpenStack compute nodes: the VM console ports the console proxies reach." },
    { name: "OpenStackNetworkRules", form: "rules", args: "OpenStackNodeRulesArgs", select: openstackNode("network"), doc: "OpenStack network nodes (2025 releases): the overlay (VXLAN, Geneve) ports their peers reach." },
    { name: "OpenStackStorageRules", form: "rules", args: "OpenStackNodeRulesArgs", select: openstackNode("storage"), doc: "OpenStack storage nodes: swift object, container and account servers, rsync, iSCSI." },
    { name: "AnboxApplianceSecGroup", form: "groups", ...preset(ANBOX_APPLIANCE, "OpenStackSecGroupOptionsArgs"), doc: "The Anbox Cloud Appliance's ports as a Neutron security group." },
    { name: "AnboxCloudSecGroup", form: "groups", ...preset(ANBOX_CHARMED, "OpenStackSecGroupOptionsArgs"), doc: "The charmed Anbox Cloud deployment's ports as a Neutron security group." },
    { name: "Wso2SecGroup", form: "groups", ...preset(WSO2, "OpenStackSecGroupOptionsArgs"), doc: "WSO2 products (with port offsets) and WSO2's common ports as a Neutron security group." },
  ],
};

// ---- Azure ----

export const AZURE: CloudTable = {
  cloud: "azure",
  file: "components/azure/components.generated.ts",
  note: "Azure: a network security group, an application security group for its members, and their security rules.",
  forms: {
    group: {
      module: "./network-security-group.js",
      plan: "planAzure",
      create: "createAzureGroup(this, planned.args, planned.report)",
      createImports: ["createAzureGroup"],
      outputs: AZURE_GROUP_OUTPUTS,
    },
    rules: { module: "./network-security-group.js", plan: "planAzureRules", create: "createAzureRules(this, planned)", createImports: ["createAzureRules"], outputs: AZURE_RULE_OUTPUTS },
    deployment: { module: "./deployment.js", plan: "planAzureDeployment", create: "createAzureDeployment(this, planned)", createImports: ["createAzureDeployment"], outputs: AZURE_DEPLOYMENT_OUTPUTS },
  },
  sharedArgs: [],
  components: [
    {
      name: "CatalogDeploymentNetworkSecurityGroups",
      doc: "One Azure network security group and one application security group per role of a deployment,\neach port open only to the roles the catalog's flows say connect to it (see `role` on the single-NSG\ncomponents); ports whose flows are unknown keep their audiences. Attach `networkSecurityGroupIds[role]`\nto the role's NICs or subnet and put its NICs in `applicationSecurityGroupIds[role]`.",
      form: "deployment",
      // Not AzureNetworkSecurityGroupOptionsArgs: pins are per role, since each role's NSG has its own rules.
      args: {
        extends: "RuleSelectionArgs",
        fields: [
          { name: "resourceGroupName", type: "pulumi.Input<string>", doc: "The resource group of the network security groups." },
          { name: "location", type: "pulumi.Input<string>", optional: true, doc: "The Azure region. Default: the resource group's." },
          { name: "tags", type: "{ [key: string]: pulumi.Input<string> }", optional: true, doc: "Tags for every network security group and application security group." },
          {
            name: "keepVirtualNetworkDefault",
            type: "boolean",
            optional: true,
            doc: "Keep Azure's default `AllowVnetInBound` in every role's NSG. Default false: an AzureLoadBalancer\nallow (4095) and a VirtualNetwork deny (4096) close it inbound.",
          },
          {
            name: "priorities",
            type: "{ [role: string]: { [key: string]: number } }",
            optional: true,
            doc: "Priorities to pin, by role and then rule key (see `ruleKeys`), each 100-4094: each role's NSG has\nits own rules, so a key means a rule only within its role.",
          },
          DEPLOYMENT_PRODUCTS,
          { name: "roles", type: "string[]", doc: 'The deployment\'s roles, each given its own NSG and application security group named by its role (e.g. `["controller", "compute"]`).' },
        ],
      },
      select: "products",
    },
    { name: "CatalogNetworkSecurityGroup", form: "group", ...preset(CATALOG, "AzureNetworkSecurityGroupOptionsArgs"), doc: "Creates an Azure network security group and an application security group for its members for any\ncatalog selection: attach the NSG to the members' NICs or subnet and put their NICs in the ASG." },
    {
      name: "CatalogNetworkSecurityRules",
      doc: "Adds a selection's rules to an existing Azure network security group.",
      form: "rules",
      args: {
        extends: "AzureRuleOptionsArgs",
        fields: [
          { name: "networkSecurityGroupName", type: "pulumi.Input<string>", doc: "The existing network security group's name." },
          {
            name: "applicationSecurityGroupId",
            type: "pulumi.Input<string>",
            optional: true,
            doc: "The application security group of the machines the rules serve: the rules' other end and what `self` means. Unset: `*`, and no `self` peers.",
          },
          PRODUCTS,
          { name: "usedPriorities", type: "number[]", optional: true, doc: "Priorities the NSG's other rules hold (either direction): planned rules never take them." },
        ],
      },
      select: "products",
    },
    { name: "AnboxApplianceNetworkSecurityGroup", form: "group", ...preset(ANBOX_APPLIANCE, "AzureNetworkSecurityGroupOptionsArgs"), doc: "The Anbox Cloud Appliance's ports on Azure: 443 for the UI and API, plus instance services and TURN when their features are on." },
    { name: "AnboxCloudNetworkSecurityGroup", form: "group", ...preset(ANBOX_CHARMED, "AzureNetworkSecurityGroupOptionsArgs"), doc: "The charmed Anbox Cloud deployment's ports on Azure; internal ones open only between the members by default." },
    { name: "Wso2NetworkSecurityGroup", form: "group", ...preset(WSO2, "AzureNetworkSecurityGroupOptionsArgs"), doc: "WSO2 products (with port offsets) and WSO2's common ports on Azure." },
  ],
};

// ---- Kubernetes ----

const POD_SELECTORS = "{ [role: string]: { [key: string]: string } }";
const KUBERNETES_OUTPUTS: OutputSpec[] = [
  { name: "policyNames", type: "Record<string, string>", doc: "Each protected role's NetworkPolicy name (metadata.name), by role." },
  { name: "ruleCount", type: "number", doc: "Number of NetworkPolicy rules (ingress and egress), all roles together." },
  { name: "ruleKeys", type: "Record<string, string[]>", doc: "Stable keys of each role's rules, by role." },
  { name: "unprotectedRoles", type: "Record<string, string>", doc: "Roles that get no policy (host-network pods, pods in another namespace), with the reason." },
];
const ROLLOUT = "Selecting a role's pods closes every port its policy does not admit: before the first `pulumi up`, read\n`portcatalog plan`'s rollout list, deploy to a canary namespace first, and keep egress open (the\ndefault) until the ingress policies hold.";

export const KUBERNETES: CloudTable = {
  cloud: "kubernetes",
  file: "components/kubernetes/components.generated.ts",
  note: "Kubernetes: one NetworkPolicy (kubernetes:networking.k8s.io/v1:NetworkPolicy) per role of a deployment.",
  forms: {
    deployment: { module: "./network-policies.js", plan: "planKubernetesDeployment", create: "createKubernetesDeployment(this, planned)", createImports: ["createKubernetesDeployment"], outputs: KUBERNETES_OUTPUTS },
  },
  sharedArgs: [],
  components: [
    {
      name: "CatalogDeploymentNetworkPolicies",
      form: "deployment",
      args: {
        extends: "KubernetesNetworkPolicyOptionsArgs",
        fields: [
          DEPLOYMENT_PRODUCTS,
          { name: "roles", type: "string[]", doc: 'The deployment\'s roles, each given its own NetworkPolicy selecting its pods (e.g. `["control-plane", "gateway"]`).' },
          { name: "podSelectors", type: POD_SELECTORS, doc: 'Each role\'s pods, as `matchLabels` (e.g. `{ "control-plane": { app: "wso2am-cp" } }`); every role needs one, except host-network roles.' },
        ],
      },
      select: "products",
      doc: `One NetworkPolicy per role of a deployment in \`namespace\`, selecting that role's pods: each port admits only\nthe pods of the roles the catalog's flows say connect to it, the public and admin sources (as ipBlocks, or the\ningress controller's pods); ports whose flows are unknown keep their audiences. Ingress only unless\n\`restrictEgress\`. Host-network roles get no policy: NetworkPolicy does not apply to them.\n${ROLLOUT}`,
    },
    {
      name: "Wso2NetworkPolicies",
      form: "deployment",
      args: {
        extends: "KubernetesNetworkPolicyOptionsArgs",
        fields: [
          WSO2_PRODUCTS,
          ANALYTICS_OFFSET,
          { name: "roles", type: "string[]", optional: true, doc: "The roles deployed: `control-plane`, `gateway`, `traffic-manager`, `key-manager` (4.3+). Default: the four." },
          { name: "podSelectors", type: POD_SELECTORS, optional: true, doc: "Each role's pods, as `matchLabels`, overriding the chart's `deployment: <fullname>`." },
          { name: "helmReleases", type: "{ [role: string]: string }", optional: true, doc: "Each role's Helm release name, for the chart's `deployment: <fullname>` label. Default: the chart's name (wso2am-acp, wso2am-universal-gw, wso2am-tm, wso2am-km)." },
        ],
      },
      select: "wso2",
      doc: `WSO2 API Manager 4.x on wso2/helm-apim's distributed charts: one NetworkPolicy per role, selecting the charts'\npods by their own \`deployment\` label (overridable per role), wired by the catalog's flows.\n${ROLLOUT}`,
    },
    {
      name: "OpenStackHelmNetworkPolicies",
      form: "deployment",
      args: {
        extends: "KubernetesNetworkPolicyOptionsArgs",
        fields: [
          OPENSTACK_RELEASE,
          OPENSTACK_SERVICES,
          { name: "roles", type: "string[]", optional: true, doc: "The roles deployed. Default `controller`, `compute`, `network`, `storage`." },
          { name: "podSelectors", type: POD_SELECTORS, optional: true, doc: "Each role's pods, as `matchLabels`, overriding the chart defaults (controller: the API and control-plane pods by `application` and `component`)." },
        ],
      },
      select: { product: "openstack/cloud", release: arg("release") },
      doc: `OpenStack on openstack-helm: a NetworkPolicy for the controller's pods (the charts' \`application\` and \`component\`\nlabels). compute, network and storage run with \`hostNetwork: true\` in openstack-helm, so no NetworkPolicy applies to\nthem: they get none and are listed as not protected, and their connections to the controller are admitted from\n\`nodeCidrs\`. Protect their nodes with the cloud's or the hosts' firewall.\n${ROLLOUT}`,
    },
  ],
};

export const TABLES: readonly CloudTable[] = [AWS, OPENSTACK, AZURE, KUBERNETES];
