// Run as its own process by test/loading.test.ts: one example stack's program under the mocks, as
// `pulumi preview` runs it, then prints every file the process loaded (relative to the repository).
import { join, relative } from "node:path";
import { type MockOptions, setupMocks } from "../../testing/index.js";

const ROOT = join(__dirname, "..", "..");

async function run(): Promise<void> {
  const mocks = JSON.parse(process.argv[2]) as MockOptions & { stack: string };
  const recorder = await setupMocks(mocks);
  const module = (await import(`../../stacks/examples/${mocks.stack}.js`)) as Record<string, { run?: () => unknown }>;
  const example = Object.values(module).find((v) => typeof v?.run === "function");
  if (!example?.run) throw new Error(`stacks/examples/${mocks.stack}.ts exports no example`);
  example.run();
  await recorder.settled();
  process.stdout.write(`${JSON.stringify({ resources: recorder.resources.length, files: Object.keys(require.cache).map((f) => relative(ROOT, f)) })}\n`);
  process.exit(0);
}

run().catch((err) => {
  process.stderr.write(`${(err as Error).stack}\n`);
  process.exit(1);
});
