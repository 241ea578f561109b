import type { CatalogEntry, ProductRelease, ReleasedEntry } from "../model.js";

// Source: Anbox Cloud "Network ports" reference (ref-network-ports).
const document = "000_256aeefdae27910f.txt";
const CHARMED = "Anbox Cloud";
const APPLIANCE = "Anbox Cloud Appliance";

type Row = Omit<CatalogEntry, "id" | "catalog" | "direction" | "source" | "audiences" | "variant"> & {
  slug: string;
  exposed: boolean;
};

const ROLE_NOTE =
  "Role inferred: the document does not say which machine runs the service; taken from the charmed bundle's layout " +
  "(AMS and etcd on the control machine, LXD and the AMS node controller on LXD nodes, the streaming stack on its own machine).";

/** The releases the document's table describes. */
export const ANBOX_DOCUMENT_RELEASES = ["1.23", "1.24", "1.25"];

function rows(variant: "charmed" | "appliance", section: string, list: Row[]): ReleasedEntry[] {
  return list.map(({ slug, exposed, ...r }) => ({
    id: `anbox-cloud/${variant}/${slug}`,
    catalog: "anbox-cloud",
    variant,
    direction: "ingress",
    // "Exposed externally: yes" means clients reach it from anywhere; "no" means only the deployment's own nodes.
    audiences: [exposed ? "public" : "internal"],
    releases: ANBOX_DOCUMENT_RELEASES,
    source: { document, section },
    ...r,
    ...(variant === "charmed" && r.roles ? { rolesInferred: true, notes: [...(r.notes ?? []), ROLE_NOTE] } : {}),
  }));
}

export const anboxCharmed: ReleasedEntry[] = rows("charmed", CHARMED, [
  { slug: "ams-api", service: "AMS", roles: ["control"], protocol: "tcp", fromPort: 8444, toPort: 8444, exposed: false, required: true, description: "HTTPS API" },
  { slug: "ams-prometheus", service: "AMS", roles: ["control"], protocol: "tcp", fromPort: 20002, toPort: 20002, exposed: false, required: false, feature: "prometheus", description: "HTTPS Prometheus endpoint" },
  { slug: "node-controller-services-tcp", service: "AMS node controller", roles: ["lxd"], protocol: "tcp", fromPort: 10000, toPort: 11000, exposed: true, required: false, feature: "instance-services", description: "Instance service ports", notes: ["The document lists one row for \"UDP & TCP\"; it is two entries here, one per protocol."] },
  { slug: "node-controller-services-udp", service: "AMS node controller", roles: ["lxd"], protocol: "udp", fromPort: 10000, toPort: 11000, exposed: true, required: false, feature: "instance-services", description: "Instance service ports", notes: ["The document lists one row for \"UDP & TCP\"; it is two entries here, one per protocol."] },
  { slug: "dashboard", service: "Anbox Cloud Dashboard", roles: ["streaming"], protocol: "tcp", fromPort: 5000, toPort: 5000, exposed: false, required: false, feature: "dashboard", description: "HTTPS website", notes: ["Users reach the dashboard through HAProxy on 443, so the dashboard's own port stays internal."] },
  { slug: "stream-agent-api", service: "Anbox Stream Agent", roles: ["streaming"], protocol: "tcp", fromPort: 443, toPort: 443, exposed: false, required: true, description: "HTTPS API", notes: ["Shares 443/tcp with HAProxy; they cannot run on the same machine without moving one of them."] },
  { slug: "stream-gateway-api", service: "Anbox Stream Gateway", roles: ["streaming"], protocol: "tcp", fromPort: 4000, toPort: 4000, exposed: false, required: true, description: "HTTPS API" },
  { slug: "stream-gateway-dqlite", service: "Anbox Stream Gateway", roles: ["streaming"], protocol: "tcp", fromPort: 7000, toPort: 7000, exposed: false, required: true, description: "Dqlite HA and API" },
  { slug: "coturn-stun-turn-tcp", service: "Coturn", roles: ["streaming"], protocol: "tcp", fromPort: 5349, toPort: 5349, exposed: true, required: true, description: "STUN/TURN" },
  { slug: "coturn-stun-turn-udp", service: "Coturn", roles: ["streaming"], protocol: "udp", fromPort: 5349, toPort: 5349, exposed: true, required: true, description: "STUN/TURN" },
  { slug: "coturn-turn-relay", service: "Coturn", roles: ["streaming"], protocol: "udp", fromPort: 50000, toPort: 51000, exposed: true, required: false, feature: "turn-relay", description: "TURN relay ports", notes: ["Required column: \"no (unless TURN is required)\"; switched on by the turn-relay feature."] },
  { slug: "etcd-grpc", service: "etcd", roles: ["control"], protocol: "tcp", fromPort: 2379, toPort: 2379, exposed: false, required: true, description: "gRPC API" },
  { slug: "haproxy-http", service: "HAProxy", roles: ["streaming"], protocol: "tcp", fromPort: 80, toPort: 80, exposed: true, required: false, feature: "haproxy", description: "HTTP (redirects to HTTPS on port 443)" },
  { slug: "haproxy-https", service: "HAProxy", roles: ["streaming"], protocol: "tcp", fromPort: 443, toPort: 443, exposed: true, required: false, feature: "haproxy", description: "Redirects to HTTPS website" },
  { slug: "lxd-api", service: "LXD", roles: ["lxd"], protocol: "tcp", fromPort: 8443, toPort: 8443, exposed: false, required: true, description: "HTTPS API" },
  { slug: "nats-api", service: "NATS", roles: ["streaming"], protocol: "tcp", fromPort: 4222, toPort: 4222, exposed: false, required: true, description: "NATS API" },
]);

const APPLIANCE_LOCAL =
  "On the appliance every component runs on one machine, so this port is used between local processes; " +
  "a rule for it only matters if other machines must reach it.";

export const anboxAppliance: ReleasedEntry[] = rows("appliance", APPLIANCE, [
  { slug: "node-controller-services-tcp", service: "AMS node controller", protocol: "tcp", fromPort: 10000, toPort: 11000, exposed: true, required: false, feature: "instance-services", description: "Instance service ports", notes: ["The document lists one row for \"UDP & TCP\"; it is two entries here, one per protocol."] },
  { slug: "node-controller-services-udp", service: "AMS node controller", protocol: "udp", fromPort: 10000, toPort: 11000, exposed: true, required: false, feature: "instance-services", description: "Instance service ports", notes: ["The document lists one row for \"UDP & TCP\"; it is two entries here, one per protocol."] },
  { slug: "coturn-stun-turn-udp", service: "Coturn", protocol: "udp", fromPort: 5349, toPort: 5349, exposed: true, required: false, feature: "stun-turn", description: "STUN/TURN", notes: ["The charmed table marks Coturn 5349 required and lists it for both UDP and TCP; the appliance table lists UDP only and marks it not required. Kept as the appliance table says."] },
  { slug: "coturn-turn-relay", service: "Coturn", protocol: "udp", fromPort: 60000, toPort: 60100, exposed: true, required: false, feature: "turn-relay", description: "TURN relay ports", notes: ["The appliance relays on 60000-60100, the charmed deployment on 50000-51000."] },
  { slug: "ui-and-api", service: "UI and API", protocol: "tcp", fromPort: 443, toPort: 443, exposed: true, required: true, description: "Reverse proxy providing access to UI and subset of API endpoints" },
  { slug: "ams-api", service: "AMS API", protocol: "tcp", fromPort: 8444, toPort: 8444, exposed: false, required: true, description: "API endpoint for the AMS service", notes: [APPLIANCE_LOCAL] },
  { slug: "nats-api", service: "NATS", protocol: "tcp", fromPort: 4004, toPort: 4004, exposed: false, required: true, description: "API endpoint for the NATS message queue", notes: [APPLIANCE_LOCAL, "The appliance's NATS listens on 4004, not NATS's usual 4222 (which the charmed table lists)."] },
  { slug: "stream-gateway-api", service: "Anbox Stream Gateway", protocol: "tcp", fromPort: 9031, toPort: 9031, exposed: false, required: true, description: "API endpoint for the Anbox Stream Gateway", notes: [APPLIANCE_LOCAL] },
  { slug: "stream-agent-api", service: "Anbox Stream Agent", protocol: "tcp", fromPort: 9033, toPort: 9033, exposed: false, required: true, description: "API endpoint for the Anbox Stream Agent", notes: [APPLIANCE_LOCAL] },
  { slug: "dashboard", service: "Anbox Cloud Dashboard", protocol: "tcp", fromPort: 5000, toPort: 5000, exposed: false, required: true, description: "Endpoint providing access to the UI", notes: [APPLIANCE_LOCAL, "Required here, optional in the charmed table."] },
]);


export const anboxDocumentReleases: ProductRelease[] = (["charmed", "appliance"] as const).flatMap((variant) =>
  ANBOX_DOCUMENT_RELEASES.map((name) => ({
    product: `anbox-cloud/${variant}`,
    name,
    source: { document, section: variant === "charmed" ? CHARMED : APPLIANCE },
  })),
);
