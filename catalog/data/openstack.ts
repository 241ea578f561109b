import type { Audience, ProductRelease, ReleasedEntry } from "../model.js";

// Source: a summary of the OpenStack Kilo configuration reference, "Firewalls and default ports".
const document = "001_4a9357aeda16f70a.txt";
const OPENSTACK_SECTION = "openstack组件使用的默认端口号 (default ports used by OpenStack services)";
const NON_OPENSTACK_SECTION = "非openstack组件使用的默认端口号 (default ports used by non-OpenStack services)";

const TCP_NOTE = "Protocol: the document names none; every one of these services is an HTTP, RPC or database server listening on TCP.";
const ROLE_NOTE = "Role inferred from where a standard Kilo deployment runs the service; the document names no roles.";
const AUDIENCE_NOTES: Record<string, string> = {
  [OPENSTACK_SECTION]: "The port type column is empty; audience inferred from who connects to the service.",
  [NON_OPENSTACK_SECTION]: "This table names no port type; audience inferred from who connects to the service.",
};

interface Row {
  slug: string;
  service: string;
  port: number | [number, number];
  /** The "port type" column: publicurl -> public, adminurl -> admin; empty -> inferred (noted). */
  audiences: Audience[];
  inferredAudience?: boolean;
  roles: string[];
  description: string;
  notes?: string[];
}

function rows(section: string, list: Row[]): ReleasedEntry[] {
  return list.map((r) => {
    const [fromPort, toPort] = typeof r.port === "number" ? [r.port, r.port] : r.port;
    return {
      id: `openstack/cloud/${r.slug}`,
      catalog: "openstack",
      variant: "cloud",
      service: r.service,
      roles: r.roles,
      rolesInferred: true,
      protocol: "tcp",
      fromPort,
      toPort,
      direction: "ingress",
      audiences: r.audiences,
      required: true,
      description: r.description,
      releases: ["kilo"],
      source: { document, section },
      notes: [...(r.notes ?? []), ...(r.inferredAudience ? [AUDIENCE_NOTES[section]] : []), TCP_NOTE, ROLE_NOTE],
    };
  });
}

const PA: Audience[] = ["public", "admin"];

export const openstackKilo: ReleasedEntry[] = [
  ...rows(OPENSTACK_SECTION, [
    { slug: "cinder-api", service: "Block Storage (cinder)", port: 8776, audiences: PA, roles: ["controller"], description: "Block Storage API endpoint (publicurl and adminurl)" },
    { slug: "nova-api", service: "Compute (nova) endpoints", port: 8774, audiences: PA, roles: ["controller"], description: "Compute API endpoint (publicurl and adminurl)" },
    { slug: "nova-ec2-api", service: "Compute API (nova-api)", port: 8773, audiences: ["public"], inferredAudience: true, roles: ["controller"], description: "Compute EC2-compatible API", notes: ["The document lists \"8773, 8775\" in one row; 8773 is nova's EC2 API (removed from nova after Kilo), 8775 its metadata API: two entries."] },
    { slug: "nova-metadata-api", service: "Compute API (nova-api)", port: 8775, audiences: ["internal"], inferredAudience: true, roles: ["controller"], description: "Compute metadata API", notes: ["Instances reach it through the neutron metadata agent on the network node, never from outside: internal."] },
    { slug: "vnc-consoles", service: "Compute ports for access to virtual machine consoles", port: [5900, 5999], audiences: ["internal"], inferredAudience: true, roles: ["compute"], description: "Virtual machine console ports (VNC/SPICE), reached by the console proxies", notes: ["Users reach consoles through the noVNC/XVP/SPICE proxies on the controller; the hypervisor's console ports need only be open to those proxies."] },
    { slug: "novncproxy", service: "Compute VNC proxy for browsers (openstack-nova-novncproxy)", port: 6080, audiences: ["public"], inferredAudience: true, roles: ["controller"], description: "noVNC console proxy for browsers" },
    { slug: "xvpvncproxy", service: "Compute VNC proxy for traditional VNC clients (openstack-nova-xvpvncproxy)", port: 6081, audiences: ["public"], inferredAudience: true, roles: ["controller"], description: "XVP VNC console proxy for traditional VNC clients" },
    { slug: "spice-html5proxy", service: "Proxy port for HTML5 console used by Compute service", port: 6082, audiences: ["public"], inferredAudience: true, roles: ["controller"], description: "HTML5 (SPICE) console proxy" },
    { slug: "sahara-api", service: "Data processing service (sahara) endpoint", port: 8386, audiences: PA, roles: ["controller"], description: "Data processing API endpoint (publicurl and adminurl)" },
    { slug: "keystone-admin", service: "Identity service (keystone) administrative endpoint", port: 35357, audiences: ["admin"], roles: ["controller"], description: "Identity administrative endpoint (adminurl)", notes: ["Keystone dropped the separate admin endpoint with the v2.0 API (Queens); later releases serve everything on 5000."] },
    { slug: "keystone-public", service: "Identity service public endpoint", port: 5000, audiences: ["public"], roles: ["controller"], description: "Identity public endpoint (publicurl)" },
    { slug: "glance-api", service: "Image service (glance) API", port: 9292, audiences: PA, roles: ["controller"], description: "Image API endpoint (publicurl and adminurl)" },
    { slug: "glance-registry", service: "Image service registry", port: 9191, audiences: ["internal"], inferredAudience: true, roles: ["controller"], description: "Image registry, used by glance-api only" },
    { slug: "neutron-server", service: "Networking (neutron)", port: 9696, audiences: PA, roles: ["controller"], description: "Networking API endpoint (publicurl and adminurl)" },
    { slug: "swift-object", service: "Object Storage (swift)", port: 6000, audiences: ["internal"], inferredAudience: true, roles: ["storage"], description: "Object server", notes: ["The document lists \"6000, 6001, 6002\" in one row; they are swift's object, container and account servers: three entries.", "Swift moved these defaults to 6200-6202 in Newton; 6000-6002 are the Kilo defaults."] },
    { slug: "swift-container", service: "Object Storage (swift)", port: 6001, audiences: ["internal"], inferredAudience: true, roles: ["storage"], description: "Container server", notes: ["The document lists \"6000, 6001, 6002\" in one row; they are swift's object, container and account servers: three entries."] },
    { slug: "swift-account", service: "Object Storage (swift)", port: 6002, audiences: ["internal"], inferredAudience: true, roles: ["storage"], description: "Account server", notes: ["The document lists \"6000, 6001, 6002\" in one row; they are swift's object, container and account servers: three entries."] },
    { slug: "heat-api", service: "Orchestration (heat) endpoint", port: 8004, audiences: PA, roles: ["controller"], description: "Orchestration API endpoint (publicurl and adminurl)" },
    { slug: "heat-api-cfn", service: "Orchestration AWS CloudFormation-compatible API (openstack-heat-api-cfn)", port: 8000, audiences: ["public"], inferredAudience: true, roles: ["controller"], description: "CloudFormation-compatible API" },
    { slug: "heat-api-cloudwatch", service: "Orchestration AWS CloudWatch-compatible API (openstack-heat-api-cloudwatch)", port: 8003, audiences: ["public"], inferredAudience: true, roles: ["controller"], description: "CloudWatch-compatible API", notes: ["heat-api-cloudwatch was deprecated in Pike and removed in Queens."] },
    { slug: "ceilometer-api", service: "Telemetry (ceilometer)", port: 8777, audiences: PA, roles: ["controller"], description: "Telemetry API endpoint (publicurl and adminurl)" },
  ]),
  ...rows(NON_OPENSTACK_SECTION, [
    { slug: "horizon-http", service: "HTTP", port: 80, audiences: ["public"], inferredAudience: true, roles: ["controller"], description: "OpenStack dashboard (Horizon) when it is not configured to use secure access" },
    { slug: "swift-proxy", service: "HTTP alternate", port: 8080, audiences: ["public"], inferredAudience: true, roles: ["controller"], description: "OpenStack Object Storage (swift) service", notes: ["8080 is the swift proxy server's bind_port; clients reach object storage through it."] },
    { slug: "https", service: "HTTPS", port: 443, audiences: ["public"], inferredAudience: true, roles: ["controller"], description: "Any OpenStack service that is enabled for SSL, especially secure-access dashboard" },
    { slug: "rsync", service: "rsync", port: 873, audiences: ["internal"], inferredAudience: true, roles: ["storage"], description: "OpenStack Object Storage replication. Required." },
    { slug: "iscsi-target", service: "iSCSI target", port: 3260, audiences: ["internal"], inferredAudience: true, roles: ["storage"], description: "OpenStack Block Storage. Required.", notes: ["Compute nodes attach cinder volumes from the storage node's iSCSI target."] },
    { slug: "mysql", service: "MySQL database service", port: 3306, audiences: ["internal"], inferredAudience: true, roles: ["controller"], description: "Most OpenStack components" },
    { slug: "amqp", service: "Message Broker (AMQP traffic)", port: 5672, audiences: ["internal"], inferredAudience: true, roles: ["controller"], description: "OpenStack Block Storage, Networking, Orchestration, and Compute" },
  ]),
];

/** OpenStack is one product, `openstack/cloud`; the document's table is its Kilo release. */
export const openstackDocumentReleases: ProductRelease[] = [
  { product: "openstack/cloud", name: "kilo", date: "2015-04", source: { document, section: OPENSTACK_SECTION } },
];
