// Who connects to each charmed Anbox Cloud port, 1.23 to 1.30: canonical/anbox-cloud-docs at main 8273b8a5
// (architecture, streaming stack, hardware requirements and HA pages). The pages read describe the same
// components and layout throughout (AMS + etcd on the control node, LXD workers, the streaming control plane
// and HAProxy on their own machines); where a page is newer than a release, the note says so.
import type { Flow } from "../model.js";
import type { RoleRefinement } from "./extend.js";

const DOCS = "canonical/anbox-cloud-docs";
const at = (path: string, section: string) => ({ document: `${DOCS}:${path}@8273b8a5`, section });
const ARCH = (section: string) => at("explanation/anbox-cloud.md", section);
const STREAMING = (section: string) => at("explanation/application-streaming.md", section);
const REQUIREMENTS = at("reference/requirements.md", "Hardware requirements (machine 0 'Hosts the load balancer, streaming stack control plane'); 'HAProxy (load balancer for the Stream Gateway and the dashboard)'");
const SAME_LAYOUT = "The architecture pages read are the 1.30-era ones; the components and how they talk (AMS-LXD, agent-AMS, gateway-NATS-agent, HAProxy in front of the gateway and dashboard) are the same in the 1.23-1.25 network-ports document's components.";

const flow = (from: string[] | "unknown", source: Flow["source"], notes: string[] = []): Flow => ({ from, source, notes: [...notes, SAME_LAYOUT] });
const clients = (source: Flow["source"], notes: string[] = []): Flow => flow(["clients"], source, notes);

/** The load balancer is a role of its own (the bundle gives HAProxy its own machine), or shares the streaming machine. */
export const anboxRoles: Record<string, RoleRefinement> = {
  ...Object.fromEntries(
    ["anbox-cloud/charmed/haproxy-http", "anbox-cloud/charmed/haproxy-https"].map((id) => [
      id,
      {
        roles: ["streaming", "load-balancer"],
        note: `Role load-balancer added: the anbox-cloud bundle puts HAProxy on a machine of its own ('The anbox-cloud bundle requires two additional machines to host the load balancer (0) and the extra services required for streaming (1)', ${DOCS}:howto/install/deploy-bare-metal.md@8273b8a5), while reference/requirements.md's machine 0 'Hosts the load balancer, streaming stack control plane'. Both layouts are documented, so the port listens on either role; streaming stays, so a selection of the streaming role keeps HAProxy's ports as before.`,
      },
    ]),
  ),
  "anbox-cloud/charmed/ams-prometheus": {
    audiences: ["internal", "admin"],
    note: `Audience admin added: its scraper is the operators' monitoring (${DOCS}:howto/monitor/index.md@8273b8a5 'Anbox Cloud does not provide its own observability solution, it supports integrating with external solutions'; the charmed deployment's metrics go to the Canonical Observability Stack the operators run), which the admin audience's peers are. Internal stays, so the audiences' plan opens it as before.`,
  },
};

const INSTANCES = "Instances run on the LXD nodes; their traffic leaves through the node (LXD bridge), so the lxd role names them.";

export const anboxFlows: Record<string, Flow[]> = {
  "anbox-cloud/charmed/ams-api": [
    flow(["streaming", "load-balancer"], at("explanation/security/streaming-stack.md", "Cryptography used by the stream agent: 'uses mutual TLS authentication ... with AMS to call its API'"), [
      "streaming: the stream agent (middleware between the stream gateway and AMS, explanation/application-streaming.md 'Stream agent') and the dashboard (1.29.2 release notes LP 2146988: the dashboard validates AMS's certificate) call AMS. load-balancer: with Core HA, ams-load-balancer spreads requests over the AMS units on 8444 (howto/install/enable-high-availability.md).",
      "Operators' AMC and tools also call AMS on 8444 (explanation/anbox-cloud.md 'Users can connect to AMS via CLI or HTTP API calls on port 8444'); the entry's audience is internal, so operators are not named here: give them the port through the admin audience of your own rule if they run AMC remotely.",
    ]),
  ],
  "anbox-cloud/charmed/ams-prometheus": [
    flow(["operators"], at("howto/monitor/index.md", "Monitor Anbox Cloud: 'Anbox Cloud does not provide its own observability solution, it supports integrating with external solutions'; charmed: metrics are scraped by the Canonical Observability Stack (COS) the operators install"), [
      "The scraper is the operators' own monitoring (their Prometheus / COS with grafana-agent), which is what the operators audience means; none of the deployment's roles (control, lxd, streaming, load-balancer) scrapes AMS, so the control role is not named (an unknown flow kept the internal audience, which opened the port to the control role itself).",
      "A role plan opens it to sources.admin (the operators' peers) and lists it as not wired when sources.admin is not given.",
    ]),
  ],
  "anbox-cloud/charmed/etcd-grpc": [
    flow(["control"], ARCH("Core stack: 'etcd is the database that is used to store the data managed by AMS'; 'Control node is the machine on which the AMS, AMC, and etcd are installed'"), [
      "Only AMS reads and writes etcd; with several control nodes the AMS units of each reach the etcd cluster.",
    ]),
  ],
  "anbox-cloud/charmed/lxd-api": [
    flow(["control", "lxd"], ARCH("LXD: 'AMS configures LXD automatically and fully manages it'; 'LXD worker nodes that form a LXD cluster'"), [
      "control: AMS drives LXD's HTTPS API. lxd: the worker nodes form one LXD cluster, whose members talk to each other on the same 8443 API address.",
    ]),
  ],
  "anbox-cloud/charmed/dashboard": [
    flow(["load-balancer"], REQUIREMENTS, ["Users reach the dashboard through HAProxy (the entry's own note); HAProxy opens the connection to 5000."]),
  ],
  "anbox-cloud/charmed/stream-agent-api": [
    flow(["control", "lxd", "load-balancer"], STREAMING("Stream-enabled instances: 'AMS will be able to dynamically create a session ... by contacting the stream agent'"), [
      "control: AMS contacts the agent. lxd: 'Without a load balancer, the instance is directly communicating with the stream agent' (howto/anbox/harden.md); instances run on the LXD nodes. load-balancer: an agent may sit behind a load balancer (howto/anbox/harden.md; 1.18.2 release notes).",
      INSTANCES,
    ]),
  ],
  "anbox-cloud/charmed/stream-gateway-api": [
    flow(["streaming", "load-balancer"], REQUIREMENTS, [
      "load-balancer: HAProxy fronts the Stream Gateway for clients (anbox-stream-gateway-lb in howto/install/enable-high-availability.md). streaming: the dashboard (a frontend service, explanation/anbox-cloud.md) and the stream agent (its 'entry point that the gateway can connect to') talk to the gateway's API.",
    ]),
  ],
  "anbox-cloud/charmed/stream-gateway-dqlite": [
    flow(["streaming"], at("howto/install/enable-high-availability.md", "Stream gateway HA: 'juju add-unit anbox-stream-gateway -n 2'"), ["Dqlite replication between the gateway units only."]),
  ],
  "anbox-cloud/charmed/nats-api": [
    flow(["streaming"], ARCH("Streaming stack: 'NATS is responsible for the communication between the stream gateway and the stream agent'"), [
      "The gateway and the agent are NATS's clients (explanation/security/streaming-stack.md 'Mutual TLS based authentication'); both are on the streaming role in this catalog.",
    ]),
  ],
  "anbox-cloud/charmed/coturn-stun-turn-tcp": [turn("STUN/TURN")],
  "anbox-cloud/charmed/coturn-stun-turn-udp": [turn("STUN/TURN")],
  "anbox-cloud/charmed/coturn-turn-relay": [turn("TURN relay")],
  "anbox-cloud/charmed/haproxy-http": [clients(REQUIREMENTS)],
  "anbox-cloud/charmed/haproxy-https": [clients(REQUIREMENTS)],
  "anbox-cloud/charmed/node-controller-services-tcp": [clients(ARCH("AMS node controller: firewall rules for the instances' exposed services"))],
  "anbox-cloud/charmed/node-controller-services-udp": [clients(ARCH("AMS node controller: firewall rules for the instances' exposed services"))],
  "anbox-cloud/charmed/lxd-instance-services-tcp": [clients(at("howto/instance/expose-services.md", "Expose services of an instance"))],
  "anbox-cloud/charmed/lxd-instance-services-udp": [clients(at("howto/instance/expose-services.md", "Expose services of an instance"))],
};

function turn(what: string): Flow {
  return flow(["clients", "lxd"], STREAMING("Signaling process: 'The peers use the ICE protocol and interact with STUN/TURN servers'"), [
    `${what}: both WebRTC peers use Coturn: the client anywhere and the instance on an LXD node.`,
    INSTANCES,
  ]);
}
