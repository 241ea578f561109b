import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, symlinkSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "chai";
import { builtinCatalog } from "../catalog/index.js";
import { runCli, runCliProcess } from "./support/cli.js";
import { ACME_ENTRY } from "./support/user-catalog.js";

describe("cli: portcatalog catalog", () => {
  it("--json lists every entry of the three documents with the documented fields", async () => {
    const r = await runCli(["catalog", "--json"]);
    expect(r.status).to.equal(0);
    const list = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(list).to.have.length(builtinCatalog.entries.length);
    for (const e of list) {
      expect(e).to.include.keys("catalog", "variant", "service", "protocol", "fromPort", "toPort", "direction", "audiences", "required", "description", "source");
    }
  });
  it("filters: --catalog openstack --role storage --port 873 --release kilo", async () => {
    const list = JSON.parse((await runCli(["catalog", "--catalog", "openstack", "--role", "storage", "--port", "873", "--release", "kilo", "--json"])).stdout);
    expect(list.map((e: { id: string }) => e.id)).to.deep.equal(["openstack/cloud/rsync"]);
  });
  it("prints a readable table by default", async () => {
    const r = await runCli(["catalog", "--catalog", "anbox-cloud", "--variant", "appliance", "--release", "1.25"]);
    expect(r.stdout).to.match(/^PRODUCT\s+RELEASES\s+SERVICE\s+PROTO\s+PORTS/);
    expect(r.stdout).to.contain("60000-60100").and.contain("10 entries");
  });
  it("--file adds a validated user catalog", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pc-"));
    const file = join(dir, "mine.yaml");
    writeFileSync(file, `entries:\n  - id: acme/web/https\n    catalog: acme\n    variant: web\n    service: Web\n    protocol: tcp\n    fromPort: 443\n    toPort: 443\n    direction: ingress\n    audiences: [public]\n    required: true\n    description: HTTPS\n    source: { document: acme.md, section: Ports }\n`);
    const list = JSON.parse((await runCli(["catalog", "--file", file, "--catalog", "acme", "--json"])).stdout);
    expect(list).to.have.length(1);
  });

  const badInputs: [string, string[], RegExp][] = [
    ["unknown catalog", ["catalog", "--catalog", "aws"], /unknown catalog "aws": use "anbox-cloud", "openstack" or "wso2"/],
    ["unknown variant", ["catalog", "--catalog", "wso2", "--variant", "esb"], /unknown variant of wso2 "esb": use .*"enterprise-service-bus"/],
    ["unknown audience", ["catalog", "--audience", "world"], /unknown audience "world": use "admin", "internal" or "public"/],
    ["port out of range", ["catalog", "--port", "65536"], /--port "65536" is not valid: use a whole number from 1 to 65535/],
    ["unreadable file", ["catalog", "--file", "/nonexistent/x.yaml"], /\/nonexistent\/x.yaml: cannot read the catalog file \(ENOENT\)/],
    ["unknown command", ["frobnicate"], /unknown command "frobnicate"/],
    ["unknown option", ["catalog", "--bogus"], /Unknown option '--bogus'; valid options: --catalog <value>, --variant <value>/],
    ["option without its value", ["catalog", "--port"], /Option '--port <value>' argument missing/],
    ["unknown plan option", ["plan", "--jsn"], /Unknown option '--jsn'; valid options: --json/],
  ];
  for (const [what, args, message] of badInputs) {
    it(`bad input (${what}): one line naming the value, non-zero exit, no stack`, async () => {
      // One real process: the exit code and streams as a shell sees them.
      const r = what === "unknown command" ? runCliProcess(args) : await runCli(args);
      expect(r.status).to.not.equal(0);
      expect(r.stdout).to.equal("");
      expect(r.stderr.trim().split("\n")).to.have.length(1);
      expect(r.stderr).to.match(message).and.not.match(/\n\s+at /);
    });
  }
  describe("--file: what is read, and how", () => {
    const dir = mkdtempSync(join(tmpdir(), "pc-"));
    const entry = ACME_ENTRY;
    const failsWith = async (file: string, message: RegExp) => {
      const r = await runCli(["catalog", "--file", file, "--json"]);
      expect(r.status, r.stdout).to.equal(1);
      expect(r.stdout).to.equal("");
      expect(r.stderr.trim().split("\n")).to.have.length(1);
      expect(r.stderr).to.match(message);
    };
    it("a .json catalog is parsed as JSON, a .yml one as YAML", async () => {
      const json = join(dir, "mine.json");
      writeFileSync(json, `\uFEFF${JSON.stringify({ entries: [entry] })}`);
      const yml = join(dir, "mine.yml");
      // A catalog name belongs to one file: the YAML one brings its own.
      writeFileSync(yml, `entries:\n  - ${JSON.stringify({ ...entry, id: "beta/web/http", catalog: "beta", fromPort: 80, toPort: 80 })}\n`);
      const r = await runCli(["catalog", "--file", json, "--file", yml, "--variant", "web", "--json"]);
      expect(r.status, r.stderr).to.equal(0);
      expect((JSON.parse(r.stdout) as { id: string }[]).map((e) => e.id)).to.deep.equal(["acme/web/https", "beta/web/http"]);
    });
    it("JSON is judged as JSON: YAML in a .json file is an error naming the file", async () => {
      const file = join(dir, "yaml-inside.json");
      writeFileSync(file, "entries: []\n");
      await failsWith(file, new RegExp(`${file}: not valid JSON: `));
    });
    it("another extension is an error naming the valid ones", async () => {
      const file = join(dir, "mine.txt");
      writeFileSync(file, JSON.stringify({ entries: [entry] }));
      await failsWith(file, new RegExp(`${file}: unknown catalog file extension ".txt": use ".json" \\(JSON\\), ".yaml" or ".yml" \\(YAML\\)`));
    });
    it("a device, a directory or a pipe is refused before reading", async () => {
      await failsWith("/dev/zero", /^portcatalog: \/dev\/zero: unknown catalog file extension ""/);
      const device = join(dir, "zero.json");
      symlinkSync("/dev/zero", device);
      await failsWith(device, new RegExp(`${device}: a character device, not a catalog file: give a regular .json, .yaml or .yml file`));
      const folder = join(dir, "folder.yaml");
      mkdirSync(folder);
      await failsWith(folder, new RegExp(`${folder}: a directory, not a catalog file`));
      const fifo = join(dir, "pipe.json");
      execFileSync("mkfifo", [fifo]);
      // No writer: a blocking open would hang here.
      await failsWith(fifo, new RegExp(`${fifo}: a pipe \\(FIFO\\), not a catalog file`));
    });
    it("a file above the 32 MiB cap is refused before reading, with its size and the cap", async () => {
      const file = join(dir, "huge.json");
      writeFileSync(file, "");
      truncateSync(file, 40 * 1024 * 1024); // sparse: no 40 MiB written
      await failsWith(file, new RegExp(`${file}: 41943040 bytes \\(40.0 MiB\\) is above the 33554432 bytes \\(32.0 MiB\\) a catalog file may have`));
    });
  });
  it("an invalid user catalog names the file, entry and field", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pc-"));
    const file = join(dir, "bad.json");
    writeFileSync(file, JSON.stringify({ entries: [{ id: "x/y/z", catalog: "x", variant: "y", service: "S", protocol: "sctp", fromPort: 1, toPort: 1, direction: "ingress", audiences: ["public"], required: true, description: "d", source: { document: "d", section: "s" } }] }));
    const r = await runCli(["catalog", "--file", file]);
    expect(r.status).to.equal(1);
    expect(r.stderr).to.contain(`${file}: entry "x/y/z": field "protocol"`);
  });
});

describe("cli: portcatalog conflicts", () => {
  it("anbox-cloud/charmed beside openstack/kilo collide on 80, 443 and 5000", async () => {
    const r = await runCli(["conflicts", "anbox-cloud/charmed", "openstack/kilo", "--json"]);
    expect(r.status).to.equal(0);
    const conflicts = JSON.parse(r.stdout) as { protocol: string; fromPort: number; products: string[] }[];
    expect(conflicts.map((c) => `${c.protocol}/${c.fromPort}`)).to.deep.equal(["tcp/80", "tcp/443", "tcp/5000"]);
    expect(conflicts[0].products).to.deep.equal(["anbox-cloud/charmed", "openstack/kilo"]);
  });
  it("two WSO2 Carbon 4.4 products on one host collide on their common ports", async () => {
    const conflicts = JSON.parse((await runCli(["conflicts", "wso2/api-manager@carbon-4.4", "wso2/identity-server@carbon-4.4", "--json"])).stdout) as { fromPort: number }[];
    expect(conflicts.map((c) => c.fromPort)).to.include.members([9443, 9763, 10389]);
  });
  it("without a release each product is at its newest: API Manager 4.7 and Identity Server 7.3 share 9443 but no embedded LDAP", async () => {
    const conflicts = JSON.parse((await runCli(["conflicts", "wso2/api-manager", "wso2/identity-server", "--json"])).stdout) as { fromPort: number }[];
    expect(conflicts.map((c) => c.fromPort)).to.include.members([9443, 9763]).and.not.include(10389);
  });
  it("needs two products, and rejects unknown ones", async () => {
    expect((await runCli(["conflicts", "openstack/kilo"])).stderr).to.match(/needs at least two products/);
    const r = await runCli(["conflicts", "openstack/kilo", "openstack/zed"]);
    expect(r.status).to.equal(1);
    expect(r.stderr).to.match(/unknown product "openstack\/zed"/);
  });
});
