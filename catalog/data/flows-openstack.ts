// Who connects to each OpenStack 2025.x port: the install guides' reference architecture (controller,
// compute, block and object storage nodes) and kolla-ansible's multinode inventory and config templates
// at stable/2025.2 (same groups at stable/2025.1), which place each service on a role.
import type { Flow } from "../model.js";

const R = ["2025.1", "2025.2"];
const KA = "openstack/kolla-ansible";
const INVENTORY = { document: `${KA}:ansible/inventory/multinode@stable/2025.2`, section: "" };
const inv = (section: string) => ({ ...INVENTORY, section });

/** kolla-ansible fronts every API (and, through ProxySQL, the database) with the loadbalancer group's HAProxy. */
const LB_NOTE =
  "network: kolla-ansible's multinode inventory puts [loadbalancer:children] on network (HAProxy, keepalived and ProxySQL), so the network nodes open the backend connections to the controllers' services; without that load balancer (install-guide layout) network nodes do not call this port.";
const API_CALLERS_NOTE =
  "Internal callers: the services' keystone_authtoken/service-user sections and [<service>] endpoint options in kolla-ansible's templates (e.g. ansible/roles/nova-cell/templates/nova.conf.j2 [glance]/[neutron]/[cinder]/[placement] on nova-compute; ansible/roles/cinder/templates/cinder.conf.j2 [nova]/[glance] on cinder-volume).";

const flow = (from: string[] | "unknown", source: Flow["source"], notes: string[] = []): Flow => ({ from, releases: R, source, ...(notes.length ? { notes } : {}) });

/** A public API on the controllers: clients (and operators where it is admin too), the internal callers the sources show, and the load balancer. */
const api = (callers: string[], section: string, notes: string[] = [], operators = true): Flow =>
  flow([...(operators ? ["clients", "operators"] : ["clients"]), ...callers, "network"], inv(section), [...notes, LB_NOTE]);

export const openstackFlows: Record<string, Flow[]> = {
  "openstack/cloud/keystone-public": [
    flow(["clients", "controller", "compute", "network", "storage"], inv("[keystone:children] control; every service's [keystone_authtoken] www_authenticate_uri/auth_url"), [
      "Every node that runs an OpenStack service authenticates against keystone: nova-compute and neutron-ovn-agent/metadata agent (compute, network), cinder-volume (storage), all APIs (controller); the install guides' keystone_authtoken sections point at controller:5000 on every node.",
      "The entry is public only, so operators are among its clients.",
      LB_NOTE,
    ]),
  ],
  "openstack/cloud/nova-api": [api(["controller", "storage"], "[nova-api:children] nova; [nova:children] control", ["controller: neutron-server (os-server-external-events, [nova] in neutron.conf), heat, octavia, magnum call nova. storage: cinder-volume calls nova for volume events ([nova] in cinder.conf).", API_CALLERS_NOTE])],
  "openstack/cloud/nova-metadata-api": [
    flow(["compute", "network"], { document: "openstack/neutron:neutron/conf/agent/metadata/config.py@stable/2025.2", section: "nova_metadata_host / nova_metadata_port (the metadata agents proxy instances' requests to nova)" }, [
      "kolla-ansible: [neutron-metadata-agent:children] neutron (network) and [neutron-ovn-metadata-agent:children] compute network (ansible/inventory/multinode@stable/2025.2): the agents proxy to nova-metadata on 8775.",
      LB_NOTE,
    ]),
  ],
  "openstack/cloud/vnc-consoles": [
    flow(["controller"], { document: `${KA}:ansible/roles/nova-cell/templates/nova.conf.j2@stable/2025.2`, section: "[vnc] server_listen / server_proxyclient_address = api_interface_address; [nova-novncproxy:children] nova (control)" }, [
      "The console proxy (nova-novncproxy, nova-spicehtml5proxy) connects to the hypervisor's VNC/SPICE port; in kolla-ansible the proxies run on the nova group = control (ansible/inventory/multinode@stable/2025.2). openstack/nova:doc/source/admin/remote-console-access.rst@stable/2025.2: the proxy 'connects to the compute host'.",
    ]),
  ],
  "openstack/cloud/nova-serial-console-ports": [
    flow(["controller"], { document: `${KA}:ansible/roles/nova-cell/templates/nova.conf.j2@stable/2025.2`, section: "[serial_console] proxyclient_address = api_interface_address; [nova-serialproxy:children] nova (control)" }, [
      "nova-serialproxy connects to the compute node's serial console ports ([serial_console] port_range, openstack/nova:nova/conf/serial_console.py@stable/2025.2).",
    ]),
  ],
  "openstack/cloud/novncproxy": [api([], "[nova-novncproxy:children] nova; base_url on the public endpoint", [], false)],
  "openstack/cloud/spice-html5proxy": [api([], "[nova-spicehtml5proxy:children] nova; base_url on the public endpoint", [], false)],
  "openstack/cloud/nova-serialproxy": [api([], "[nova-serialproxy:children] nova; base_url on the public endpoint", [], false)],
  "openstack/cloud/glance-api": [api(["controller", "compute", "storage"], "[glance:children] control; [glance] in nova.conf (compute) and cinder.conf (storage)", ["compute: nova-compute downloads images. storage: cinder-volume creates volumes from images. controller: nova-api, heat, magnum.", API_CALLERS_NOTE])],
  "openstack/cloud/neutron-server": [api(["controller", "compute"], "[neutron-server:children] control; [neutron] in nova.conf", ["compute: nova-compute creates and binds ports. controller: nova-api, octavia, heat, designate, magnum.", API_CALLERS_NOTE])],
  "openstack/cloud/placement-api": [
    flow(["operators", "controller", "compute", "network"], inv("[placement-api:children] placement (control); [placement] in nova.conf on nova-compute and nova-scheduler"), [
      "compute: nova-compute reports its resource providers; controller: nova-scheduler, nova-conductor, nova-api; neutron-server reports bandwidth providers.",
      API_CALLERS_NOTE,
      LB_NOTE,
    ]),
  ],
  "openstack/cloud/horizon-http": [api([], "[horizon:children] control", [], false)],
  "openstack/cloud/https": [api([], "[horizon:children] control; haproxy_single_external_frontend", ["The TLS port of Horizon and, behind kolla's single external frontend, of every public API."], false)],
  "openstack/cloud/cinder-block-storage-api": [api(["controller", "compute"], "[cinder-api:children] cinder (control); [cinder] in nova.conf", ["compute: nova-compute attaches and detaches volumes through the cinder API. controller: nova-api, heat, glance (cinder store).", API_CALLERS_NOTE])],
  "openstack/cloud/heat-orchestration-api": [api(["controller"], "[heat:children] control", ["controller: heat-engine, magnum call it."])],
  "openstack/cloud/heat-cfn-api": [api(["controller"], "[heat:children] control", ["Instances' cfn tools reach it as clients; controller: heat-engine signals."], false)],
  "openstack/cloud/octavia-api": [api(["controller"], "[octavia:children] control", ["controller: heat, magnum call it."], false)],
  "openstack/cloud/barbican-api": [api(["controller", "compute", "storage"], "[barbican:children] control; [key_manager]/[barbican] in nova.conf and cinder.conf", ["controller: octavia (TLS listeners), glance, magnum; compute: nova-compute for encrypted volumes; storage: cinder-volume for encrypted volumes."], false)],
  "openstack/cloud/designate-api": [api(["controller"], "[designate-api:children] designate (control)", ["controller: neutron-server's designate DNS integration, heat."], false)],
  "openstack/cloud/designate-dns-tcp": [flow(["clients"], inv("[designate-backend-bind9:children] designate (control)"), ["The authoritative DNS servers answer resolvers anywhere."])],
  "openstack/cloud/designate-dns-udp": [flow(["clients"], inv("[designate-backend-bind9:children] designate (control)"), ["The authoritative DNS servers answer resolvers anywhere."])],
  "openstack/cloud/designate-mdns-tcp": [
    flow(["controller"], inv("[designate-mdns:children] network; [designate-backend-bind9:children] and [designate-worker:children] designate (control)"), [
      "The bind9 backends (zone transfers) and designate-worker (NOTIFY/SOA checks) connect to mini-DNS; both run on control. kolla-ansible's multinode places designate-mdns itself on network, not controller where this entry listens: in that layout the listening side is the network nodes.",
    ]),
  ],
  "openstack/cloud/designate-mdns-udp": [
    flow(["controller"], inv("[designate-mdns:children] network; [designate-backend-bind9:children] and [designate-worker:children] designate (control)"), [
      "As designate-mdns-tcp: bind9 and designate-worker on control query mini-DNS.",
    ]),
  ],
  "openstack/cloud/designate-rndc": [flow(["controller"], inv("[designate-worker:children] designate; [designate-backend-bind9:children] designate (control)"), ["designate-worker drives bind9 over rndc; both on control."])],
  "openstack/cloud/ironic-api": [
    flow("unknown", inv("[ironic-api:children] ironic (control); [nova-compute-ironic:children] nova (control)"), [
      "Read: kolla-ansible's multinode inventory and ironic role, openstack/ironic:doc/source/install (stable/2025.2). Known callers: operators, nova-compute-ironic and ironic-conductor (control), HAProxy (network, loadbalancer group). But the ironic-python-agent ramdisk on the bare-metal nodes also calls back (lookup and heartbeats), and those machines are none of the deployment's roles: a role list would leave them out and break provisioning, so the flow is recorded as unknown and the planner keeps the entry's audiences.",
    ]),
  ],
  "openstack/cloud/ironic-inspector": [
    flow("unknown", { document: `${KA}:ansible/inventory/multinode@stable/2025.1`, section: "[ironic-inspector:children] ironic (control)" }, [
      "Read: kolla-ansible's multinode inventory and ironic role (stable/2025.1; 2025.2 dropped ironic-inspector from kolla). Known callers: operators and ironic-conductor (control), HAProxy (network). The inspection ramdisk on the bare-metal nodes posts its data here, and those machines are none of the deployment's roles, so the flow is recorded as unknown (the planner keeps the audiences).",
    ]),
  ],
  "openstack/cloud/magnum-api": [api(["controller"], "[magnum-api:children] magnum (control)", ["controller: heat (cluster templates)."], false)],
  "openstack/cloud/manila-api": [api(["controller"], "[manila:children] control", ["controller: manila-scheduler/share services and heat."], false)],
  "openstack/cloud/aodh-api": [api(["controller"], "[aodh-api:children] aodh (control)", ["controller: heat autoscaling."], false)],
  "openstack/cloud/gnocchi-api": [api(["controller"], "[gnocchi-api:children] gnocchi (control)", ["controller: ceilometer's notification agent publishes to gnocchi; aodh evaluates against it."], false)],
  "openstack/cloud/masakari-api": [
    flow(["operators", "controller", "compute", "network"], inv("[masakari-api:children] control; [masakari-hostmonitor:children] control; [masakari-instancemonitor:children] compute"), [
      "The monitors send notifications to masakari-api: hostmonitor (control), instancemonitor (compute).",
      LB_NOTE,
    ]),
  ],
  "openstack/cloud/trove-api": [api(["controller"], "[trove:children] control", ["controller: heat."], false)],
  "openstack/cloud/swift-proxy-server": [api(["controller"], "swift: kolla-ansible has no multinode swift group; proxy on controller per the install guide", ["Source for placement: openstack/swift:doc/source/install/controller-install.rst@stable/2025.2 (the proxy server runs on the controller). controller: glance (swift store), gnocchi."], false)],
  "openstack/cloud/swift-object-server": [swiftStorage("object-server", "the proxy server (controller) and the object replicator/auditor/reconstructor (storage)")],
  "openstack/cloud/swift-container-server": [swiftStorage("container-server", "the proxy server (controller), the container replicator and the object updater (storage)")],
  "openstack/cloud/swift-account-server": [swiftStorage("account-server", "the proxy server (controller), the account replicator and the container updater (storage)")],
  "openstack/cloud/swift-rsync": [
    flow(["storage"], { document: "openstack/swift:doc/source/install/storage-install-ubuntu-debian.rst@stable/2025.2", section: "Install and configure the storage nodes (rsyncd on the storage nodes, for replication)" }, [
      "Only the replicators on other storage nodes push partitions over rsync.",
    ]),
  ],
  "openstack/cloud/cinder-iscsi-target": [
    flow(["compute", "storage"], inv("[iscsid:children] compute storage ironic; [tgtd:children] storage"), [
      "The iSCSI initiators are on compute (nova-compute attaches volumes) and storage (cinder-volume/cinder-backup attach volumes to copy images and back them up). kolla also runs iscsid on the ironic group (control) for ironic's iSCSI deploy; not part of the default flow.",
    ]),
  ],
  "openstack/cloud/cinder-nvmeof-target": [
    flow(["compute", "storage"], inv("[cinder-volume:children] storage; nova-compute (compute) attaches through os-brick's NVMe-oF connector"), [
      "Same initiators as iSCSI: nova-compute on compute, cinder-volume/cinder-backup on storage.",
    ]),
  ],
  "openstack/cloud/libvirt-tcp": [libvirt("listen_tcp = 1 on migration_interface_address")],
  "openstack/cloud/libvirt-tls": [libvirt("listen_tls when libvirt_tls is enabled")],
  "openstack/cloud/live-migration": [
    flow(["compute"], { document: `${KA}:ansible/roles/nova-cell/templates/nova.conf.d/libvirt.conf.j2@stable/2025.2`, section: "live_migration_inbound_addr = migration_interface_address" }, [
      "QEMU's migration stream goes from the source hypervisor to the destination's ports 49152-49215 (openstack/nova:doc/source/admin/configuring-migrations.rst@stable/2025.2); only compute nodes take part.",
    ]),
  ],
  "openstack/cloud/ovn-northbound": [
    flow(["controller"], inv("[ovn-northd:children], [ovn-nb-db:children] ovn-database (control); [neutron-server:children] control"), [
      "neutron-server (ML2/OVN) writes the northbound DB and ovn-northd reads it; both run on control.",
    ]),
  ],
  "openstack/cloud/ovn-southbound": [
    flow(["controller", "compute", "network"], inv("[ovn-controller-compute:children] compute; [ovn-controller-network:children] network; [neutron-ovn-metadata-agent:children] compute network; [ovn-northd:children] ovn-database (control)"), [
      "ovn-controller on every chassis (compute, network) and the OVN metadata agent connect to the southbound DB; ovn-northd and neutron-server (control) do too. kolla-ansible 2025.x may put ovn-sb-db-relay (also on ovn-database = control) in between; the chassis then connect to the relays on control.",
    ]),
  ],
  "openstack/cloud/ovn-northbound-raft": [raft("ovn-nb-db")],
  "openstack/cloud/ovn-southbound-raft": [raft("ovn-sb-db")],
  "openstack/cloud/geneve": [tunnel("Geneve (OVN)")],
  "openstack/cloud/vxlan": [tunnel("VXLAN (ML2/OVS)")],
  "openstack/cloud/octavia-health-manager": [
    flow("unknown", inv("[octavia-health-manager:children] octavia (control)"), [
      "Read: openstack/octavia:doc/source/install/install-ubuntu.rst@stable/2025.2 and kolla-ansible's octavia role. The heartbeats come from the amphora instances on the load-balancer management network (controller_ip_port_list), not from any of the deployment's machine roles, so no role can be named; the planner keeps the entry's internal audience.",
    ]),
  ],
  "openstack/cloud/mysql": [
    flow(["controller", "network", "storage"], { document: `${KA}:ansible/group_vars/all/database.yml@stable/2025.2`, section: "database_address: kolla_internal_fqdn (the VIP); enable_proxysql: enable_mariadb" }, [
      "controller: every API, scheduler and conductor. storage: cinder-volume and cinder-backup use [database] connection (ansible/roles/cinder/templates/cinder.conf.j2; the install guide's storage-node cinder.conf too). nova-compute has no database connection (nova.conf.j2: 'if not service_name.startswith(\"nova-compute\")'), neutron's OVN agents none.",
      LB_NOTE,
    ]),
  ],
  "openstack/cloud/galera-replication": [galera("gcomm replication")],
  "openstack/cloud/galera-ist": [galera("incremental state transfer")],
  "openstack/cloud/galera-sst": [galera("state snapshot transfer")],
  "openstack/cloud/amqp": [amqp()],
  "openstack/cloud/rabbitmq-amqps": [amqp()],
  "openstack/cloud/rabbitmq-dist": [rabbitCluster("Erlang distribution between the cluster nodes")],
  "openstack/cloud/rabbitmq-epmd": [rabbitCluster("epmd, which the cluster nodes query for each other's distribution port")],
  "openstack/cloud/rabbitmq-management": [
    flow(["operators"], inv("[rabbitmq:children] control"), ["The management UI/API is for operators; no OpenStack service calls it."]),
  ],
  "openstack/cloud/memcached": [
    flow(["controller"], inv("[memcached:children] control; memcached_servers in the API services' [keystone_authtoken]/[cache]"), [
      "Used by keystone, horizon and keystonemiddleware in the API services, all on control. nova-compute's nova.conf (ansible/roles/nova-cell/templates/nova.conf.j2@stable/2025.2) names no memcached; neutron.conf renders memcached_servers on the agents too, but only the API middleware uses it.",
    ]),
  ],
  "openstack/cloud/etcd-client": [
    flow(["controller", "storage"], { document: `${KA}:ansible/group_vars/all/cinder.yml@stable/2025.2`, section: "cinder_coordination_backend: 'valkey' if enable_valkey else 'etcd' if enable_etcd" }, [
      "Tooz coordination over etcd: cinder-volume (storage), ironic and masakari (control) (ironic.yml, masakari.yml in the same directory). [etcd:children] control.",
    ]),
  ],
  "openstack/cloud/etcd-peer": [flow(["controller"], inv("[etcd:children] control"), ["Peer traffic between the etcd members only."])],
};

function swiftStorage(server: string, who: string): Flow {
  return flow(["controller", "storage"], { document: "openstack/swift:doc/source/install/controller-install.rst@stable/2025.2", section: `proxy server on the controller; ${server} on the storage nodes` }, [
    `Connect: ${who} (openstack/swift:doc/source/overview_architecture.rst@stable/2025.2).`,
  ]);
}

function libvirt(section: string): Flow {
  return flow(["compute"], { document: `${KA}:ansible/roles/nova-cell/templates/libvirtd.conf.j2@stable/2025.2`, section }, [
    "The source hypervisor's libvirtd connects to the destination's during live migration (openstack/nova:doc/source/admin/configuring-migrations.rst@stable/2025.2); nova-compute talks to its own libvirtd locally.",
  ]);
}

function raft(group: string): Flow {
  return flow(["controller"], inv(`[${group}:children] ovn-database (control)`), ["RAFT traffic between the clustered OVN database servers only."]);
}

function tunnel(kind: string): Flow {
  return flow(["compute", "network"], inv("[ovn-controller-compute:children] compute; [ovn-controller-network:children] network; [openvswitch:children] network compute manila-share"), [
    `${kind} tunnels run between the chassis: compute nodes and network (gateway) nodes.`,
  ]);
}

function galera(what: string): Flow {
  return flow(["controller"], inv("[mariadb:children] control"), [`Galera ${what} between the MariaDB cluster members only.`]);
}

function amqp(): Flow {
  return flow(["controller", "compute", "network", "storage"], { document: `${KA}:ansible/roles/nova-cell/templates/nova.conf.j2@stable/2025.2`, section: "transport_url = nova_cell_rpc_transport_url (rendered for nova-compute too)" }, [
    "controller: every API, scheduler and conductor. compute: nova-compute, ceilometer-compute, the neutron agent. network: neutron agents (DHCP, L3, metadata). storage: cinder-volume, cinder-backup (cinder.conf.j2 transport_url). The install guides give each of these nodes transport_url = rabbit://...@controller. kolla connects straight to the rabbitmq hosts (no HAProxy).",
  ]);
}

function rabbitCluster(what: string): Flow {
  return flow(["controller"], inv("[rabbitmq:children] control"), [`${what}; the CLI tools use it locally.`]);
}
