#!/usr/bin/env node
import { didYouMean } from "../catalog/errors.js";
import { printable } from "./table.js";

/** What a command prints, and the exit code when it is not 0 (`plan --diff` exits 2 on changes). */
export type CommandResult = string | { output: string; exitCode: number };
export type Command = (argv: string[]) => CommandResult | Promise<CommandResult>;

/** Where `main` writes; the default is the process's stdout and stderr. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

interface CommandEntry {
  usage: string;
  /** Loaded on demand: `catalog` and `conflicts` never load a Pulumi package. */
  load(): Command;
}

// A new command is one entry here and one module in cli/.
const COMMANDS = new Map<string, CommandEntry>([
  [
    "plan",
    {
      usage: "plan       [--stack S] [--cwd DIR]  the Pulumi project here (or in DIR) under mocks, its only stack unless --stack names one; --example E for one of portcatalog's examples (the default outside a Pulumi project: anbox-appliance); --json, --markdown, --diff FILE, --preview",
      load: () => (require("./plan-command.js") as typeof import("./plan-command.js")).planCommand,
    },
  ],
  [
    "catalog",
    {
      usage: "catalog    list catalog entries: --catalog --variant --service --role --audience --protocol --direction --feature --port N --file F --json",
      load: () => (require("./catalog-command.js") as typeof import("./catalog-command.js")).catalogCommand,
    },
  ],
  [
    "conflicts",
    {
      usage: "conflicts  ports that collide when products share a host: conflicts <catalog/variant> <catalog/variant> ... [--json]",
      load: () => (require("./catalog-command.js") as typeof import("./catalog-command.js")).conflictsCommand,
    },
  ],
  [
    "audit",
    {
      usage:
        "audit      audit exported groups (aws ec2 describe-security-group-rules, openstack security group rule list --long, Neutron API JSON, az network nsg show, kubectl get networkpolicy/pods/namespaces -o json): audit <file>... [--products P,... --release R --sources JSON --features F,... --group ID --role-groups JSON] [--json|--markdown]; exit 2 on findings",
      load: () => (require("./audit-command.js") as typeof import("./audit-command.js")).auditCommand,
    },
  ],
  [
    "import",
    {
      usage: "import     Pulumi import file adopting an exported group into a component: import <file>... --component <Class> --name <name> --out <file> [--force] [--products P,... --args JSON --stack S --project P]",
      load: () => (require("./import-command.js") as typeof import("./import-command.js")).importCommand,
    },
  ],
  [
    "docs",
    {
      usage: "docs       the catalog as Markdown; --write FILE writes it to FILE (--force replaces an existing one)",
      load: () => (require("./docs-command.js") as typeof import("./docs-command.js")).docsCommand,
    },
  ],
]);

const USAGE = ["usage: portcatalog <command> [options]", "commands:", ...[...COMMANDS.values()].map((c) => `  ${c.usage}`)].join("\n");

const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

/** Runs one command; returns the exit code. Errors are one printable line, the stack only with PORTCATALOG_DEBUG. */
export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h") {
    io.stdout(`${USAGE}\n`);
    return name ? 0 : 2;
  }
  const entry = COMMANDS.get(name);
  // Every command's --help: its usage line, before any option is parsed.
  if (entry && rest.some((a) => a === "--help" || a === "-h")) {
    io.stdout(`usage: portcatalog ${entry.usage.replace(/^(\S+)\s+/, "$1  ")}\n`);
    return 0;
  }
  return runCommand(() => {
    if (!entry) throw new Error(`unknown command "${name}": ${didYouMean(name, [...COMMANDS.keys()])}use ${[...COMMANDS.keys()].join(", ")}`);
    return entry.load()(rest);
  }, rest, io);
}

/** Runs a command function as the bin does: printable output, one-line errors, an exit code (also set on the process when it is the default io). */
export async function runCommand(command: Command, argv: string[], io: CliIo = processIo): Promise<number> {
  const code = await runCaught(command, argv, io);
  if (io === processIo) process.exitCode = code;
  return code;
}

/**
 * An error as one printable line. Newlines are escaped, not cut at: a file name holding one keeps
 * its tail and the reason. Stack frames some errors carry in their message (`    at …`) are dropped.
 */
export function oneLine(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const kept = message.split("\n").filter((line) => !/^\s+at .+/.test(line));
  return printable(kept.join("\n").trim(), false);
}

async function runCaught(command: Command, argv: string[], io: CliIo): Promise<number> {
  try {
    const result = await command(argv);
    const { output, exitCode } = typeof result === "string" ? { output: result, exitCode: 0 } : result;
    io.stdout(`${printable(output)}\n`);
    return exitCode;
  } catch (err) {
    io.stderr(`portcatalog: ${oneLine(err)}\n`);
    if (process.env.PORTCATALOG_DEBUG) io.stderr(`${printable(String((err as Error)?.stack ?? err))}\n`);
    return 1;
  }
}

if (require.main === module) {
  // Stacks print only with PORTCATALOG_DEBUG, and mapping them back to TypeScript (tsx turns source
  // maps on) is a third of a plan: the Pulumi SDK takes a stack for every promise it makes.
  if (!process.env.PORTCATALOG_DEBUG) process.setSourceMapsEnabled(false);
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
