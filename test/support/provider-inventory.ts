// Reads @pulumi/aws's and @pulumi/openstack's declarations for every resource type whose arguments,
// at any depth of their input types, hold a port, a port range or a port-security switch.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";

const PORT_FIELDS = /^(fromPort|toPort|portRangeMin|portRangeMax|portRange|protocolPort|destinationPort|destinationPortRange|sourcePort|sourcePortRange|portInfos|ec2InboundPermissions|portSecurityEnabled|allowedCidrs)$/;

type Fields = [name: string, type: string][];
const fieldsOf = (body: string): Fields => [...body.matchAll(/^\s+(\w+)\??:\s*(.*)$/gm)].map((m) => [m[1], m[2]]);

/** `ec2.SecurityGroupIngress` -> its fields, from types/input.d.ts (interfaces inside nested namespaces). */
function inputTypes(root: string): Map<string, Fields> {
  const text = readFileSync(join(root, "types", "input.d.ts"), "utf8");
  const spaces = [...text.matchAll(/^( *)export declare namespace (\w+) \{|^( *)namespace (\w+) \{/gm)].map((m) => ({ at: m.index ?? 0, indent: (m[1] ?? m[3]).length, name: m[2] ?? m[4] }));
  const out = new Map<string, Fields>();
  for (const m of text.matchAll(/^( *)(?:export )?interface (\w+) \{([\s\S]*?)\n\1\}/gm)) {
    const path: { indent: number; name: string }[] = [];
    for (const s of spaces) {
      if (s.at > (m.index ?? 0)) break;
      while (path.length && path[path.length - 1].indent >= s.indent) path.pop();
      path.push(s);
    }
    while (path.length && path[path.length - 1].indent >= m[1].length) path.pop();
    out.set([...path.map((p) => p.name), m[2]].join("."), fieldsOf(m[3]));
  }
  return out;
}

/** Pulumi type tokens (`aws:ec2/securityGroup:SecurityGroup`) of every resource that can hold a port, with the fields that do. */
export function portHoldingTypes(pkg: "aws" | "openstack"): Map<string, string[]> {
  const root = dirname(require.resolve(`@pulumi/${pkg}/package.json`));
  const types = inputTypes(root);
  const found = new Map<string, string[]>();
  const portPaths = (fields: Fields, prefix: string, depth: number, seen: Set<string>): string[] =>
    fields.flatMap(([name, type]) => [
      ...(PORT_FIELDS.test(name) ? [`${prefix}${name}`] : []),
      ...(depth < 6
        ? [...type.matchAll(/inputs\.([\w.]+)/g)].flatMap(([, ref]) => (seen.has(ref) ? [] : portPaths(types.get(ref) ?? [], `${prefix}${name}.`, depth + 1, new Set([...seen, ref]))))
        : []),
    ]);
  for (const mod of readdirSync(root)) {
    const dir = join(root, mod);
    if (mod === "types" || mod === "config" || mod === "node_modules" || !statSync(dir).isDirectory()) continue;
    for (const f of readdirSync(dir)) {
      if (!f.endsWith(".d.ts") || f.startsWith("get") || f === "index.d.ts") continue;
      const text = readFileSync(join(dir, f), "utf8");
      const cls = /export declare class (\w+) extends pulumi\.CustomResource/.exec(text)?.[1];
      const args = new RegExp(`export interface ${cls}Args \\{([\\s\\S]*?)\\n\\}`).exec(text)?.[1];
      if (!cls || !args) continue;
      const paths = [...new Set(portPaths(fieldsOf(args), "", 0, new Set()))];
      if (paths.length) found.set(`${pkg}:${mod}/${f.slice(0, -5)}:${cls}`, paths);
    }
  }
  return found;
}
