// Anbox Cloud 1.26 to 1.30: canonical/anbox-cloud-docs (reference/network-ports.md and the release notes).
// Gathered from the primary sources (see each record's source); the table did not change after 1.26.
import type { ProductRelease, ReleasedEntry } from "../model.js";
import type { Extension } from "./extend.js";

// Notes several records share, written once.
const SHARED_NOTE_1 =
  "Row unchanged in service, port, protocol, 'Exposed externally' and 'Required' from the 1.23-1.25 document through every 1.26-1.30 version of reference/network-ports.md. reference/network-ports.md history (git log --follow): 41b7f833 (2024-12-10, the document's table, blob b5d8286d = seed 000_256aeefdae27910f.txt byte for byte) -> bc95be95 (2025-05-09, charmed row 'AMS node controller 10000-11000' moved to 'LXD', commit title 'update the network ports table due to port forwarding changes in 1.26', merged via PR #344 on 2025-05-13) -> 516399d5 + d03ab40f (2025-06-03/04, appliance row 'AMS node controller' removed then re-added as 'LXD', PR #361 merged 2025-06-05) -> 07be4711 (2026-05-14, front-matter metadata only). Identical at main 8273b8a5 (2026-07-24).";

export const anboxCurrentReleases: ProductRelease[] = [
  {
    product: "anbox-cloud/charmed",
    name: "1.26",
    date: "2025-05",
    source: { document: "canonical/anbox-cloud-docs:reference/release-notes/1.26.0.md@8273b8a5", section: "Deprecations" },
    notes: [
      "Released May 14, 2025; patches 1.26.1 June 18, 2025 and 1.26.2 July 16, 2025 (reference/release-notes/release-notes.md@8273b8a5).",
      "The AMS node controller charm is deprecated (1.26.0 release notes, 'Deprecations'); port forwarding for instance services is done by AMS through an LXD proxy device instead (reference/deprecation-notices.md, 'Node Controller charm' as added by PR #344; 1.26.1 release notes LP 2113771: 'the port forwarding is instead done by LXD').",
      "The network-ports table moves the 10000-11000 UDP & TCP instance-service range from 'AMS node controller' to 'LXD' (commit bc95be95, 'due to port forwarding changes in 1.26', merged 2025-05-13, the day before the 1.26.0 release). External access is now blocked by the LXD charm unless `juju expose lxd` and `juju config lxd exposed_instance_ports=10000-11000` (howto/upgrade/upgrade-anbox.md, howto/instance/expose-services.md).",
      "Every other charmed row is unchanged from the 1.23-1.25 document.",
    ],
  },
  {
    product: "anbox-cloud/charmed",
    name: "1.27",
    date: "2025-08",
    source: { document: "canonical/anbox-cloud-docs:reference/release-notes/1.27.0.md@8273b8a5", section: "Deprecations and removed functionality" },
    notes: [
      "Released August 13, 2025; patches 1.27.1 September 17, 2025 and 1.27.2 October 15, 2025 (reference/release-notes/release-notes.md@8273b8a5).",
      "No network-ports change: the table at the 1.27.0 release-notes commit 085700fe (and through 1.27.2, fb81c4fb) is blob d013032d, the same as after d03ab40f. 1.27.0 removes Juju 2.9 and pre-6.8 kernels (no port impact). 1.27.2 notes LP 2122012 'Load balancer does not work with Coturn on Google Cloud' (no port change).",
    ],
  },
  {
    product: "anbox-cloud/charmed",
    name: "1.28",
    date: "2025-11",
    source: { document: "canonical/anbox-cloud-docs:reference/release-notes/1.28.0.md@8273b8a5", section: "Removed functionality" },
    notes: [
      "Released November 12, 2025; patches 1.28.1 December 10, 2025 and 1.28.2 January 21, 2026 (reference/release-notes/release-notes.md@8273b8a5).",
      "Support for the AMS node controller charm is removed (1.28.0 release notes, 'Removed functionality'; reference/deprecation-notices.md 'Unsupported in 1.28.0'); the ams-lxd charm installs the ams-node-controller snap from now on. howto/upgrade/upgrade-anbox.md tells operators to remove the ams-node-controller application. No port row changes: the table (blob d013032d) already listed the range under LXD since 1.26.",
      "Bundles (anbox-cloud, anbox-cloud-core) deprecated in 1.28.0, unsupported in 1.30.0.",
    ],
  },
  {
    product: "anbox-cloud/charmed",
    name: "1.29",
    date: "2026-02",
    source: { document: "canonical/anbox-cloud-docs:reference/release-notes/1.29.0.md@8273b8a5", section: "Charmed etcd" },
    notes: [
      "Released February 18, 2026; patches 1.29.1 March 18, 2026 and 1.29.2 April 15, 2026 (reference/release-notes/release-notes.md@8273b8a5).",
      "No network-ports change (blob d013032d at 11166103). 1.29.0 migrates to charmed-etcd (replacing the legacy etcd charm) and self-signed-certificates (replacing easyrsa), and adds OpenFGA-based fine-grained authorization; the network-ports table was not updated for any of these (etcd still 2379 only; no OpenFGA row).",
    ],
  },
  {
    product: "anbox-cloud/charmed",
    name: "1.30",
    date: "2026-06",
    source: { document: "canonical/anbox-cloud-docs:reference/release-notes/1.30.0.md@8273b8a5", section: "Removed functionality" },
    notes: [
      "Released June 17, 2026; patch 1.30.1 July 22, 2026 (reference/release-notes/release-notes.md@8273b8a5).",
      "No port row changes: the table at b08084dd (1.30.0 notes) and 065b0d3a (1.30.1 notes) is blob 319c76eb, which differs from d013032d only by front-matter metadata (07be4711). 1.30.0 makes the Terraform plan (canonical/anbox-cloud-terraform) the only supported charmed deployment method and drops the bundles; the table was not changed for it.",
      "Newest release the docs snapshot describes: 1.30.1 (July 22, 2026). The release-notes page announces 1.31.0 for November 25, 2026, with no notes in the snapshot (main 8273b8a5, 2026-07-24).",
    ],
  },
  {
    product: "anbox-cloud/appliance",
    name: "1.26",
    date: "2025-05",
    source: { document: "canonical/anbox-cloud-docs:reference/release-notes/1.26.0.md@8273b8a5", section: "Deprecations" },
    notes: [
      "Released May 14, 2025; patches 1.26.1 June 18, 2025 and 1.26.2 July 16, 2025 (reference/release-notes/release-notes.md@8273b8a5).",
      "The appliance table's instance-service row changed from 'AMS node controller' to 'LXD' only on 2025-06-04/05 (commits 516399d5 + d03ab40f, PR #361 'Remove node controller ports for appliance'), i.e. after 1.26.0 (May 14) and before 1.26.1 (June 18). Assigned to 1.26 because the forwarding change (AMS uses an LXD proxy device) is the 1.26.0 change the deprecation notice describes; the published appliance table lagged by three weeks.",
      "Cloud install guides stopped opening 10000-11000 by default on 2025-07-01 (commit 7b1d7b11, 'do not expose port range for the service exposure by default'), consistent with the row's Required = no.",
      "Every other appliance row is unchanged from the 1.23-1.25 document.",
    ],
  },
  {
    product: "anbox-cloud/appliance",
    name: "1.27",
    date: "2025-08",
    source: { document: "canonical/anbox-cloud-docs:reference/release-notes/1.27.0.md@8273b8a5", section: "Deprecations and removed functionality" },
    notes: [
      "Released August 13, 2025; patches 1.27.1 September 17, 2025 and 1.27.2 October 15, 2025 (reference/release-notes/release-notes.md@8273b8a5).",
      "No network-ports change: the table at the 1.27.0 release-notes commit 085700fe (and through 1.27.2, fb81c4fb) is blob d013032d, the same as after d03ab40f. 1.27.0 removes Juju 2.9 and pre-6.8 kernels (no port impact). 1.27.2 notes LP 2122012 'Load balancer does not work with Coturn on Google Cloud' (no port change).",
    ],
  },
  {
    product: "anbox-cloud/appliance",
    name: "1.28",
    date: "2025-11",
    source: { document: "canonical/anbox-cloud-docs:reference/release-notes/1.28.0.md@8273b8a5", section: "Removed functionality" },
    notes: [
      "Released November 12, 2025; patches 1.28.1 December 10, 2025 and 1.28.2 January 21, 2026 (reference/release-notes/release-notes.md@8273b8a5).",
      "No appliance port change; the table at 4065faf7 (1.28.0 notes) is blob d013032d.",
    ],
  },
  {
    product: "anbox-cloud/appliance",
    name: "1.29",
    date: "2026-02",
    source: { document: "canonical/anbox-cloud-docs:reference/release-notes/1.29.0.md@8273b8a5", section: "Charmed etcd" },
    notes: [
      "Released February 18, 2026; patches 1.29.1 March 18, 2026 and 1.29.2 April 15, 2026 (reference/release-notes/release-notes.md@8273b8a5).",
      "No appliance port change (blob d013032d at 11166103).",
    ],
  },
  {
    product: "anbox-cloud/appliance",
    name: "1.30",
    date: "2026-06",
    source: { document: "canonical/anbox-cloud-docs:reference/release-notes/1.30.0.md@8273b8a5", section: "Removed functionality" },
    notes: [
      "Released June 17, 2026; patch 1.30.1 July 22, 2026 (reference/release-notes/release-notes.md@8273b8a5).",
      "No appliance port change (blob 319c76eb, metadata-only difference from d013032d).",
    ],
  },
];

/** Document entries that still hold, unchanged, in these releases. */
export const anboxCurrentExtensions: Extension[] = [
  {
    id: "anbox-cloud/charmed/ams-api",
    releases: ["1.26", "1.27", "1.28", "1.29", "1.30"],
    source: { document: "canonical/anbox-cloud-docs:reference/network-ports.md@07be4711", section: "Anbox Cloud" },
    notes: [SHARED_NOTE_1, "howto/monitor/index.md@07be4711 also serves AMS Prometheus metrics at https://<AMS>:8444/metrics."],
  },
  {
    id: "anbox-cloud/charmed/ams-prometheus",
    releases: ["1.26", "1.27", "1.28", "1.29", "1.30"],
    source: { document: "canonical/anbox-cloud-docs:reference/network-ports.md@07be4711", section: "Anbox Cloud" },
    notes: [
      SHARED_NOTE_1,
      "Discrepancy: the table lists 20002/tcp 'HTTPS Prometheus endpoint', but howto/monitor/index.md@07be4711 ('With Charmed Anbox Cloud') scrapes AMS at https://<AMS>:8444/metrics and the stream gateway at https://<gateway>:4000/metrics and never mentions 20002. Kept the table's 20002 (the project's own port reference); 8444 is already the required AMS API entry.",
    ],
  },
  {
    id: "anbox-cloud/charmed/dashboard",
    releases: ["1.26", "1.27", "1.28", "1.29", "1.30"],
    source: { document: "canonical/anbox-cloud-docs:reference/network-ports.md@07be4711", section: "Anbox Cloud" },
    notes: [SHARED_NOTE_1],
  },
  {
    id: "anbox-cloud/charmed/stream-agent-api",
    releases: ["1.26", "1.27", "1.28", "1.29", "1.30"],
    source: { document: "canonical/anbox-cloud-docs:reference/network-ports.md@07be4711", section: "Anbox Cloud" },
    notes: [
      SHARED_NOTE_1,
      "Layout note: in the Terraform plan (the only supported charmed method from 1.30, canonical/anbox-cloud-terraform@58f973df (tag v1.30.1): modules/subcluster/control_plane.tf) the stream agent runs on the AMS machines and HAProxy on the controller-model machine, so agent 443 and HAProxy 443 no longer share a machine there.",
    ],
  },
  {
    id: "anbox-cloud/charmed/stream-gateway-api",
    releases: ["1.26", "1.27", "1.28", "1.29", "1.30"],
    source: { document: "canonical/anbox-cloud-docs:reference/network-ports.md@07be4711", section: "Anbox Cloud" },
    notes: [SHARED_NOTE_1, "howto/monitor/index.md@07be4711 also scrapes gateway metrics on this port (/metrics)."],
  },
  {
    id: "anbox-cloud/charmed/stream-gateway-dqlite",
    releases: ["1.26", "1.27", "1.28", "1.29", "1.30"],
    source: { document: "canonical/anbox-cloud-docs:reference/network-ports.md@07be4711", section: "Anbox Cloud" },
    notes: [SHARED_NOTE_1],
  },
  {
    id: "anbox-cloud/charmed/coturn-stun-turn-tcp",
    releases: ["1.26", "1.27", "1.28", "1.29", "1.30"],
    source: { document: "canonical/anbox-cloud-docs:reference/network-ports.md@07be4711", section: "Anbox Cloud" },
    notes: [
      SHARED_NOTE_1,
      "Layout note: canonical/anbox-cloud-terraform@58f973df (tag v1.30.1) modules/subcluster/control_plane.tf places coturn on the AMS machines (machines = ams_node) and exposes it; the catalog keeps role 'streaming' as the existing role scheme does (roles are inferred).",
    ],
  },
  {
    id: "anbox-cloud/charmed/coturn-stun-turn-udp",
    releases: ["1.26", "1.27", "1.28", "1.29", "1.30"],
    source: { document: "canonical/anbox-cloud-docs:reference/network-ports.md@07be4711", section: "Anbox Cloud" },
    notes: [
      SHARED_NOTE_1,
      "Layout note: canonical/anbox-cloud-terraform@58f973df (tag v1.30.1) places coturn on the AMS machines; role 'streaming' kept per the existing scheme.",
    ],
  },
  {
    id: "anbox-cloud/charmed/coturn-turn-relay",
    releases: ["1.26", "1.27", "1.28", "1.29", "1.30"],
    source: { document: "canonical/anbox-cloud-docs:reference/network-ports.md@07be4711", section: "Anbox Cloud" },
    notes: [SHARED_NOTE_1],
  },
  {
    id: "anbox-cloud/charmed/etcd-grpc",
    releases: ["1.26", "1.27", "1.28", "1.29", "1.30"],
    source: { document: "canonical/anbox-cloud-docs:reference/network-ports.md@07be4711", section: "Anbox Cloud" },
    notes: [
      SHARED_NOTE_1,
      "1.29.0 release notes ('Charmed etcd'): charmed-etcd replaces the legacy etcd charm; the table still lists only 2379/tcp. etcd's peer port (2380 by etcd's own default) is in no version of the table and is not added here (unconfirmed from Anbox sources).",
      "canonical/anbox-cloud-terraform@58f973df (tag v1.30.1) sets AMS use_embedded_etcd = !external_etcd and the root module passes external_etcd = true (charmed-etcd on dedicated 'db' machines).",
    ],
  },
  {
    id: "anbox-cloud/charmed/haproxy-http",
    releases: ["1.26", "1.27", "1.28", "1.29", "1.30"],
    source: { document: "canonical/anbox-cloud-docs:reference/network-ports.md@07be4711", section: "Anbox Cloud" },
    notes: [
      SHARED_NOTE_1,
      "Discrepancy (secondary source): canonical/anbox-cloud-terraform@58f973df (tag v1.30.1) modules/controller/main.tf configures the optional haproxy load balancer (enable_lb) with frontends 8080 (app-anbox-stream-gateway), 8081 (app-anbox-cloud-dashboard), 80 (redirect to https) and 443, and exposes it. 8080/8081 are not in any version of the network-ports table; not added.",
    ],
  },
  {
    id: "anbox-cloud/charmed/haproxy-https",
    releases: ["1.26", "1.27", "1.28", "1.29", "1.30"],
    source: { document: "canonical/anbox-cloud-docs:reference/network-ports.md@07be4711", section: "Anbox Cloud" },
    notes: [
      SHARED_NOTE_1,
      "Same Terraform-plan discrepancy as haproxy-http (extra 8080/8081 frontends, canonical/anbox-cloud-terraform@58f973df (tag v1.30.1)).",
    ],
  },
  {
    id: "anbox-cloud/charmed/lxd-api",
    releases: ["1.26", "1.27", "1.28", "1.29", "1.30"],
    source: { document: "canonical/anbox-cloud-docs:reference/network-ports.md@07be4711", section: "Anbox Cloud" },
    notes: [SHARED_NOTE_1],
  },
  {
    id: "anbox-cloud/charmed/nats-api",
    releases: ["1.26", "1.27", "1.28", "1.29", "1.30"],
    source: { document: "canonical/anbox-cloud-docs:reference/network-ports.md@07be4711", section: "Anbox Cloud" },
    notes: [
      SHARED_NOTE_1,
      "canonical/anbox-cloud-terraform@58f973df (tag v1.30.1) modules/controller exposes NATS to var.nats_expose_cidrs (default 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16: private ranges), consistent with 'Exposed externally: no' (internal).",
    ],
  },
  {
    id: "anbox-cloud/appliance/coturn-stun-turn-udp",
    releases: ["1.26", "1.27", "1.28", "1.29", "1.30"],
    source: { document: "canonical/anbox-cloud-docs:reference/network-ports.md@07be4711", section: "Anbox Cloud Appliance" },
    notes: [
      SHARED_NOTE_1,
      "howto/install-appliance/install-on-google-cloud.md@228199d5 opens UDP 5349 (and TCP 443 only), consistent with UDP-only in the table.",
    ],
  },
  {
    id: "anbox-cloud/appliance/coturn-turn-relay",
    releases: ["1.26", "1.27", "1.28", "1.29", "1.30"],
    source: { document: "canonical/anbox-cloud-docs:reference/network-ports.md@07be4711", section: "Anbox Cloud Appliance" },
    notes: [SHARED_NOTE_1, "Cloud guides (install-on-azure.md, install-on-google-cloud.md since 7b1d7b11) open 60000-60100 by default."],
  },
  {
    id: "anbox-cloud/appliance/ui-and-api",
    releases: ["1.26", "1.27", "1.28", "1.29", "1.30"],
    source: { document: "canonical/anbox-cloud-docs:reference/network-ports.md@07be4711", section: "Anbox Cloud Appliance" },
    notes: [
      SHARED_NOTE_1,
      "Discrepancy: howto/install-appliance/install-on-azure.md@ffbdd68c opens destination ports 80,443,8444,5349,60000-60100 in the NSG; the appliance table lists no port 80 and marks AMS 8444 'Exposed externally: no'. Google Cloud guide opens TCP 443 only. Kept the table.",
    ],
  },
  {
    id: "anbox-cloud/appliance/ams-api",
    releases: ["1.26", "1.27", "1.28", "1.29", "1.30"],
    source: { document: "canonical/anbox-cloud-docs:reference/network-ports.md@07be4711", section: "Anbox Cloud Appliance" },
    notes: [
      SHARED_NOTE_1,
      "Discrepancy: the Azure guide (install-on-azure.md@ffbdd68c) opens 8444 to the internet; the table says not exposed externally. Kept the table (internal).",
    ],
  },
  {
    id: "anbox-cloud/appliance/nats-api",
    releases: ["1.26", "1.27", "1.28", "1.29", "1.30"],
    source: { document: "canonical/anbox-cloud-docs:reference/network-ports.md@07be4711", section: "Anbox Cloud Appliance" },
    notes: [SHARED_NOTE_1],
  },
  {
    id: "anbox-cloud/appliance/stream-gateway-api",
    releases: ["1.26", "1.27", "1.28", "1.29", "1.30"],
    source: { document: "canonical/anbox-cloud-docs:reference/network-ports.md@07be4711", section: "Anbox Cloud Appliance" },
    notes: [SHARED_NOTE_1, "tutorial/stream-client.md: the gateway API is reached on the appliance's listen address on 9031/tcp."],
  },
  {
    id: "anbox-cloud/appliance/stream-agent-api",
    releases: ["1.26", "1.27", "1.28", "1.29", "1.30"],
    source: { document: "canonical/anbox-cloud-docs:reference/network-ports.md@07be4711", section: "Anbox Cloud Appliance" },
    notes: [SHARED_NOTE_1],
  },
  {
    id: "anbox-cloud/appliance/dashboard",
    releases: ["1.26", "1.27", "1.28", "1.29", "1.30"],
    source: { document: "canonical/anbox-cloud-docs:reference/network-ports.md@07be4711", section: "Anbox Cloud Appliance" },
    notes: [SHARED_NOTE_1],
  },
];

/** New or changed facts of the current releases. */
export const anboxCurrentEntries: ReleasedEntry[] = [
  {
    id: "anbox-cloud/charmed/lxd-instance-services-tcp",
    catalog: "anbox-cloud",
    variant: "charmed",
    service: "LXD",
    roles: ["lxd"],
    protocol: "tcp",
    fromPort: 10000,
    toPort: 11000,
    direction: "ingress",
    audiences: ["public"],
    required: false,
    feature: "instance-services",
    description: "Instance service ports",
    releases: ["1.26", "1.27", "1.28", "1.29", "1.30"],
    source: { document: "canonical/anbox-cloud-docs:reference/network-ports.md@bc95be95", section: "Anbox Cloud" },
    notes: [
      "Changed since the document: the document's row 'AMS node controller | 10000-11000 | UDP & TCP | yes | no | Instance service ports' (entries anbox-cloud/charmed/node-controller-services-tcp/udp, 1.23-1.25) became 'LXD | 10000-11000 | UDP & TCP | yes | no | Instance service ports' in commit bc95be95 (2025-05-09, 'update the network ports table due to port forwarding changes in 1.26', PR #344 merged 2025-05-13, before the 1.26.0 release on 2025-05-14). Same ports, protocol, audience and feature; the service that forwards them is now LXD (AMS creates an LXD proxy device) instead of the ams-node-controller charm (reference/deprecation-notices.md 'Node controller charm': deprecated 1.26.0, unsupported 1.28.0; 1.26.1 release notes LP 2113771: 'the port forwarding is instead done by LXD').",
      "How it is opened changed: from 1.26 the LXD charm blocks external access by default; operators run `juju expose lxd` and `juju config lxd exposed_instance_ports=10000-11000` (howto/instance/expose-services.md@bf5b4a9e 'Prerequisites', howto/upgrade/upgrade-anbox.md@19f6cc0a). The range is therefore operator-configurable; 10000-11000 is the documented value.",
      "Role: the service is LXD and the forwarded port is on the LXD node's address (expose-services.md: 'mapped onto port 10000 on the address of the LXD node'), so role 'lxd' follows from the table itself, as with the document's lxd-api.",
      "The table's single 'UDP & TCP' row is two entries, one per protocol.",
      "Discrepancy: the 1.26.1 upgrade workaround (release-notes/1.26.1.md, LP 2113771) temporarily opens '10000-11001/TCP' on the ams-node-controller application during the 1.26.0->1.26.1 charm refresh; that is a transient upgrade step, not the documented range.",
    ],
  },
  {
    id: "anbox-cloud/charmed/lxd-instance-services-udp",
    catalog: "anbox-cloud",
    variant: "charmed",
    service: "LXD",
    roles: ["lxd"],
    protocol: "udp",
    fromPort: 10000,
    toPort: 11000,
    direction: "ingress",
    audiences: ["public"],
    required: false,
    feature: "instance-services",
    description: "Instance service ports",
    releases: ["1.26", "1.27", "1.28", "1.29", "1.30"],
    source: { document: "canonical/anbox-cloud-docs:reference/network-ports.md@bc95be95", section: "Anbox Cloud" },
    notes: [
      "Changed since the document: the document's row 'AMS node controller | 10000-11000 | UDP & TCP | yes | no | Instance service ports' (entries anbox-cloud/charmed/node-controller-services-tcp/udp, 1.23-1.25) became 'LXD | 10000-11000 | UDP & TCP | yes | no | Instance service ports' in commit bc95be95 (2025-05-09, 'update the network ports table due to port forwarding changes in 1.26', PR #344 merged 2025-05-13, before the 1.26.0 release on 2025-05-14). Same ports, protocol, audience and feature; the service that forwards them is now LXD (AMS creates an LXD proxy device) instead of the ams-node-controller charm (reference/deprecation-notices.md 'Node controller charm': deprecated 1.26.0, unsupported 1.28.0; 1.26.1 release notes LP 2113771: 'the port forwarding is instead done by LXD').",
      "How it is opened changed: from 1.26 the LXD charm blocks external access by default; operators run `juju expose lxd` and `juju config lxd exposed_instance_ports=10000-11000` (howto/instance/expose-services.md@bf5b4a9e 'Prerequisites', howto/upgrade/upgrade-anbox.md@19f6cc0a). The range is therefore operator-configurable; 10000-11000 is the documented value.",
      "Role: the service is LXD and the forwarded port is on the LXD node's address (expose-services.md: 'mapped onto port 10000 on the address of the LXD node'), so role 'lxd' follows from the table itself, as with the document's lxd-api.",
      "The table's single 'UDP & TCP' row is two entries, one per protocol.",
    ],
  },
  {
    id: "anbox-cloud/appliance/lxd-instance-services-tcp",
    catalog: "anbox-cloud",
    variant: "appliance",
    service: "LXD",
    protocol: "tcp",
    fromPort: 10000,
    toPort: 11000,
    direction: "ingress",
    audiences: ["public"],
    required: false,
    feature: "instance-services",
    description: "Instance service ports",
    releases: ["1.26", "1.27", "1.28", "1.29", "1.30"],
    source: { document: "canonical/anbox-cloud-docs:reference/network-ports.md@d03ab40f", section: "Anbox Cloud Appliance" },
    notes: [
      "Changed since the document: the appliance row 'AMS node controller | 10000-11000 | UDP & TCP | yes | no' (anbox-cloud/appliance/node-controller-services-tcp/udp, 1.23-1.25) was removed in 516399d5 (2025-06-03, 'Remove node controller ports for appliance') and re-added as 'LXD | 10000-11000 | UDP & TCP | yes | no | Instance service ports' in d03ab40f (2025-06-04, 'Update the network ports as on LXD'), merged via PR #361 on 2025-06-05. Same ports, protocol, audience and feature.",
      "Release assignment inferred: the appliance table changed three weeks after 1.26.0 (2025-05-14) and before 1.26.1 (2025-06-18); the underlying change is the 1.26.0 one (AMS forwards instance services through an LXD proxy device: reference/deprecation-notices.md; 1.26.1 release notes LP 2113771), so the entry starts at 1.26. Between 2025-05-14 and 2025-06-05 the published appliance table still named the AMS node controller.",
      "From 2025-07-01 (commit 7b1d7b11) the cloud install guides no longer open 10000-11000 by default; howto/instance/expose-services.md@bf5b4a9e tells appliance users on AWS, Google Cloud and Azure to open 10000-11000 in the security group/firewall themselves. Consistent with Required = no (feature instance-services).",
      "Minor discrepancy: the note in howto/instance/expose-services.md says AMS maps to 'a higher port range (`10000 - 110000`)' — a typo for 10000-11000 (110000 is not a valid port); the table and every other page say 10000-11000.",
      "The table's single 'UDP & TCP' row is two entries, one per protocol.",
    ],
  },
  {
    id: "anbox-cloud/appliance/lxd-instance-services-udp",
    catalog: "anbox-cloud",
    variant: "appliance",
    service: "LXD",
    protocol: "udp",
    fromPort: 10000,
    toPort: 11000,
    direction: "ingress",
    audiences: ["public"],
    required: false,
    feature: "instance-services",
    description: "Instance service ports",
    releases: ["1.26", "1.27", "1.28", "1.29", "1.30"],
    source: { document: "canonical/anbox-cloud-docs:reference/network-ports.md@d03ab40f", section: "Anbox Cloud Appliance" },
    notes: [
      "Changed since the document: the appliance row 'AMS node controller | 10000-11000 | UDP & TCP | yes | no' (anbox-cloud/appliance/node-controller-services-tcp/udp, 1.23-1.25) was removed in 516399d5 (2025-06-03, 'Remove node controller ports for appliance') and re-added as 'LXD | 10000-11000 | UDP & TCP | yes | no | Instance service ports' in d03ab40f (2025-06-04, 'Update the network ports as on LXD'), merged via PR #361 on 2025-06-05. Same ports, protocol, audience and feature.",
      "Release assignment inferred: the appliance table changed three weeks after 1.26.0 (2025-05-14) and before 1.26.1 (2025-06-18); the underlying change is the 1.26.0 one (AMS forwards instance services through an LXD proxy device: reference/deprecation-notices.md; 1.26.1 release notes LP 2113771), so the entry starts at 1.26. Between 2025-05-14 and 2025-06-05 the published appliance table still named the AMS node controller.",
      "From 2025-07-01 (commit 7b1d7b11) the cloud install guides no longer open 10000-11000 by default; howto/instance/expose-services.md@bf5b4a9e tells appliance users on AWS, Google Cloud and Azure to open 10000-11000 in the security group/firewall themselves. Consistent with Required = no (feature instance-services).",
      "Minor discrepancy: the note in howto/instance/expose-services.md says AMS maps to 'a higher port range (`10000 - 110000`)' — a typo for 10000-11000 (110000 is not a valid port); the table and every other page say 10000-11000.",
      "The table's single 'UDP & TCP' row is two entries, one per protocol.",
    ],
  },
];
