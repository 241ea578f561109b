import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import { oneOf, PortcatalogError } from "../catalog/errors.js";
import { type MockRecorder, setupMocks } from "../testing/index.js";
import { EXAMPLES, type Example, type ExampleResult } from "./examples/index.js";

const ROOT = join(__dirname, "..");

/** Stacks that have both a program and a `stacks/Pulumi.<stack>.yaml`. */
export function stackNames(): string[] {
  const files = readdirSync(join(ROOT, "stacks")).flatMap((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1] ?? []);
  return files.filter((s) => s in EXAMPLES).sort();
}

function projectName(): string {
  const project = parseYaml(readFileSync(join(ROOT, "Pulumi.yaml"), "utf8")) as { name: string };
  return project.name;
}

/** The stack's config as `pulumi config` holds it. */
export function stackConfig(stack: string): Record<string, unknown> {
  const file = join(ROOT, "stacks", `Pulumi.${stack}.yaml`);
  if (!existsSync(file)) return {};
  const doc = parseYaml(readFileSync(file, "utf8")) as { config?: Record<string, unknown> } | null;
  return doc?.config ?? {};
}

export interface OfflineRun {
  stack: string;
  example: Example;
  result: ExampleResult;
  recorder: MockRecorder;
}

/**
 * Runs a stack's program in-process under the Pulumi SDK's mocks with the stack's config, and
 * waits until every resource has registered. Nothing reaches a cloud.
 */
export async function runStackOffline(stack: string): Promise<OfflineRun> {
  const stacks = stackNames();
  if (!stacks.includes(stack)) throw new PortcatalogError(`unknown stack "${stack}": use ${oneOf(stacks)}`);
  const recorder = await setupMocks({
    project: projectName(),
    stack,
    config: stackConfig(stack),
    // The AWS examples look up the region's default VPC when no vpcId is configured.
    calls: { "aws:ec2/getVpc:getVpc": { id: "vpc-0default" } },
  });
  const example = EXAMPLES[stack];
  const result = example.run();
  await recorder.settled();
  return { stack, example, result, recorder };
}
