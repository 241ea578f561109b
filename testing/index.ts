import { createHash } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";

/** A resource the program registered, with its inputs resolved (typed for the types {@link RecordedInputs} lists). */
export interface RegisteredResource<Inputs = Record<string, unknown>> {
  type: string;
  name: string;
  urn: string;
  /** URN of the parent resource, if any. */
  parent?: string;
  /** `false` for component resources. */
  custom: boolean;
  /** The inputs as the engine's Check leaves them: an azure-native resource the program left unnamed has its auto-name filled in. */
  inputs: Inputs;
  /** URNs of the resources this one depends on (its inputs' and `dependsOn`), as the engine records them. */
  dependencies?: string[];
  /** Input name -> URNs of the resources that input's value came from, as a stack policy sees them. */
  propertyDependencies?: Record<string, string[]>;
  /** The id the mock gave it (custom resources only). */
  id?: string;
  /** The provider reference (`urn::id`) the resource was registered with, if any. */
  provider?: string;
  /** Old names the resource aliases (`{ name }` aliases), e.g. a rule renamed since an earlier version. */
  aliasNames?: string[];
}

/** The inputs an AWS rule (`aws.vpc.SecurityGroupIngressRule`/`EgressRule`) is registered with: one peer each. */
export interface AwsRuleInputs {
  [input: string]: unknown;
  /** The group's id, or {@link UNKNOWN} in a preview before the group exists. */
  securityGroupId: string;
  /** `tcp`, `udp`, or `-1` (all). */
  ipProtocol: string;
  fromPort?: number;
  toPort?: number;
  cidrIpv4?: string;
  cidrIpv6?: string;
  referencedSecurityGroupId?: string;
  prefixListId?: string;
  description?: string;
  tags?: Record<string, string>;
}

/** The inputs a Neutron rule (`openstack.networking.SecGroupRule`) is registered with. */
export interface OpenStackRuleInputs {
  [input: string]: unknown;
  /** The group's id, or {@link UNKNOWN} in a preview before the group exists. */
  securityGroupId: string;
  direction: "ingress" | "egress";
  ethertype: "IPv4" | "IPv6";
  /** `tcp`, `udp`, …; unset for every protocol. */
  protocol?: string;
  portRangeMin?: number;
  portRangeMax?: number;
  remoteIpPrefix?: string;
  remoteGroupId?: string;
  description?: string;
  region?: string;
  tenantId?: string;
}

/** The inputs of a security group either cloud registers. */
export interface GroupInputs {
  [input: string]: unknown;
  name?: string;
  description?: string;
  /** AWS: `Record<string, string>`; OpenStack: a list of strings. */
  tags?: Record<string, string> | string[];
}

/** Recorded inputs by type token: `recorder.ofType(token)` and `recorder.named(name, token)` give these without casts. */
export interface RecordedInputs {
  "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": AwsRuleInputs;
  "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": AwsRuleInputs;
  "aws:ec2/securityGroup:SecurityGroup": GroupInputs & { vpcId?: string; revokeRulesOnDelete?: boolean };
  "openstack:networking/secGroupRule:SecGroupRule": OpenStackRuleInputs;
  "openstack:networking/secGroup:SecGroup": GroupInputs & { deleteDefaultRules?: boolean; region?: string; tenantId?: string };
}

export interface MockOptions {
  project?: string;
  stack?: string;
  /** Configuration as `pulumi config` holds it: `{ "project:key": value }`; objects become structured config. */
  config?: Record<string, unknown>;
  /** Results for provider functions (invokes) by token, e.g. `{ "aws:ec2/getVpc:getVpc": { id: "vpc-1" } }`. */
  calls?: Record<string, Record<string, unknown>>;
  /** Print Pulumi warnings as well as recording them. Default false. */
  echoWarnings?: boolean;
  /**
   * Run as `pulumi preview` does: resources get no ids, so an id (and anything computed from one)
   * is unknown; recorded inputs show {@link UNKNOWN} there. Default false (as `pulumi up`).
   */
  preview?: boolean;
  /**
   * The `@pulumi/pulumi` module to install the mocks in. Default: the one portcatalog resolves,
   * which is the program's own when portcatalog is installed next to it (a peer dependency).
   */
  sdk?: typeof pulumi;
}

/** What a recorded input holds where `pulumi preview` would show a value that is not known yet. */
export const UNKNOWN = "<unknown>";

function recordable(value: unknown, sdk: typeof pulumi): unknown {
  if (sdk.isUnknown(value)) return UNKNOWN;
  if (Array.isArray(value)) return value.map((v) => recordable(v, sdk));
  if (value && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, recordable(v, sdk)]));
  }
  return value;
}

/**
 * azure-native types the components create, and the input that names each in Azure. The provider's
 * Check fills a name the program leaves unset (the logical name and a random suffix), so the name,
 * and the `name` output taken from it, are known in `pulumi preview` too.
 */
const AZURE_NAME_INPUTS: Record<string, string> = {
  "azure-native:network:NetworkSecurityGroup": "networkSecurityGroupName",
  "azure-native:network:ApplicationSecurityGroup": "applicationSecurityGroupName",
  "azure-native:network:SecurityRule": "securityRuleName",
};

/**
 * A resource's inputs after the engine's Check, as far as the mocks model it: azure-native's auto-name, and the
 * Kubernetes provider's: an object without `metadata.name` is named `<logical name>-<8 random characters>`
 * (deterministic here). portcatalog's policies always give the name, so theirs stay as given.
 */
function checked(type: string, name: string, inputs: Record<string, unknown>): Record<string, unknown> {
  if (type.startsWith("kubernetes:")) {
    const metadata = (inputs.metadata && typeof inputs.metadata === "object" ? inputs.metadata : {}) as Record<string, unknown>;
    if (metadata.name !== undefined) return inputs;
    return { ...inputs, metadata: { ...metadata, name: `${name}-${createHash("sha256").update(name).digest("hex").slice(0, 8)}` } };
  }
  const field = AZURE_NAME_INPUTS[type];
  if (!field || inputs[field] !== undefined) return inputs;
  return { ...inputs, [field]: `${name}${createHash("sha256").update(name).digest("hex").slice(0, 8)}` };
}

/** The outputs the mock provider gives: the checked inputs, and an azure-native resource's `name` from its name input. */
function mockState(type: string, name: string, inputs: Record<string, unknown>): Record<string, unknown> {
  const state = checked(type, name, inputs);
  const field = AZURE_NAME_INPUTS[type];
  return field ? { ...state, name: state[field] } : { ...state };
}

/** Everything a program registered under the mocks, and the warnings it logged. */
export class MockRecorder {
  readonly resources: RegisteredResource[] = [];
  readonly warnings: string[] = [];
  /** What the engine would have refused (e.g. a duplicate URN), in its words; {@link settled} throws the first. */
  readonly errors: string[] = [];
  private pending = 0;
  /** @internal */
  readonly urns = new Set<string>();

  /** @internal */
  begin(): void {
    this.pending++;
  }

  /** @internal */
  end(): void {
    this.pending--;
  }

  /** Resources of one type token, e.g. `aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule`; typed inputs for the types {@link RecordedInputs} lists. */
  ofType<T extends keyof RecordedInputs>(type: T): RegisteredResource<RecordedInputs[T]>[];
  ofType(type: string): RegisteredResource[];
  ofType(type: string): RegisteredResource[] {
    return this.resources.filter((r) => r.type === type);
  }

  /** The resource with this logical name (and type, when names repeat across types). */
  named<T extends keyof RecordedInputs>(name: string, type: T): RegisteredResource<RecordedInputs[T]>;
  named(name: string, type?: string): RegisteredResource;
  named(name: string, type?: string): RegisteredResource {
    const found = this.resources.filter((r) => r.name === name && (!type || r.type === type));
    if (found.length !== 1) throw new Error(`expected one resource named ${name}${type ? ` of type ${type}` : ""}, found ${found.length}`);
    return found[0];
  }

  /** Direct children of a resource. */
  childrenOf(resource: RegisteredResource): RegisteredResource[] {
    return this.resources.filter((r) => r.parent === resource.urn);
  }

  /**
   * Waits until every registration the program started has been answered. Components register
   * children after their inputs resolve, so this waits for quiet rather than for one promise.
   * Rejects with the engine's message when the program registered what the engine refuses.
   */
  async settled(): Promise<void> {
    let quiet = 0;
    let seen = -1;
    for (let i = 0; i < 10_000 && quiet < 5; i++) {
      await new Promise((r) => setImmediate(r));
      quiet = this.pending === 0 && this.resources.length === seen ? quiet + 1 : 0;
      seen = this.resources.length;
    }
    if (this.errors.length) throw new Error(this.errors[0]);
  }
}

let restoreWarn: (() => void) | undefined;

/**
 * Installs Pulumi mocks that record every registration (type, name, parent, resolved inputs) and
 * every warning. Call it before constructing resources; call it again to start afresh.
 *
 * ```ts
 * const recorder = await setupMocks();
 * new AnboxApplianceSecurityGroup("anbox", { vpcId: "vpc-1" });
 * await recorder.settled();
 * recorder.ofType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule");
 * ```
 */
export async function setupMocks(options: MockOptions = {}): Promise<MockRecorder> {
  const sdk = options.sdk ?? pulumi;
  const recorder = new MockRecorder();
  const calls = options.calls ?? {};
  const preview = options.preview ?? false;
  await sdk.runtime.setMocks(
    {
      // A new resource has no id before it is created: `pulumi preview` shows it as unknown.
      newResource: (args) => ({ id: args.custom === false || preview ? undefined : `${args.name}-id`, state: mockState(args.type, args.name, args.inputs) }),
      call: (args) => calls[args.token] ?? { ...args.inputs, id: `${args.token.split(":").pop()}-id` },
    },
    options.project ?? "project",
    options.stack ?? "stack",
    preview,
  );
  const config: Record<string, string> = {};
  for (const [k, v] of Object.entries(options.config ?? {})) config[k] = typeof v === "string" ? v : JSON.stringify(v);
  sdk.runtime.setAllConfig(config);

  // Parents and resolved inputs are only visible at the monitor: record them there.
  // biome-ignore lint/suspicious/noExplicitAny: the mock monitor's request objects are protobuf messages
  const monitor = sdk.runtime.getMonitor() as any;
  const register = monitor.registerResource.bind(monitor);
  // biome-ignore lint/suspicious/noExplicitAny: as above
  monitor.registerResource = (req: any, callback: (err: unknown, res: any) => void) => {
    recorder.begin();
    const record: RegisteredResource = {
      type: req.getType(),
      name: req.getName(),
      urn: "",
      parent: req.getParent() || undefined,
      custom: req.getCustom(),
      inputs: recordable(checked(req.getType(), req.getName(), sdk.runtime.deserializeProperties(req.getObject())), sdk) as Record<string, unknown>,
      provider: req.getProvider() || undefined,
      ...dependenciesOf(req),
      ...aliasNamesOf(req),
    };
    // biome-ignore lint/suspicious/noExplicitAny: as above
    return register(req, (err: unknown, res: any) => {
      if (!err && recorder.urns.has(res.getUrn())) {
        // The engine refuses this in `pulumi preview` and `up`: pulumi/pulumi diag.GetDuplicateResourceURNError (2001).
        // Recorded for settled() to throw rather than failed here: a failed registration rejects
        // promises nobody awaits, and Node would print each with a stack.
        recorder.errors.push(`Duplicate resource URN '${res.getUrn()}'; try giving it a unique name`);
      } else if (!err) {
        recorder.urns.add(res.getUrn());
        record.urn = res.getUrn();
        if (res.getId()) record.id = res.getId();
        recorder.resources.push(record);
      }
      recorder.end();
      callback(err, res);
    });
  };

  restoreWarn?.();
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    const text = args.map(String).join(" ");
    const prefix = "warning: [runtime] ";
    if (text.startsWith(prefix)) {
      recorder.warnings.push(text.slice(prefix.length));
      if (!options.echoWarnings) return;
    }
    warn(...args);
  };
  restoreWarn = () => {
    console.warn = warn;
  };
  return recorder;
}

// biome-ignore lint/suspicious/noExplicitAny: Output's promise() and isKnown are internal to the SDK
const internals = (output: pulumi.Output<unknown>) => output as any as { promise(): Promise<unknown>; isKnown: Promise<boolean> };

/**
 * The value of an output, once the mocks have resolved it. In preview mode a value that is not
 * known yet (an id, or anything computed from one) rejects: check {@link isKnown} first.
 */
export async function resolve<T>(output: pulumi.Output<T>): Promise<T> {
  const o = internals(output);
  if (!(await o.isKnown)) throw new Error("the value is unknown until the resource is created (preview mode); check isKnown() first");
  return (await o.promise()) as T;
}

/** Whether an output's value is known: in preview mode ids are not, as in `pulumi preview`. */
export function isKnown(output: pulumi.Output<unknown>): Promise<boolean> {
  return internals(output).isKnown;
}

// biome-ignore lint/suspicious/noExplicitAny: the monitor's request is a protobuf message
function dependenciesOf(req: any): Pick<RegisteredResource, "dependencies" | "propertyDependencies"> {
  const dependencies = (req.getDependenciesList?.() ?? []) as string[];
  const propertyDependencies: Record<string, string[]> = {};
  // biome-ignore lint/suspicious/noExplicitAny: as above
  req.getPropertydependenciesMap?.()?.forEach((deps: any, field: string) => {
    const urns = deps.getUrnsList() as string[];
    if (urns.length) propertyDependencies[field] = urns;
  });
  return { ...(dependencies.length ? { dependencies } : {}), ...(Object.keys(propertyDependencies).length ? { propertyDependencies } : {}) };
}

// biome-ignore lint/suspicious/noExplicitAny: the monitor's request is a protobuf message
function aliasNamesOf(req: any): { aliasNames?: string[] } {
  // biome-ignore lint/suspicious/noExplicitAny: as above
  const names = ((req.getAliasesList?.() ?? []) as any[]).map((a) => a.getSpec?.()?.getName?.()).filter((n): n is string => typeof n === "string" && n.length > 0);
  return names.length ? { aliasNames: names } : {};
}
