import { benchPlanner } from "../bench/planner-bench.js";
import { benchStacks } from "../bench/stack-bench.js";
import { AWS_RULES_PER_GROUP } from "../components/aws/profile.js";
import { formatTable } from "./table.js";
import { parseArgs } from "./args.js";

/** `portcatalog bench [--json]`: measured in a real run, never asserted in tests. */
export async function benchCommand(argv: string[]): Promise<string> {
  const { values } = parseArgs({ args: argv, options: { json: { type: "boolean", default: false } }, strict: true });
  const planner = benchPlanner();
  const stacks = await benchStacks();
  const wso2 = planner.find((r) => r.selection === "whole WSO2 platform on one host");
  const fits = wso2 ? wso2.awsGroups <= 1 : undefined;
  if (values.json) return JSON.stringify({ planner, wso2FitsOneAwsGroup: fits, stacks }, null, 2);
  const table = formatTable(
    ["SELECTION", "ENTRIES", "NAIVE RULES", "PLANNED", "LOWER BOUND", "FULLEST AWS BUCKET", "AWS GROUPS (BOUND)", "PLAN MS"],
    planner.map((r) => [r.selection, String(r.entries), String(r.naiveRules), String(r.plannedRules), String(r.lowerBound), `${r.fullestAwsBucket.rules} ${r.fullestAwsBucket.bucket}`, `${r.awsGroups} (${r.awsGroupLowerBound})`, r.planMs.toFixed(3)]),
  );
  const verdict = wso2
    ? `Whole WSO2 platform on one host: ${wso2.plannedRules} planned rules, at most ${wso2.fullestAwsBucket.rules} in one direction and family (${wso2.fullestAwsBucket.bucket}) against AWS's default ${AWS_RULES_PER_GROUP} per group: ${fits ? "fits one group" : `does not fit one group (needs ${wso2.awsGroups})`}.`
    : "";
  return [
    "Planner (AWS, every feature on, admin from 10.0.0.0/8; median of 30 runs):",
    table,
    "",
    verdict,
    "",
    "Example stacks under Pulumi mocks vs the same resources registered directly (median of 7 alternating runs; target ratio <= 1.1):",
    formatTable(
      ["STACK", "RESOURCES", "PLAN MS", "DIRECT MS", "RATIO"],
      stacks.map((r) => [r.stack, String(r.resources), r.planMs.toFixed(2), r.directMs.toFixed(2), r.ratio.toFixed(3)]),
    ),
  ].join("\n");
}

// A development script (`npm run bench`), not a command of the published bin.
if (require.main === module) {
  void import("./main.js").then(({ runCommand }) => runCommand(benchCommand, process.argv.slice(2)));
}
