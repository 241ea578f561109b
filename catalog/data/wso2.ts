import type { Audience, CatalogNote, Destination, OffsetBehaviour, ProductRelease, Protocol, ReleasedEntry } from "../model.js";

// Source: "Default Ports of WSO2 Products" (port offset 0).
const document = "002_fcae5a25db268de7.txt";

interface Row {
  slug: string;
  service: string;
  port: number | [number, number];
  audiences: Audience[];
  description: string;
  protocol?: Protocol;
  feature?: string;
  offset?: OffsetBehaviour;
  /** The product's shipped Carbon port offset, already included in `port` (see CatalogEntry.defaultOffset). */
  defaultOffset?: number;
  roles?: string[];
  notes?: string[];
  /** Set on outbound ports: the remote service the traffic goes to. */
  destination?: Destination;
}

interface Defaults {
  variant: string;
  section: string;
  roles?: string[];
  feature?: string;
  /** The profile's shipped carbon.xml <Offset>, already included in every port of the section. */
  defaultOffset?: number;
  notes?: string[];
}

/** Every product the document lists is at its Carbon 4.4 release. */
export const WSO2_DOCUMENT_RELEASE = "carbon-4.4";

function section(d: Defaults, list: Row[]): ReleasedEntry[] {
  return list.map((r) => {
    const [fromPort, toPort] = typeof r.port === "number" ? [r.port, r.port] : r.port;
    const feature = r.feature ?? d.feature;
    const roles = r.roles ?? d.roles;
    const notes = [...(r.notes ?? []), ...(d.notes ?? [])];
    const defaultOffset = r.defaultOffset ?? d.defaultOffset;
    return {
      id: `wso2/${d.variant}/${r.slug}`,
      catalog: "wso2",
      variant: d.variant,
      service: r.service,
      ...(roles ? { roles } : {}),
      protocol: r.protocol ?? "tcp",
      fromPort,
      toPort,
      direction: r.destination ? "egress" : "ingress",
      audiences: r.audiences,
      required: feature === undefined,
      ...(feature ? { feature } : {}),
      // Carbon servers add their port offset to every port they open unless noted otherwise;
      // a remote service's port never moves.
      offset: r.offset ?? (r.destination ? "fixed" : "product"),
      ...(defaultOffset !== undefined ? { defaultOffset } : {}),
      ...(r.destination ? { destination: r.destination } : {}),
      description: r.description,
      releases: [WSO2_DOCUMENT_RELEASE],
      source: { document, section: d.section },
      ...(notes.length ? { notes } : {}),
    };
  });
}

const GOOGLE_FCM: Destination = {
  name: "google-fcm",
  description: "Google Cloud Messaging / Firebase Cloud Messaging: no published IPs; the document advises every IP block of Google's ASN 15169",
};
const APPLE_APNS: Destination = {
  name: "apple-apns",
  description: "Apple Push Notification service: the whole 17.0.0.0/8 block is Apple's",
  cidrIpv4: ["17.0.0.0/8"],
};

/** Outbound ports for EMM and IoT Server: the same facts in two sections of the document. */
function pushNotificationPorts(variant: string, androidSection: string, iosSection: string): ReleasedEntry[] {
  const DEVICE =
    "Used by the mobile devices, not by the WSO2 server: only a network the devices sit behind (corporate Wi-Fi) needs it; switched on by the device-network feature.";
  const REMOTE = "Outbound to a third-party service: the port is the remote server's and never moves with an offset.";
  const device = { roles: ["device-network"], feature: "device-network", audiences: ["public"] as Audience[] };
  return [
    ...section({ variant, section: androidSection, notes: [REMOTE] }, [
      { ...device, slug: "fcm-device", service: "Android (GCM/FCM)", port: [5228, 5230], destination: GOOGLE_FCM, description: "GCM/FCM typically only uses 5228, but it sometimes uses 5229 and 5230", notes: [DEVICE, "The document lists 5228, 5229 and 5230; contiguous, so one range entry.", "No CIDR is recorded: Google publishes none for FCM, so a plan needs the user to name the google-fcm destination."] },
    ]),
    ...section({ variant, section: iosSection, notes: [REMOTE] }, [
      { ...device, slug: "apns-device", service: "iOS (APNs)", port: 5223, destination: APPLE_APNS, description: "TCP port used by devices to communicate to APNs servers", notes: [DEVICE] },
      { slug: "apns-notifications", service: "iOS (APNs)", port: 2195, roles: ["server"], audiences: ["public"], destination: APPLE_APNS, description: "TCP port used to send notifications to APNs", notes: ["Apple retired the binary provider API on 2195/2196 in 2021 in favour of HTTP/2 on 443; kept as the document says."] },
      { slug: "apns-feedback", service: "iOS (APNs)", port: 2196, roles: ["server"], audiences: ["public"], destination: APPLE_APNS, description: "TCP port used by the APNs feedback service" },
      { ...device, slug: "apns-wifi-fallback", service: "iOS (APNs)", port: 443, destination: APPLE_APNS, description: "TCP port used as a fallback on Wi-Fi, only when devices are unable to communicate to APNs on port 5223", notes: [DEVICE] },
    ]),
  ];
}

const COMMON = "Common ports";
const JMX_FEATURE = "JMX is enabled in every product by default, but only a remote JMX client needs the port open, so the firewall opens it only with the jmx feature.";
const JMX_AUDIENCE = "Audience admin and internal: operators' JConsole and the deployment's own monitoring agents. Never public: remote JMX allows code execution on the server.";
const MGMT = `${COMMON} > Management console ports`;
// Kept as the document labels them; the same two ports open either way, so only the labels differ.
const JMX_LABELS =
  "The document swaps the two: the shipped Carbon 4.4 kernel's carbon.xml has <RMIRegistryPort>9999</RMIRegistryPort> and <RMIServerPort>11111</RMIServerPort> (wso2/carbon-kernel:repository/conf/carbon.xml at v4.4.40; JMXServerManager creates the registry on RMIRegistryPort), as every later kernel's default.json does (monitoring.jmx.rmi_registry_port 9999, rmi_server_port 11111). The WSO2 docs pages repeat the document's labels.";
const PS = "Product-specific ports";

const common = [
  ...section({ variant: "common", section: MGMT }, [
    { slug: "servlet-https", service: "Management console", port: 9443, audiences: ["admin"], description: "HTTPS servlet transport (the default URL of the management console is https://localhost:9443/carbon)", notes: ["Audience admin: the document calls it the management console. Products that serve user-facing web apps on it (API Manager's portals, Identity Server's login pages) need it opened to those users too."] },
    { slug: "servlet-http", service: "Management console", port: 9763, audiences: ["admin"], description: "HTTP servlet transport" },
  ]),
  ...section({ variant: "common", section: `${COMMON} > LDAP server ports`, feature: "embedded-ldap" }, [
    { slug: "embedded-ldap", service: "Embedded LDAP server", port: 10389, audiences: ["internal"], description: "Used in WSO2 products that provide an embedded LDAP server" },
  ]),
  ...section({ variant: "common", section: `${COMMON} > KDC ports`, feature: "kdc" }, [
    { slug: "kdc", service: "Kerberos KDC", port: 8000, protocol: "udp", audiences: ["internal"], description: "Used to expose the Kerberos key distribution center server", notes: ["Protocol: the document names none. Carbon's embedded ApacheDS KDC defaults to UDP (embedded-ldap.xml <KDCServer> protocol UDP; KdcConfiguration defaults to UDP_PROTOCOL); TCP only if reconfigured."] },
  ]),
  ...section({ variant: "common", section: `${COMMON} > JMX monitoring ports`, feature: "jmx", notes: [JMX_FEATURE, JMX_AUDIENCE] }, [
    { slug: "jmx-rmi-registry", service: "JMX monitoring", port: 11111, audiences: ["admin", "internal"], description: "RMIRegistry port. Used to monitor Carbon remotely", notes: [JMX_LABELS] },
    { slug: "jmx-rmi-server", service: "JMX monitoring", port: 9999, audiences: ["admin", "internal"], description: "RMIServer port. Used along with the RMIRegistry port when Carbon is monitored from a JMX client that is behind a firewall", notes: [JMX_LABELS] },
  ]),
  ...section({ variant: "common", section: `${COMMON} > Clustering ports` }, [
    { slug: "clustering-multicast", service: "Clustering", port: 45564, protocol: "udp", feature: "clustering-multicast", offset: "fixed", audiences: ["internal"], description: "Opened if the membership scheme is multicast", notes: ["Protocol: the document names none. 45564 is axis2.xml's mcastPort; multicast membership is UDP datagrams to the multicast group, so UDP.", "The document says either port suffices; in the product the members also talk over TCP on localMemberPort (4000) whichever scheme is used, so multicast clusters usually need clustering-wka's 4000 too.", "Offset: set literally in axis2.xml, not derived from the Carbon port offset."] },
    { slug: "clustering-wka", service: "Clustering", port: 4000, feature: "clustering-wka", offset: "fixed", audiences: ["internal"], description: "Opened if the membership scheme is wka", notes: ["Offset: axis2.xml's localMemberPort is set literally, not derived from the Carbon port offset."] },
  ]),
];

const APIM = `${PS} > API Manager`;
const apiManager = section({ variant: "api-manager", section: APIM }, [
  { slug: "message-broker", service: "Internal Message Broker", port: 5672, audiences: ["internal"], roles: ["traffic-manager"], description: "Used by the internal Message Broker" },
  { slug: "throttling-thrift-tcp", service: "Throttling (Thrift)", port: 7611, feature: "thrift-throttling", audiences: ["internal"], roles: ["traffic-manager"], description: "Authenticate data published when Thrift data publisher is used for throttling", notes: ["The document's descriptions of 7611 and 7711 look swapped: elsewhere (DAS, CEP) 7611 is the plain Thrift TCP receiver and 7711 the SSL port where the client authenticates."] },
  { slug: "analytics-publish", service: "API Manager Analytics", port: 7612, feature: "analytics", offset: "fixed", audiences: ["internal"], roles: ["analytics"], description: "Publish Analytics to the API Manager Analytics server", notes: ["7612 is the analytics server's Thrift TCP port (7611) plus its default port offset of 1 (WSO2 API-M Analytics docs: 7612 and 7712). It is written into the publisher's URL, so it is fixed here; a different analytics offset means editing that URL."] },
  { slug: "throttling-thrift-ssl", service: "Throttling (Thrift)", port: 7711, feature: "thrift-throttling", audiences: ["internal"], roles: ["traffic-manager"], description: "Port for secure transport when Thrift data publisher is used for throttling" },
  { slug: "analytics-thrift-ssl", service: "API Manager Analytics", port: 7711, feature: "analytics", offset: "analytics-server", audiences: ["internal"], roles: ["analytics"], description: "7711 + port offset of the APIM Analytics server: Thrift SSL port for secure transport when publishing analytics to the API Manager Analytics server", notes: ["With the analytics server's default offset of 1 this is 7712 (WSO2 API-M Analytics docs)."] },
  { slug: "gateway-http", service: "Gateway (NIO/PT transport)", port: 8280, audiences: ["public"], roles: ["gateway"], description: "NIO/PT transport ports (HTTP)", notes: ["The document lists \"8280, 8243\" in one bullet: two entries."] },
  { slug: "gateway-https", service: "Gateway (NIO/PT transport)", port: 8243, audiences: ["public"], roles: ["gateway"], description: "NIO/PT transport ports (HTTPS)" },
  { slug: "traffic-manager-binary-tcp", service: "Traffic Manager (binary)", port: 9611, audiences: ["internal"], roles: ["traffic-manager"], description: "Publish data to the Traffic Manager. Required when binary data publisher for throttling", notes: ["The binary publisher is API Manager's default for throttling, so this is required."] },
  { slug: "traffic-manager-binary-ssl", service: "Traffic Manager (binary)", port: 9711, audiences: ["internal"], roles: ["traffic-manager"], description: "Authenticate data published to the Traffic Manager. Required when binary data publisher for throttling" },
  { slug: "key-manager-thrift", service: "Key validation (Thrift)", port: 10397, audiences: ["internal"], roles: ["key-manager"], description: "Thrift client and server ports", notes: ["Moves with the offset only while ThriftServerPort is left unset in api-manager.xml (a fixed value there overrides it); older releases ignored the offset for this port."] },
  { slug: "gateway-websocket", service: "Gateway (WebSocket)", port: 9099, audiences: ["public"], roles: ["gateway"], description: "Web Socket ports" },
]);

const DAS = `${PS} > Data Analytics Server`;
const SPARK_OFFSET = "Offset: DAS adds its Carbon port offset to the Spark ports it configures.";
const das = [
  ...section({ variant: "data-analytics-server", section: `${DAS} > Ports inherited from WSO2 BAM` }, [
    { slug: "thrift-ssl", service: "Thrift receiver", port: 7711, audiences: ["internal"], description: "Thrift SSL port for secure transport, where the client is authenticated to use WSO2 DAS" },
    { slug: "thrift-tcp", service: "Thrift receiver", port: 7611, audiences: ["internal"], description: "Thrift TCP port where WSO2 DAS receives events from clients" },
  ]),
  ...section({ variant: "data-analytics-server", section: `${DAS} > Ports used by the Spark Analytics Engine > Ports available for all modes`, notes: [SPARK_OFFSET] }, [
    { slug: "spark-ui", service: "Spark", port: 4040, audiences: ["admin"], description: "spark.ui.port" },
    { slug: "spark-history-ui", service: "Spark", port: 18080, audiences: ["admin"], description: "spark.history.ui.port" },
    { slug: "spark-block-manager", service: "Spark", port: 12000, audiences: ["internal"], description: "spark.blockManager.port" },
    { slug: "spark-broadcast", service: "Spark", port: 12500, audiences: ["internal"], description: "spark.broadcast.port" },
    { slug: "spark-driver", service: "Spark", port: 13000, audiences: ["internal"], description: "spark.driver.port" },
    { slug: "spark-executor", service: "Spark", port: 13500, audiences: ["internal"], description: "spark.executor.port" },
    { slug: "spark-fileserver", service: "Spark", port: 14000, audiences: ["internal"], description: "spark.fileserver.port" },
    { slug: "spark-repl-class-server", service: "Spark", port: 14500, audiences: ["internal"], description: "spark.replClassServer.port" },
  ]),
  ...section({ variant: "data-analytics-server", section: `${DAS} > Ports used by the Spark Analytics Engine > Ports available for the cluster mode`, feature: "spark-cluster", notes: [SPARK_OFFSET] }, [
    { slug: "spark-master", service: "Spark", port: 7077, audiences: ["internal"], description: "spark.master.port" },
    { slug: "spark-master-rest", service: "Spark", port: 6066, audiences: ["internal"], description: "spark.master.rest.port" },
    { slug: "spark-master-webui", service: "Spark", port: 8081, audiences: ["admin"], description: "spark.master.webui.port" },
    { slug: "spark-worker", service: "Spark", port: 11000, audiences: ["internal"], description: "spark.worker.port" },
    { slug: "spark-worker-webui", service: "Spark", port: 11500, audiences: ["admin"], description: "spark.worker.webui.port" },
  ]),
];

const bps = section({ variant: "business-process-server", section: `${PS} > Business Process Server` }, [
  { slug: "rmi-registry", service: "RMI registry", port: 2199, audiences: ["internal"], description: "RMI registry port (datasources provider port)" },
]);

const cep = section({ variant: "complex-event-processor", section: `${PS} > Complex Event Processor` }, [
  { slug: "cassandra-thrift", service: "Cassandra", port: 9160, audiences: ["internal"], description: "Cassandra port on which Thrift listens to clients" },
  { slug: "thrift-ssl", service: "Thrift receiver", port: 7711, audiences: ["internal"], description: "Thrift SSL port for secure transport, where the client is authenticated to CEP" },
  { slug: "thrift-tcp", service: "Thrift receiver", port: 7611, audiences: ["internal"], description: "Thrift TCP port to receive events from clients to CEP" },
  { slug: "ha-management", service: "HA management", port: 11224, feature: "cep-ha", audiences: ["internal"], description: "Thrift TCP port for HA management of CEP" },
]);

/** ELB and ESB list the same two transports, in their own words. */
const transports = (variant: string, title: string, https: string, http: string, notes?: string[]) =>
  section({ variant, section: `${PS} > ${title}`, notes }, [
    { slug: "passthrough-https", service: "NIO/PT transport", port: 8243, audiences: ["public"], description: https },
    { slug: "passthrough-http", service: "NIO/PT transport", port: 8280, audiences: ["public"], description: http },
  ]);

const EI = `${PS} > Enterprise Integrator`;
// EI 6.x runs each profile as its own Carbon server with its own carbon.xml <Offset>.
const EI_CARBON_OFFSET = "carbon.xml's own comment: \"This entry will set the value of the ports defined below to the define value + Offset. e.g. Offset=2 and HTTPS port=9443 will set the effective HTTPS port to 9445\".";
const EI_BP_OFFSET = `Offset: the business-process profile ships <Offset>2</Offset> (wso2/product-ei:distribution/src/business-process/conf/carbon.xml at v6.0.0 through v6.6.0, installed as wso2/business-process/conf/carbon.xml; its axis2/axis2.xml keeps the base 9443/9763); ${EI_CARBON_OFFSET} So the listed ports are base + 2. defaultOffset 2 records it: a portOffset N replaces the 2 (9443 + N, 9763 + N) rather than adding to it.`;
const EI_BROKER_OFFSET = `Offset: the broker profile ships <Offset>3</Offset> (wso2/product-ei:distribution/src/broker/conf/carbon.xml at v6.0.0 through v6.6.0, installed as wso2/broker/conf/carbon.xml; its tomcat/catalina-server.xml keeps the base 9443/9763). Its broker.xml comes from the Andes server feature (wso2/carbon-business-messaging:features/andes/org.wso2.carbon.andes.server.feature/resources/conf/broker.xml at v3.2.62, the carbon.messaging.version of product-ei v6.4.0; the same ports in every release EI 6.0.0-6.6.0 builds with, v3.1.16 to v3.3.12): AMQP 5672, AMQP/SSL 8672, MQTT 1883, MQTT/SSL 8883, coordination thriftServerPort 7611. Andes adds the Carbon offset to every *_PORT setting (wso2/andes:modules/andes-core/broker/src/main/java/org/wso2/andes/configuration/AndesConfigurationManager.java at v3.2.82, readPortValue returns the configured port + carbonPortOffset; the offset is -DportOffset or carbon.xml Ports.Offset, read by QpidServiceComponent.readPortOffset in wso2/carbon-business-messaging at v3.2.62). So every listed port is base + 3; defaultOffset 3 records it: a portOffset N replaces the 3 (AMQP 5672 + N) rather than adding to it.`;
const EI_MI_OFFSET = "Offset: the EI 6.x micro-integrator profile (product-ei v6.3.0 and v6.4.0; product-ei's distribution has no micro-integrator/conf from v6.5.0) ships <Offset>10</Offset> (wso2/product-ei:distribution/src/micro-integrator/conf/carbon.xml at v6.3.0 and v6.4.0, installed as wso2/micro-integrator/conf/carbon.xml), and its axis2.xml sets the pass-through http/https listener ports to 8280/8243 (distribution/src/micro-integrator/conf/axis2.xml at the same tags). So the listed ports are 8280/8243 + 10, as for Micro Integrator 4.x; defaultOffset 10 records it: a portOffset N replaces the 10 (8280 + N) rather than adding to it.";
const EI_MQTT_SSL = "The document's 8836 is 8833 + 3, but the shipped broker.xml sets the MQTT/SSL port to 8883 (sslConnection port=\"8883\", the IANA MQTT-over-TLS port, in every carbon-business-messaging release EI 6.0.0-6.6.0 builds with), so an unmodified broker profile listens on 8886 (8883 + 3). Kept as the document lists it; with defaultOffset 3 a portOffset N gives 8833 + N, not the shipped 8883 + N.";
const ei = [
  ...section({ variant: "enterprise-integrator", section: `${EI} > ESB ports`, roles: ["esb"] }, [
    { slug: "esb-servlet-https", service: "ESB profile", port: 9443, audiences: ["admin"], description: "HTTPS servlet transport (the default URL of the management console is https://localhost:9443/carbon)", notes: ["Also listed under Common ports > Management console ports."] },
    { slug: "esb-passthrough-https", service: "ESB profile", port: 8243, audiences: ["public"], description: "Passthrough or NIO HTTPS transport" },
    { slug: "esb-passthrough-http", service: "ESB profile", port: 8280, audiences: ["public"], description: "Passthrough or NIO HTTP transport" },
  ]),
  ...section({ variant: "enterprise-integrator", section: MGMT, roles: ["analytics"] }, [
    { slug: "analytics-console", service: "EI-Analytics profile", port: 9444, audiences: ["admin"], description: "Used for the EI-Analytics management console" },
  ]),
  ...section({ variant: "enterprise-integrator", section: `${EI} > EI-Analytics ports`, roles: ["analytics"] }, [
    { slug: "analytics-dashboard", service: "EI-Analytics profile", port: 9643, audiences: ["admin"], description: "The port on which the Analytics dashboard opens" },
    { slug: "analytics-cassandra-thrift", service: "EI-Analytics profile", port: 9161, audiences: ["internal"], description: "Cassandra port on which Thrift listens to clients" },
    { slug: "analytics-thrift-ssl", service: "EI-Analytics profile", port: 7712, audiences: ["internal"], description: "Thrift SSL port for secure transport, where the client is authenticated for the Analytics profile" },
    { slug: "analytics-thrift-tcp", service: "EI-Analytics profile", port: 7612, audiences: ["internal"], description: "Thrift TCP port to receive events from clients to DAS" },
  ]),
  ...section({ variant: "enterprise-integrator", section: `${EI} > EI-Business Process ports`, roles: ["business-process"], defaultOffset: 2, notes: [EI_BP_OFFSET] }, [
    { slug: "business-process-servlet-https", service: "EI-Business Process profile", port: 9445, audiences: ["admin"], description: "HTTPS servlet transport (the default URL of the management console is https://localhost:9445/carbon)", notes: ["Also listed under Common ports > Management console ports."] },
    { slug: "business-process-servlet-http", service: "EI-Business Process profile", port: 9765, audiences: ["admin"], description: "HTTP servlet transport" },
  ]),
  ...section({ variant: "enterprise-integrator", section: `${EI} > EI-Broker ports`, roles: ["broker"], defaultOffset: 3, notes: [EI_BROKER_OFFSET] }, [
    { slug: "broker-servlet-https", service: "EI-Broker profile", port: 9446, audiences: ["admin"], description: "HTTPS servlet transport (the default URL of the management console is https://localhost:9446/carbon)" },
    { slug: "broker-servlet-http", service: "EI-Broker profile", port: 9766, audiences: ["admin"], description: "HTTP servlet transport" },
    { slug: "broker-amqp", service: "EI-Broker profile", port: 5675, audiences: ["internal"], description: "Port for listening for messages on TCP when the AMQP transport is used" },
    { slug: "broker-amqp-ssl", service: "EI-Broker profile", port: 8675, audiences: ["internal"], description: "Port for listening for messages on TCP/SSL when the AMQP Transport is used" },
    { slug: "broker-mqtt", service: "EI-Broker profile", port: 1886, audiences: ["internal"], description: "Port for listening for messages on TCP when the MQTT transport is used" },
    { slug: "broker-mqtt-ssl", service: "EI-Broker profile", port: 8836, audiences: ["internal"], description: "Port for listening for messages on TCP/SSL when the MQTT Transport is used", notes: [EI_MQTT_SSL] },
    { slug: "broker-thrift", service: "EI-Broker profile", port: 7614, audiences: ["internal"], description: "The port for Apache Thrift Server" },
  ]),
  ...section({ variant: "enterprise-integrator", section: `${EI} > EI-Micro Integrator ports`, roles: ["micro-integrator"], defaultOffset: 10, notes: ["The document calls it a servlet transport; in the Micro Integrator 8290/8253 are the HTTP/HTTPS passthrough (mediation) transports, which clients call.", EI_MI_OFFSET] }, [
    { slug: "micro-integrator-http", service: "EI-Micro Integrator profile", port: 8290, audiences: ["public"], description: "HTTP servlet transport" },
    { slug: "micro-integrator-https", service: "EI-Micro Integrator profile", port: 8253, audiences: ["public"], description: "HTTPS servlet transport" },
  ]),
  ...section({ variant: "enterprise-integrator", section: `${EI} > EI-MSF4J ports`, roles: ["msf4j"] }, [
    { slug: "msf4j-http", service: "EI-MSF4J profile", port: 9090, audiences: ["public"], description: "HTTP servlet transport" },
  ]),
];

const is = section({ variant: "identity-server", section: `${PS} > Identity Server` }, [
  { slug: "kdc", service: "Kerberos KDC", port: 8000, protocol: "udp", feature: "kdc", audiences: ["internal"], description: "KDCServerPort. Port which KDC (Kerberos Key Distribution Center) server runs", notes: ["Same port as Common ports > KDC ports; UDP for the same reason (the embedded ApacheDS KDC defaults to UDP)."] },
  { slug: "thrift-entitlement", service: "Entitlement (Thrift)", port: 10500, audiences: ["internal"], description: "ThriftEntitlementReceivePort" },
]);

const mb = section({ variant: "message-broker", section: `${PS} > Message Broker`, notes: ["The document says external clients use these JMS ports; they stay internal until the user names those clients as internal sources."] }, [
  { slug: "amqp", service: "Message Broker", port: 5672, audiences: ["internal"], description: "Port for listening for messages on TCP when the AMQP transport is used" },
  { slug: "amqp-ssl", service: "Message Broker", port: 8672, audiences: ["internal"], description: "Port for listening for messages on TCP/SSL when the AMQP Transport is used" },
  { slug: "mqtt", service: "Message Broker", port: 1883, audiences: ["internal"], description: "Port for listening for messages on TCP when the MQTT transport is used" },
  { slug: "mqtt-ssl", service: "Message Broker", port: 8833, audiences: ["internal"], description: "Port for listening for messages on TCP/SSL when the MQTT Transport is used" },
  { slug: "thrift", service: "Message Broker", port: 7611, audiences: ["internal"], description: "The port for Apache Thrift Server" },
]);

const ml = section({ variant: "machine-learner", section: `${PS} > Machine Learner` }, [
  { slug: "spark", service: "Apache Spark", port: 7077, audiences: ["internal"], description: "The default port for Apache Spark" },
  { slug: "h2o", service: "H2O", port: 54321, audiences: ["internal"], description: "The default port for H2O" },
  { slug: "spark-ui", service: "Apache Spark", port: 4040, audiences: ["admin"], description: "The default port for Spark UI" },
]);

const SS = `${PS} > Storage Server`;
const ss = [
  ...section({ variant: "storage-server", section: `${SS} > Cassandra` }, [
    { slug: "cassandra-storage", service: "Cassandra", port: 7000, audiences: ["internal"], description: "For Inter node communication within cluster nodes" },
    { slug: "cassandra-storage-ssl", service: "Cassandra", port: 7001, audiences: ["internal"], description: "For inter node communication within cluster nodes via SSL" },
    { slug: "cassandra-thrift", service: "Cassandra", port: 9160, audiences: ["internal"], description: "For Thrift client connections" },
    { slug: "cassandra-jmx", service: "Cassandra", port: 7199, feature: "jmx", audiences: ["admin", "internal"], description: "For JMX", notes: [JMX_AUDIENCE] },
  ]),
  ...section({ variant: "storage-server", section: `${SS} > HDFS`, notes: ["Offset: HDFS ports are set in Hadoop's own configuration and do not follow the Carbon offset."] }, [
    { slug: "hdfs-namenode", service: "HDFS", port: 54310, offset: "fixed", audiences: ["internal"], description: "Port used to connect to the default file system" },
    { slug: "hdfs-job-tracker", service: "HDFS", port: 54311, offset: "fixed", audiences: ["internal"], description: "Port used by the MapRed job tracker" },
    { slug: "hdfs-namenode-https", service: "HDFS", port: 50470, offset: "fixed", audiences: ["admin"], description: "Name node secure HTTP server port" },
    { slug: "hdfs-datanode-https", service: "HDFS", port: 50475, offset: "fixed", audiences: ["internal"], description: "Data node secure HTTP server port" },
    { slug: "hdfs-datanode", service: "HDFS", port: 50010, offset: "fixed", audiences: ["internal"], description: "Data node server port for data transferring" },
    { slug: "hdfs-datanode-http", service: "HDFS", port: 50075, offset: "fixed", audiences: ["internal"], description: "Data node HTTP server port" },
    { slug: "hdfs-datanode-ipc", service: "HDFS", port: 50020, offset: "fixed", audiences: ["internal"], description: "Data node IPC server port" },
  ]),
];

const EMM = `${PS} > Enterprise Mobility Manager`;
const emm = [
  ...pushNotificationPorts("enterprise-mobility-manager", `${EMM} > Android`, `${EMM} > iOS`),
  ...section({ variant: "enterprise-mobility-manager", section: `${EMM} > API Manager`, notes: ["Only applicable to WSO2 EMM 1.1.0 onwards."] }, [
    { slug: "apim-thrift", service: "API Manager", port: 10397, audiences: ["internal"], description: "Thrift client and server ports" },
    { slug: "apim-gateway-http", service: "API Manager", port: 8280, audiences: ["public"], description: "NIO/PT transport ports (HTTP)" },
    { slug: "apim-gateway-https", service: "API Manager", port: 8243, audiences: ["public"], description: "NIO/PT transport ports (HTTPS)" },
  ]),
];

const IOT = `${PS} > IoT Server`;
const iot = [
  ...section({ variant: "iot-server", section: `${IOT} > Default ports` }, [
    { slug: "gateway-https", service: "Gateway", port: 8243, audiences: ["public"], description: "HTTPS gateway port" },
    { slug: "core-https", service: "Core profile", port: 9443, audiences: ["public", "admin"], description: "HTTPS port for the core profile", notes: ["Public as well as admin: device owners enroll through the device management portal on this port."] },
    { slug: "gateway-http", service: "Gateway", port: 8280, audiences: ["public"], description: "HTTP gateway port" },
    { slug: "core-http", service: "Core profile", port: 9763, audiences: ["admin"], description: "HTTP port for the core profile" },
    { slug: "mqtt", service: "MQTT broker", port: 1886, audiences: ["public"], description: "Default MQTT port", notes: ["Public: IoT devices connect to the broker from wherever they are."] },
    { slug: "analytics-https", service: "Analytics profile", port: 9445, audiences: ["admin"], description: "HTTPS port for the analytics profile" },
    { slug: "analytics-http", service: "Analytics profile", port: 9765, audiences: ["admin"], description: "HTTP port for the analytics profile" },
    { slug: "analytics-1039", service: "Analytics profile", port: 1039, audiences: ["admin"], description: "HTTP port for the analytics profile", notes: ["The document gives 1039 the same description as 9765; 1039 is not an offset of any other listed port and looks like an error in the document. Kept as written."] },
  ]),
  ...pushNotificationPorts(
    "iot-server",
    `${IOT} > Ports required for mobile devices to communicate with the server and the respective notification servers > Android`,
    `${IOT} > Ports required for mobile devices to communicate with the server and the respective notification servers > iOS`,
  ),
];

export const wso2Entries: ReleasedEntry[] = [
  ...common,
  ...apiManager,
  ...das,
  ...bps,
  ...cep,
  ...transports("elastic-load-balancer", "Elastic Load Balancer", "NIO/PT transport ports (HTTPS)", "NIO/PT transport ports (HTTP)", ['The document lists "8280, 8243" in one bullet: two entries.']),
  ...transports("enterprise-service-bus", "Enterprise Service Bus", "Passthrough or NIO HTTPS transport", "Passthrough or NIO HTTP transport", [
    "Non-blocking HTTP/S transports that accept message mediation requests (requests to an API or proxy service), configured in axis2.xml.",
  ]),
  ...ei,
  ...is,
  ...mb,
  ...ml,
  ...ss,
  ...emm,
  ...iot,
];

export const wso2Notes: CatalogNote[] = [
  {
    id: "wso2/common/random-jmxremote-port",
    catalog: "wso2",
    variant: "common",
    description: "A random TCP port opens at server startup because of the -Dcom.sun.management.jmxremote property in the startup script (JVM JMX monitoring). It changes at every start, so no rule can name it.",
    source: { document, section: `${COMMON} > Random ports` },
  },
  {
    id: "wso2/common/random-syslog-port",
    catalog: "wso2",
    variant: "common",
    description: "A random UDP port opens at server startup for the log4j SyslogAppender configured in repository/conf/log4j.properties. It changes at every start, so no rule can name it.",
    source: { document, section: `${COMMON} > Random ports` },
  },
];

/**
 * Carbon 4.4 for every product of the document, each citing its first section; every product
 * brings WSO2's common ports (management console, LDAP, KDC, JMX, clustering) along.
 */
export const wso2DocumentReleases: ProductRelease[] = [...new Map(wso2Entries.map((e) => [e.variant, e.source.section])).entries()].map(([variant, section]) => ({
  product: `wso2/${variant}`,
  name: WSO2_DOCUMENT_RELEASE,
  source: { document, section: variant === "common" ? COMMON : section },
  ...(variant === "common" ? {} : { includes: ["wso2/common"] }),
}));
