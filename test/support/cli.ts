import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { main } from "../../cli/main.js";

const ROOT = join(__dirname, "..", "..");

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the CLI's `main` in this process with its output captured: the same code path as the
 * binary minus Node's start (1-2 s a process). `runCliProcess` keeps a real process for smoke tests.
 */
export async function runCli(args: string[]): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  // As the process runs it in the tests: no stack traces on errors.
  const debug = process.env.PORTCATALOG_DEBUG;
  delete process.env.PORTCATALOG_DEBUG;
  try {
    const status = await main(args, { stdout: (text) => void (stdout += text), stderr: (text) => void (stderr += text) });
    return { status, stdout, stderr };
  } finally {
    if (debug !== undefined) process.env.PORTCATALOG_DEBUG = debug;
  }
}

/** Runs the real CLI in a child process, as a user would: exit code and streams included. */
export function runCliProcess(args: string[]): CliResult {
  const r = spawnSync(process.execPath, ["--import", "tsx", join(ROOT, "cli", "main.ts"), ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, PORTCATALOG_DEBUG: "" },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
