import { type ParseArgsConfig, parseArgs as nodeParseArgs } from "node:util";
import { PortcatalogError } from "../catalog/errors.js";

/**
 * `util.parseArgs` in strict mode, with its errors turned into one line that names the bad
 * option and lists the valid ones.
 */
export function parseArgs<T extends ParseArgsConfig>(config: T & { args: string[] }): ReturnType<typeof nodeParseArgs<T>> {
  try {
    return nodeParseArgs<T>({ strict: true, ...config });
  } catch (err) {
    const valid = Object.entries(config.options ?? {})
      .map(([name, o]) => `--${name}${o.type === "string" ? " <value>" : ""}`)
      .join(", ");
    const message = (err as Error).message.split("\n")[0].replace(/\. To specify a positional.*$/, "");
    throw new PortcatalogError(`${message}; valid options: ${valid || "none"}`);
  }
}
