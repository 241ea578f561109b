// The generated component classes: the committed files are what the generator writes from the
// table (run in memory here), and the table, the package's exports and the sources agree.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { expect } from "chai";
import { ARG_SCHEMAS } from "../components/args.js";
import * as entry from "../index.js";
import { generate, generateFile } from "../scripts/generate-components.js";
import { AWS, type CloudTable, TABLES } from "../scripts/presets.js";

const ROOT = join(__dirname, "..");

/** Where `actual` first differs from `expected`, by line, or undefined when they are the same. */
function firstDifference(file: string, expected: string, actual: string): string | undefined {
  if (expected === actual) return undefined;
  const want = expected.split("\n");
  const got = actual.split("\n");
  const i = want.findIndex((line, n) => line !== got[n]);
  const line = i === -1 ? want.length + 1 : i + 1;
  const show = (s: string | undefined) => (s === undefined ? "(end of file)" : JSON.stringify(s));
  return `${file} is stale: line ${line} should be ${show(want[line - 1])} but is ${show(got[line - 1])}; run \`npm run generate\``;
}

function committed(file: string): string {
  const path = join(ROOT, file);
  return existsSync(path) ? readFileSync(path, "utf8") : "";
}

const rows = TABLES.flatMap((t) => t.components.map((row) => ({ cloud: t.cloud, row })));
const exported = entry as unknown as Record<string, unknown>;
const isComponentClass = (v: unknown): v is typeof pulumi.ComponentResource => typeof v === "function" && v.prototype instanceof pulumi.ComponentResource;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? sources(join(dir, d.name)) : d.name.endsWith(".ts") ? [join(dir, d.name)] : []));
}

describe("generated component classes", () => {
  for (const [file, text] of generate()) {
    it(`${file} is what \`npm run generate\` writes`, () => {
      expect(existsSync(join(ROOT, file)), `${file} is missing; run \`npm run generate\``).to.equal(true);
      const difference = firstDifference(file, text, committed(file));
      expect(difference, difference).to.equal(undefined);
    });
  }

  it("every *.generated.ts under components/ is one the generator writes (a leftover would escape the check above)", () => {
    const written = [...generate().keys()].sort();
    const found = sources(join(ROOT, "components"))
      .filter((f) => f.endsWith(".generated.ts"))
      .map((f) => relative(ROOT, f))
      .sort();
    expect(found).to.deep.equal(written);
  });

  it("the staleness check names the file and the first line that differs", () => {
    const text = generateFile(AWS);
    const lines = text.split("\n");
    const at = lines.findIndex((l) => l.includes('typeToken("Wso2SecurityGroup")'));
    const edited = [...lines.slice(0, at), lines[at].replace("Wso2SecurityGroup", "Wso2Group"), ...lines.slice(at + 1)].join("\n");
    expect(firstDifference(AWS.file, text, edited)).to.equal(
      `${AWS.file} is stale: line ${at + 1} should be ${JSON.stringify(lines[at])} but is ${JSON.stringify(lines[at].replace("Wso2SecurityGroup", "Wso2Group"))}; run \`npm run generate\``,
    );
    expect(firstDifference(AWS.file, text, text.slice(0, text.indexOf("\n")))).to.equal(`${AWS.file} is stale: line 2 should be ${JSON.stringify(lines[1])} but is (end of file); run \`npm run generate\``);
    expect(firstDifference(AWS.file, text, `${text}// hand edit\n`)).to.equal(`${AWS.file} is stale: line ${lines.length} should be "" but is "// hand edit"; run \`npm run generate\``);
    expect(firstDifference(AWS.file, text, text)).to.equal(undefined);
  });

  it("the generator writes the same text every time, with one file per cloud", () => {
    const a = generate();
    const b = generate();
    expect([...a.keys()]).to.deep.equal(TABLES.map((t) => t.file));
    for (const [file, text] of a) expect(b.get(file), file).to.equal(text);
  });

  it("a class named twice, or a row of a form its cloud lacks, is an error", () => {
    const twice: CloudTable = { ...AWS, components: [AWS.components[0], AWS.components[0]] };
    expect(() => generate([twice])).to.throw(/CatalogSecurityGroup is in the table twice/);
    const unknownForm: CloudTable = { ...AWS, components: [{ ...AWS.components[0], form: "nat-gateway" }] };
    expect(() => generate([unknownForm])).to.throw(/form "nat-gateway" is not one of aws's \(groups, rules, deployment\)/);
  });

  it("every row is exported from the package index: a class extending ComponentResource directly, with its type token", () => {
    for (const { row } of rows) {
      const cls = exported[row.name];
      expect(isComponentClass(cls), `${row.name} is not exported from index.ts as a component class`).to.equal(true);
      expect(Object.getPrototypeOf(cls), `${row.name} must extend ComponentResource directly`).to.equal(pulumi.ComponentResource);
      const file = TABLES.find((t) => t.components.includes(row))?.file as string;
      expect(committed(file), row.name).to.include(`super(typeToken(${JSON.stringify(row.name)}), name, {}, opts);`);
    }
  });

  it("every component the package exports is a row of the table, and every row has its argument check", () => {
    const inTable = new Set(rows.map(({ row }) => row.name));
    const components = Object.keys(exported).filter((k) => isComponentClass(exported[k]));
    expect(components.filter((c) => !inTable.has(c)), "exported components missing from scripts/presets.ts").to.deep.equal([]);
    expect(Object.keys(ARG_SCHEMAS).sort()).to.deep.equal([...inTable].sort());
  });

  it("no hand-written component class is left: only generated files extend ComponentResource", () => {
    const handWritten = sources(join(ROOT, "components"))
      .filter((f) => !f.endsWith(".generated.ts"))
      .filter((f) => /extends\s+pulumi\.ComponentResource\b/.test(readFileSync(f, "utf8")))
      .map((f) => relative(ROOT, f));
    expect(handWritten, "add these classes to scripts/presets.ts and run `npm run generate`").to.deep.equal([]);
  });
});
