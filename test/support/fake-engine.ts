// Just enough of the Pulumi engine (its resource monitor and engine gRPC services) to run a Node.js
// program through @pulumi/pulumi's own runner (cmd/run) and see what the runner sends to the engine's
// log: what `pulumi preview` prints as the program's diagnostics. Resources register with fake ids.
import { spawn } from "node:child_process";
import { join } from "node:path";

const SDK = join(__dirname, "..", "..", "node_modules", "@pulumi", "pulumi");
// The SDK's own gRPC and protobuf packages and generated stubs, as the runner loads them.
const fromSdk = (id: string) => require(require.resolve(id, { paths: [SDK] }));
const grpc = fromSdk("@grpc/grpc-js") as typeof import("@grpc/grpc-js");
const resourceGrpc = require(join(SDK, "proto", "resource_grpc_pb.js"));
const resourcePb = require(join(SDK, "proto", "resource_pb.js"));
const engineGrpc = require(join(SDK, "proto", "engine_grpc_pb.js"));
const enginePb = require(join(SDK, "proto", "engine_pb.js"));
const emptyPb = fromSdk("google-protobuf/google/protobuf/empty_pb.js");
const structPb = fromSdk("google-protobuf/google/protobuf/struct_pb.js");

export interface EngineLog {
  severity: "debug" | "info" | "warning" | "error";
  message: string;
}

type Done = (err: Error | null, reply?: unknown) => void;
const SEVERITIES = ["debug", "info", "warning", "error"] as const;

/**
 * Runs `dir`'s JavaScript program (its package.json `main`) through `node <sdk>/cmd/run` against the
 * fake engine, in preview; returns the runner's exit code and every log message the engine received.
 */
export async function runUnderFakeEngine(dir: string): Promise<{ status: number | null; logs: EngineLog[]; stderr: string }> {
  const logs: EngineLog[] = [];
  let root = "";
  const server = new grpc.Server();
  server.addService(resourceGrpc.ResourceMonitorService, {
    supportsFeature: (_: unknown, done: Done) => done(null, new resourcePb.SupportsFeatureResponse().setHassupport(false)),
    registerResource: (call: { request: { getType(): string; getName(): string; getCustom(): boolean } }, done: Done) => {
      const reply = new resourcePb.RegisterResourceResponse();
      reply.setUrn(`urn:pulumi:s::p::${call.request.getType()}::${call.request.getName()}`);
      if (call.request.getCustom()) reply.setId(`${call.request.getName()}-id`);
      reply.setObject(new structPb.Struct());
      done(null, reply);
    },
    registerResourceOutputs: (_: unknown, done: Done) => done(null, new emptyPb.Empty()),
  });
  server.addService(engineGrpc.EngineService, {
    log: (call: { request: { getSeverity(): number; getMessage(): string } }, done: Done) => {
      logs.push({ severity: SEVERITIES[call.request.getSeverity()] ?? "error", message: call.request.getMessage() });
      done(null, new emptyPb.Empty());
    },
    getRootResource: (_: unknown, done: Done) => done(null, new enginePb.GetRootResourceResponse().setUrn(root)),
    setRootResource: (call: { request: { getUrn(): string } }, done: Done) => {
      root = call.request.getUrn();
      done(null, new enginePb.SetRootResourceResponse());
    },
  });
  const port = await new Promise<number>((resolve, reject) => server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))));
  try {
    const address = `127.0.0.1:${port}`;
    const child = spawn(process.execPath, [join(SDK, "cmd", "run"), "--monitor", address, "--engine", address, "--project", "p", "--stack", "s", "--dry-run", "--pwd", dir, "."], { cwd: dir });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    child.stdout.resume();
    const status = await new Promise<number | null>((resolve) => child.on("close", resolve));
    return { status, logs, stderr };
  } finally {
    server.forceShutdown();
  }
}
