// One whole process of the library's side of the stack benchmark: an example stack's program (the
// components, catalog and planner it imports) under the same Pulumi mocks as the hand-written
// program, with the stack's config given as Pulumi gives it (no YAML read here). Prints the
// registered resources' fingerprint.
import { type MockOptions, setupMocks } from "../testing/index.js";
import { fingerprint } from "./fingerprint.js";

async function run(): Promise<void> {
  // The same mocks and config as the hand-written program, given the same way.
  const mocks = JSON.parse(process.argv[2]) as MockOptions & { stack: string };
  const recorder = await setupMocks(mocks);
  const stack = mocks.stack;
  // Only this stack's program: a user's program imports its own components, not every example. The
  // bench gives the program to run (the example importing the built package); the sources otherwise.
  const module = (await import(process.argv[3] ?? `../stacks/examples/${stack}.js`)) as Record<string, { run?: () => unknown }>;
  const example = Object.values(module).find((v) => typeof v?.run === "function");
  if (!example?.run) throw new Error(`stacks/examples/${stack}.ts exports no example`);
  example.run();
  await recorder.settled();
  process.stdout.write(`${JSON.stringify(fingerprint(recorder.resources))}\n`);
  process.exit(0);
}

run().catch((err) => {
  process.stderr.write(`${(err as Error).stack}\n`);
  process.exit(1);
});
