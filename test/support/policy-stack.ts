// Policy-runtime stand-ins for the stack-level tests: resources as the engine hands them to a
// stack policy (props behind @pulumi/policy's unknown-checking proxy, property dependencies by URN).
import { type ResourceValidationArgs, type ResourceValidationPolicy, type StackValidationArgs, type StackValidationPolicy, unknownCheckingProxy } from "@pulumi/policy";

export interface Res {
  type: string;
  name: string;
  props: Record<string, unknown>;
  /** Its URN; default {@link urnOf}. */
  urn?: string;
  /** Property name -> URNs of resources that property depends on. */
  deps?: Record<string, string[]>;
}

export const T = {
  sg: "aws:ec2/securityGroup:SecurityGroup",
  in: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
  rule: "aws:ec2/securityGroupRule:SecurityGroupRule",
  osGroup: "openstack:networking/secGroup:SecGroup",
  osRule: "openstack:networking/secGroupRule:SecGroupRule",
} as const;

export const urnOf = (r: { type: string; name: string }) => `urn:pulumi:dev::proj::${r.type}::${r.name}`;

export function stackArgs(resources: Res[], config: Record<string, unknown> = {}): StackValidationArgs {
  const all = resources.map((r) => ({ type: r.type, name: r.name, urn: r.urn ?? urnOf(r), props: unknownCheckingProxy(r.props), propertyDependencies: {} as Record<string, unknown[]> }));
  for (const [i, r] of resources.entries()) {
    for (const [field, urns] of Object.entries(r.deps ?? {})) all[i].propertyDependencies[field] = urns.map((u) => all.find((x) => x.urn === u)).filter(Boolean);
  }
  return { resources: all, getConfig: <T>() => config as T } as unknown as StackValidationArgs;
}

export function stackViolations(policy: StackValidationPolicy, args: StackValidationArgs): string[] {
  const found: string[] = [];
  policy.validateStack(args, (message: string) => found.push(message));
  return found;
}

export function resourceViolations(policy: ResourceValidationPolicy, r: Res, config: Record<string, unknown> = {}): string[] {
  const found: string[] = [];
  const a = { type: r.type, name: r.name, urn: urnOf(r), props: unknownCheckingProxy(r.props), getConfig: <T>() => config as T } as unknown as ResourceValidationArgs;
  const v = policy.validateResource;
  for (const f of Array.isArray(v) ? v : [v]) f?.(a, (m: string) => found.push(m));
  return found;
}

