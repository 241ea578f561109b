import { closeSync, existsSync, fsyncSync, lstatSync, openSync, realpathSync, renameSync, rmSync, statSync, writeSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { PortcatalogError } from "../catalog/errors.js";

/** A path's real location: symlinks resolved, or its directory's real path plus its name when it does not exist yet. */
function realLocation(file: string): string {
  const full = resolve(file);
  try {
    return realpathSync(full);
  } catch {
    try {
      return join(realpathSync(dirname(full)), basename(full));
    } catch {
      return full;
    }
  }
}

/** Whether two paths are one file on disk: the same device and inode, whatever the spelling (symlinks, hard links, a case-insensitive file system). */
function sameFile(a: string, b: string): boolean {
  try {
    const x = statSync(a);
    const y = statSync(b);
    return x.dev === y.dev && x.ino === y.ino;
  } catch {
    return false;
  }
}

/**
 * The one way the CLI writes a file: never onto one of its inputs (symlinks resolved, the same file under
 * another name or case), never over an
 * existing file without `--force`, and atomically (a temporary file in the same directory, flushed,
 * then renamed), so a failure leaves the earlier file whole and no temporary file behind.
 * `flag` names the option in errors, e.g. `--out`.
 */
export function writeOutputFile(flag: string, file: string, content: string, options: { inputs?: readonly string[]; force?: boolean } = {}): void {
  const shown = `${flag} ${file}`;
  const target = realLocation(file);
  for (const input of options.inputs ?? []) {
    if (realLocation(input) === target || sameFile(input, file)) throw new PortcatalogError(`${shown}: is the input ${JSON.stringify(input)}; write the output to another file`);
  }
  let exists = false;
  try {
    exists = !!lstatSync(file);
  } catch {}
  if (exists && !options.force) throw new PortcatalogError(`${shown}: the file exists; give --force to replace it`);
  // Write where the link points, so replacing a symlinked output keeps the link.
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}.${Date.now()}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(temp, "wx", 0o644);
    writeSync(fd, content);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(temp, target);
  } catch (err) {
    if (fd !== undefined) closeSync(fd);
    if (existsSync(temp)) rmSync(temp, { force: true });
    throw new PortcatalogError(`${shown}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}
