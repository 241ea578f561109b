#!/usr/bin/env node
import { auditCommand } from "./audit-command.js";
import { benchCommand } from "./bench-command.js";
import { catalogCommand, conflictsCommand } from "./catalog-command.js";
import { docsCommand } from "./docs-command.js";
import { importCommand } from "./import-command.js";
import { planCommand } from "./plan-command.js";

const USAGE = `usage: portcatalog <command> [options]
commands:
  plan       offline plan of an example stack (default anbox-appliance) under Pulumi mocks [--json]
  catalog    list catalog entries: --catalog --variant --service --role --audience --protocol --direction --feature --port N --file F --json
  conflicts  ports that collide when products share a host: conflicts <catalog/variant> <catalog/variant> ... [--json]
  docs       print docs/catalog.md (--write rewrites it)
  bench      planner benchmark: entries, naive vs planned rules, lower bound, time [--json]
  audit      audit exported groups (aws ec2 describe-security-group-rules, openstack security group rule list --long, Neutron API JSON): audit <file>... [--products P,... --sources JSON --features F,... --group ID] [--json|--markdown]; exit 2 on findings
  import     Pulumi import file adopting an exported group into a component: import <file>... --component <Class> --name <name> --out <file> [--products P,... --args JSON --stack S --project P]`;

/** A command's output, and its exit code when it is not 0 (audit, import and plan --diff use 2 for "findings" or "changes"). */
export type CommandResult = string | { output: string; exitCode: number };
type Command = (argv: string[]) => CommandResult | Promise<CommandResult>;
const COMMANDS: Record<string, Command> = { catalog: catalogCommand, conflicts: conflictsCommand, docs: docsCommand, bench: benchCommand, plan: planCommand, audit: auditCommand, import: importCommand };

/** Where the CLI writes: the process's streams, or a caller's (tests run the CLI in-process). */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

const PROCESS_IO: CliIo = { stdout: (text) => process.stdout.write(text), stderr: (text) => process.stderr.write(text) };

export async function main(argv: string[], io: CliIo = PROCESS_IO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h") {
    io.stdout(`${USAGE}\n`);
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  try {
    if (!command) throw new Error(`unknown command "${name}": use ${Object.keys(COMMANDS).join(", ")}`);
    const result = await command(rest);
    io.stdout(`${typeof result === "string" ? result : result.output}\n`);
    return typeof result === "string" ? 0 : result.exitCode;
  } catch (err) {
    // One readable line for the user; the stack only on request.
    const message = err instanceof Error ? err.message : String(err);
    io.stderr(`portcatalog: ${message.split("\n")[0]}\n`);
    if (process.env.PORTCATALOG_DEBUG) io.stderr(`${(err as Error).stack}\n`);
    return 1;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
