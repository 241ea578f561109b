// Every TypeScript block of the README runs here, against the sources (the consumer test also
// typechecks and runs them against the packed package under Pulumi's template tsconfig).
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "chai";
import { setupMocks } from "../testing/index.js";
import { readmeSnippets } from "./readme-snippets.js";

const ROOT = join(__dirname, "..");
// Inside the repository so that @pulumi/* resolve; "portcatalog" imports point at the sources.
const DIR = join(__dirname, `.readme-${process.pid}`);
const SOURCES: Record<string, string> = {
  portcatalog: join(ROOT, "index.js"),
  "portcatalog/testing": join(ROOT, "testing", "index.js"),
  "portcatalog/catalog": join(ROOT, "catalog", "index.js"),
  "portcatalog/planner": join(ROOT, "planner", "index.js"),
  "portcatalog/policy": join(ROOT, "policy", "index.js"),
};

const snippets = readmeSnippets();
rmSync(DIR, { recursive: true, force: true });
mkdirSync(DIR, { recursive: true });
const files = snippets.map((s, i) => {
  const file = join(DIR, `snippet-${i + 1}.ts`);
  const code = s.code.replace(/from "(portcatalog(?:\/[a-z]+)?)"/g, (m, id: string) => (SOURCES[id] ? `from ${JSON.stringify(SOURCES[id])}` : m));
  writeFileSync(file, code);
  return file;
});

describe("README snippets", () => {
  after(() => rmSync(DIR, { recursive: true, force: true }));

  it("has the quick start, component, testing (with preview) and policy snippets", () => {
    expect(snippets.map((s) => s.kind)).to.deep.equal(["program", "program", "test", "program", "program"]);
    expect(snippets[2].code).to.contain("preview: true");
  });

  snippets.forEach((s, i) => {
    if (s.kind === "program") {
      it(`README.md:${s.line}: the program runs under mocks`, async () => {
        const recorder = await setupMocks({ project: "edge", stack: "dev" });
        const exported = require(files[i]) as Record<string, unknown>;
        await recorder.settled();
        expect(recorder.resources.length + Object.keys(exported).length, "it registers or exports something").to.be.greaterThan(0);
      });
    } else {
      describe(`README.md:${s.line}: the test`, () => {
        require(files[i]);
      });
    }
  });
});
