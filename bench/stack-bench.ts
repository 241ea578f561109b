import { performance } from "node:perf_hooks";
import * as pulumi from "@pulumi/pulumi";
import { aws } from "../components/providers.js";
import { runStackOffline, stackNames } from "../stacks/offline.js";
import { type RegisteredResource, setupMocks } from "../testing/index.js";
import { sdkClass } from "./resource-classes.js";

type Ctor = new (name: string, args: never, opts?: pulumi.CustomResourceOptions) => pulumi.CustomResource;

/**
 * The hand-written equivalent of a stack: the same resources, names, parents and inputs,
 * registered directly with literal arguments (group ids wired as outputs, as a person would).
 */
function registerDirectly(resources: RegisteredResource[]): void {
  const byUrn = new Map<string, pulumi.Resource>();
  const byId = new Map<string, pulumi.CustomResource>();
  const pending = [...resources];
  // Parents first: register whatever's parent is already there, until everything is.
  while (pending.length) {
    const next = pending.findIndex((r) => !r.parent || byUrn.has(r.parent));
    const [r] = pending.splice(next === -1 ? 0 : next, 1);
    const parent = r.parent ? byUrn.get(r.parent) : undefined;
    if (!r.custom) {
      byUrn.set(r.urn, new pulumi.ComponentResource(r.type, r.name, {}, { parent }));
      continue;
    }
    const inputs: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(r.inputs)) inputs[k] = typeof v === "string" && byId.has(v) ? byId.get(v)?.id : v;
    if (inputs.vpcId === "vpc-0default") inputs.vpcId = aws().ec2.getVpcOutput({ default: true }).id;
    const resource = new (sdkClass(r.type) as Ctor)(r.name, inputs as never, { parent });
    byUrn.set(r.urn, resource);
    if (r.id) byId.set(r.id, resource);
  }
}

export interface StackBenchRow {
  stack: string;
  resources: number;
  /** Median milliseconds: the example program (catalog, planner, components) until every resource registered. */
  planMs: number;
  /** Median milliseconds: the same resources registered directly, in the same run. */
  directMs: number;
  /** planMs / directMs; the target is at most 1.1. */
  ratio: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function benchStacks(iterations = 7): Promise<StackBenchRow[]> {
  const rows: StackBenchRow[] = [];
  for (const stack of stackNames()) {
    const reference = await runStackOffline(stack);
    const recorded = reference.recorder.resources;
    const planTimes: number[] = [];
    const directTimes: number[] = [];
    // Alternate the two so drift in the machine's load hits both alike.
    for (let i = 0; i < iterations; i++) {
      let t0 = performance.now();
      const run = await runStackOffline(stack);
      planTimes.push(performance.now() - t0);
      if (run.recorder.resources.length !== recorded.length) throw new Error(`${stack}: registered ${run.recorder.resources.length} resources, expected ${recorded.length}`);

      const recorder = await setupMocks({ project: "portcatalog-examples", stack, calls: { "aws:ec2/getVpc:getVpc": { id: "vpc-0default" } } });
      t0 = performance.now();
      registerDirectly(recorded);
      await recorder.settled();
      directTimes.push(performance.now() - t0);
      if (recorder.resources.length !== recorded.length) throw new Error(`${stack}: the direct program registered ${recorder.resources.length} resources, expected ${recorded.length}`);
    }
    const planMs = median(planTimes);
    const directMs = median(directTimes);
    rows.push({ stack, resources: recorded.length, planMs: Number(planMs.toFixed(2)), directMs: Number(directMs.toFixed(2)), ratio: Number((planMs / directMs).toFixed(3)) });
  }
  return rows;
}
