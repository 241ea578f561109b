// The live tier's Kubernetes tools: the API server's own view (over HTTPS with the admin certificate
// of .live/kubeconfig, as scripts/live/kube.sh wrote it), a fresh namespace per test, and the
// independent evaluator (portcatalog-netpol-eval, cyclonus's matcher) asked about connections.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { request } from "node:https";
import { parse } from "yaml";
import { adminEnv, run } from "./support.js";

interface Kubeconfig {
  server: string;
  ca: Buffer;
  cert: Buffer;
  key: Buffer;
}

let config: Kubeconfig | undefined;
/** The admin's kubeconfig (KUBECONFIG in .live/env.sh): file paths only, as kube.sh writes it. */
function kubeconfig(): Kubeconfig {
  if (config) return config;
  const file = adminEnv().KUBECONFIG;
  if (!file) throw new Error("no KUBECONFIG in .live/env.sh: run `npm run live:start` (or `npm run test:live`)");
  const doc = parse(readFileSync(file, "utf8")) as {
    clusters: { cluster: { server: string; "certificate-authority": string } }[];
    users: { user: { "client-certificate": string; "client-key": string } }[];
  };
  const cluster = doc.clusters[0].cluster;
  const user = doc.users[0].user;
  config = { server: cluster.server, ca: readFileSync(cluster["certificate-authority"]), cert: readFileSync(user["client-certificate"]), key: readFileSync(user["client-key"]) };
  return config;
}

/** The API server as the admin; a non-2xx answer throws with the server's message. */
export function kube<T>(method: string, path: string, body?: unknown): Promise<T> {
  const c = kubeconfig();
  const url = new URL(path, c.server);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(url, { method, ca: c.ca, cert: c.cert, key: c.key, headers: payload ? { "Content-Type": "application/json" } : {} }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (d: string) => (text += d));
      res.on("end", () => {
        if ((res.statusCode ?? 0) >= 300) reject(new Error(`Kubernetes ${method} ${path}: ${res.statusCode} ${text}`));
        else resolve((text ? JSON.parse(text) : undefined) as T);
      });
    });
    req.on("error", reject);
    req.end(payload);
  });
}

export interface NetworkPolicy {
  apiVersion?: string;
  kind?: string;
  metadata: { name: string; namespace: string; labels?: Record<string, string>; annotations?: Record<string, string>; uid?: string; resourceVersion?: string; generation?: number };
  spec: Record<string, unknown>;
}

/** A fresh namespace, deleted (with what is left in it) afterwards. */
export class Namespace {
  readonly name: string;
  constructor(tag: string) {
    this.name = `pc-${tag}-${randomBytes(3).toString("hex")}`;
  }
  async create(): Promise<this> {
    await kube("POST", "/api/v1/namespaces", { apiVersion: "v1", kind: "Namespace", metadata: { name: this.name } });
    return this;
  }
  async labels(): Promise<Record<string, string>> {
    return (await kube<{ metadata: { labels?: Record<string, string> } }>("GET", `/api/v1/namespaces/${this.name}`)).metadata.labels ?? {};
  }
  async policies(): Promise<NetworkPolicy[]> {
    const list = await kube<{ items: NetworkPolicy[] }>("GET", `/apis/networking.k8s.io/v1/namespaces/${this.name}/networkpolicies`);
    return list.items.sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
  }
  /** Everything in the namespace a test could leave, as comparable text: policies by content. */
  async state(): Promise<string[]> {
    return (await this.policies()).map((p) => `${p.metadata.name} ${JSON.stringify(p.metadata.labels ?? {})} ${JSON.stringify(p.spec)}`);
  }
  async remove(): Promise<void> {
    await kube("DELETE", `/api/v1/namespaces/${this.name}`).catch(() => undefined);
  }
}

/** Waits until the namespace controller has removed a namespace (bounded). */
export async function gone(namespace: string, seconds = 60): Promise<boolean> {
  for (let i = 0; i < seconds; i++) {
    try {
      await kube("GET", `/api/v1/namespaces/${namespace}`);
    } catch (e) {
      if (String(e).includes(" 404 ")) return true;
      throw e;
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  return false;
}

/** One end of a connection for the evaluator: a pod (its namespace, labels and ip) or an outside ip. */
export type EvalPeer = { namespace: string; labels: Record<string, string>; ip: string } | { ip: string };
export interface EvalQuery {
  from: EvalPeer;
  to: EvalPeer;
  protocol: "TCP" | "UDP" | "SCTP";
  port: number;
}

/**
 * cyclonus's answer (portcatalog-netpol-eval, on PATH from .live/env.sh) for each query: true, false,
 * or the error message it reported for that query (an invalid policy, an ipBlock met by a peer without ip).
 */
export function evaluate(policies: NetworkPolicy[], namespaces: Record<string, Record<string, string>>, queries: EvalQuery[]): (boolean | string)[] {
  // Only what a policy is: the server's bookkeeping (uid, managedFields, …) is not the evaluator's input.
  const input = { policies: policies.map((p) => ({ apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: { name: p.metadata.name, namespace: p.metadata.namespace, labels: p.metadata.labels }, spec: p.spec })), namespaces, queries };
  const r = run("portcatalog-netpol-eval", [], { env: adminEnv(), input: JSON.stringify(input) });
  if (r.status === 2) throw new Error(`portcatalog-netpol-eval refused its input: ${r.stderr}`);
  const lines = r.stdout.trim().split("\n");
  if (lines.length !== queries.length) throw new Error(`portcatalog-netpol-eval answered ${lines.length} lines for ${queries.length} queries: ${r.stdout}${r.stderr}`);
  // An error line is JSON: its message.
  return lines.map((l) => (l === "true" ? true : l === "false" ? false : String((JSON.parse(l) as { error: string }).error)));
}
