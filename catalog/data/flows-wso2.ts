// Who connects to each WSO2 API Manager 4.x (distributed) and Identity Server 7 port: the distributed Helm
// charts' deployment.toml files and Services (wso2/helm-apim, one branch per release 4.2.x-4.7.x, read at
// 4.7.x and main 5be7c15), and the IS 7 deployment guide's two-node cluster.
import type { Flow } from "../model.js";
import type { RoleRefinement } from "./extend.js";

const HELM = (path: string, section: string) => ({ document: `wso2/helm-apim:distributed/${path}@4.7.x`, section });
const GW = (section: string) => HELM("gateway/confs/deployment.toml", section);
const CP = (section: string) => HELM("control-plane/confs/instance-1/deployment.toml", section);
const TM = (section: string) => HELM("traffic-manager/confs/instance-1/deployment.toml", section);
const KM = (section: string) => HELM("key-manager/confs/deployment.toml", section);
const IS_GUIDE = (section: string) => ({ document: "https://is.docs.wso2.com/en/7.0.0/deploy/deployment-guide/", section });

const KM_NOTE =
  "key-manager: the charts' distributed/key-manager (branches 4.3.x-4.7.x) runs the Key Manager on its own nodes; the 4.2.x branch has no key-manager chart and the control plane is the key manager (apim.key_manager service_url = the control-plane service), so in 4.2 deployments map key-manager to the control-plane group.";
const SAME_BRANCHES = "Same wiring in the 4.2.x-4.7.x branches' deployment.toml (the key-manager files from 4.3.x).";

const flow = (from: string[] | "unknown", source: Flow["source"], notes: string[], to?: string[]): Flow => ({ from, ...(to ? { to } : {}), source, notes: [...notes, SAME_BRANCHES] });

/** For entries that also hold for the carbon-4.4 document: the charts describe 4.x only. */
const apim4 = (from: string[], source: Flow["source"], notes: string[]): Flow => ({ ...flow(from, source, notes), releases: ["4.2", "4.3", "4.4", "4.5", "4.6", "4.7"] });

/** The Key Manager listens on the same HTTPS servlet transport; the charts give it a node (and Service) of its own. */
export const wso2Roles: Record<string, RoleRefinement> = {
  "wso2/api-manager/node-https": {
    roles: ["gateway", "traffic-manager", "key-manager"],
    note: "Role key-manager added: wso2/helm-apim:distributed/key-manager/templates/key-manager/wso2am-km-service.yaml@4.7.x exposes the Key Manager node's 9443 (servlet-https), which gateways, traffic managers and the control plane call (apim.key_manager service_url in their deployment.toml).",
  },
};

const THRIFT_UNKNOWN = [
  "Read: wso2/helm-apim distributed deployment.toml of control-plane, gateway, traffic-manager and key-manager (4.2.x-4.7.x): every event publisher is wired to the binary receivers (9611/9711: traffic_manager_urls, traffic_manager_auth_urls, event_hub.publish url_group) and none names a Thrift receiver or Thrift authentication URL, so who would connect here is not said; the planner keeps the entry's audiences.",
];
const ownCluster = (section: string, roles: string[]): Flow[] =>
  roles.map((role) => flow([role], { document: "wso2/product-apim:all-in-one-apim/modules/distribution/product/src/main/resources/conf/templates/repository/conf/axis2/axis2.xml.j2@v4.5.0", section }, [`Hazelcast clustering joins nodes of one profile: the ${role} nodes with each other (members of one [clustering] domain), never other profiles.`], [role]));

export const wso2Flows: Record<string, Flow[]> = {
  "wso2/api-manager/gateway-http": [apim4(["clients"], HELM("gateway/templates/gateway/wso2am-gateway-service.yaml", "ports pass-through-http"), ["API consumers call the gateway."])],
  "wso2/api-manager/gateway-https": [apim4(["clients"], HELM("gateway/templates/gateway/wso2am-gateway-service.yaml", "ports pass-through-https"), ["API consumers call the gateway."])],
  "wso2/api-manager/gateway-websocket": [apim4(["clients"], HELM("gateway/templates/gateway/wso2am-gateway-service.yaml", "ports ws"), ["WebSocket API consumers."])],
  "wso2/api-manager/gateway-websocket-secure": [flow(["clients"], HELM("gateway/templates/gateway/wso2am-gateway-service.yaml", "ports wss"), ["WebSocket API consumers."])],
  "wso2/api-manager/gateway-websub-http": [flow(["clients"], HELM("gateway/templates/gateway/wso2am-gateway-service.yaml", "ports websub"), ["WebSub subscribers and publishers."])],
  "wso2/api-manager/gateway-websub-https": [flow(["clients"], HELM("gateway/templates/gateway/wso2am-gateway-service.yaml", "ports websub-secure"), ["WebSub subscribers and publishers."])],
  "wso2/api-manager/control-plane-https": [
    flow(["clients", "operators", "control-plane", "gateway", "traffic-manager", "key-manager"], CP("[apim.event_hub] service_url = the control-plane service :9443; [apim.key_manager] service_url"), [
      "clients/operators: Publisher, Developer Portal, Admin portal and their REST APIs. gateway, traffic-manager, key-manager: [apim.event_hub] service_url https://<control-plane>:9443/services/ in their deployment.toml (the key manager's event_listener notification_endpoint .../internal/data/v1/notify too). control-plane: its own [apim.event_hub]/[apim.oauth_config] URLs name the control-plane Service, which may route to the other instance.",
      "gateway and traffic-manager also call the control plane as key manager when no separate key manager is deployed.",
    ]),
  ],
  "wso2/api-manager/node-https": [
    flow(["operators", "control-plane"], CP("[[apim.gateway.environment]] service_url = https://<gateway service>:<servicePort>/services/"), ["The control plane deploys APIs to the gateways through their admin services; operators use the /carbon console and admin services."], ["gateway"]),
    flow(["operators", "gateway", "traffic-manager"], GW("[apim.throttling] service_url = https://<throttling serviceUrl>:<servicePort>/services/"), ["Gateways call the traffic manager's admin services; the traffic manager's own [apim.throttling] service_url names its Service (traffic-manager/confs/instance-1/deployment.toml), which may route to the other instance."], ["traffic-manager"]),
    flow(["operators", "control-plane", "gateway", "traffic-manager"], KM("[apim.key_manager] service_url in the gateway, traffic-manager and control-plane deployment.toml = https://<km serviceUrl>:9443/services/"), ["Gateways validate tokens, traffic managers revoke them ([apim.oauth_config] revoke_endpoint :9443/oauth2/revoke) and the control plane manages applications' keys through the key manager.", KM_NOTE], ["key-manager"]),
  ],
  "wso2/api-manager/servlet-http": [flow(["operators"], HELM("gateway/templates/gateway/wso2am-gateway-service.yaml", "ports servlet-http"), ["No chart's deployment.toml points any node at 9763; the plain servlet transport is only for operators."])],
  "wso2/api-manager/message-broker-amqp": broker("tcp"),
  "wso2/api-manager/message-broker-amqp-ssl": broker("ssl"),
  "wso2/api-manager/event-receiver-binary-tcp": receiver("traffic_manager_urls = tcp://<tm>:9611", "urls = tcp://<cp-n>:9611"),
  "wso2/api-manager/event-receiver-binary-ssl": receiver("traffic_manager_auth_urls = ssl://<tm>:9711", "auth_urls = ssl://<cp-n>:9711"),
  "wso2/api-manager/event-receiver-thrift-tcp": [flow("unknown", GW("[[apim.throttling.url_group]] (binary only)"), THRIFT_UNKNOWN)],
  "wso2/api-manager/event-receiver-thrift-ssl": [flow("unknown", GW("[[apim.throttling.url_group]] (binary only)"), THRIFT_UNKNOWN)],
  "wso2/api-manager/thrift-authentication": [flow("unknown", GW("[[apim.throttling.url_group]] (binary only)"), THRIFT_UNKNOWN)],
  "wso2/api-manager/jmx-rmi-registry": [flow(["operators"], HELM("control-plane/values.yaml", "no JMX wiring between nodes"), ["JMX is for operators' monitoring tools; no node of the charts connects to another's JMX."])],
  "wso2/api-manager/jmx-rmi-server": [flow(["operators"], HELM("control-plane/values.yaml", "no JMX wiring between nodes"), ["JMX is for operators' monitoring tools; no node of the charts connects to another's JMX."])],
  "wso2/api-manager/clustering-wka": ownCluster("clustering > localMemberPort / [clustering] members", ["control-plane", "gateway", "traffic-manager"]),
  "wso2/api-manager/clustering-multicast": ownCluster("clustering > multicast membership", ["control-plane", "gateway", "traffic-manager"]),

  "wso2/identity-server/servlet-https": [
    flow(["clients", "operators"], IS_GUIDE("Deployment Patterns: HA clustered deployment of two nodes behind a load balancer"), ["End users and applications (login, OAuth2/OIDC, SCIM) and administrators (Console); the nodes do not call each other on it."]),
  ],
  "wso2/identity-server/servlet-http": [flow(["operators"], IS_GUIDE("Deployment Patterns"), ["Admin only (the entry's audience); nothing in the pattern calls it."])],
  "wso2/identity-server/jmx-rmi-registry": [flow(["operators"], IS_GUIDE("Deployment Patterns"), ["JMX is for operators' monitoring tools; the cluster nodes do not use it."])],
  "wso2/identity-server/jmx-rmi-server": [flow(["operators"], IS_GUIDE("Deployment Patterns"), ["JMX is for operators' monitoring tools; the cluster nodes do not use it."])],
  "wso2/identity-server/thrift-authentication": [
    flow("unknown", IS_GUIDE("Deployment Patterns"), ["Read: the IS 7.0 deployment guide and the thrift-authentication.xml source this entry cites. The callers are external Thrift clients of the authentication service (e.g. data publishers), none of the cluster's roles; the planner keeps the entry's audience."]),
  ],
  "wso2/identity-server/thrift-entitlement-service": [
    flow("unknown", IS_GUIDE("Deployment Patterns"), ["Read: the IS 7.0 deployment guide and the XACML feature this entry cites. The callers are external policy enforcement points (PEPs), none of the cluster's roles; the planner keeps the entry's audience."]),
  ],
  "wso2/identity-server/clustering-wka": [
    flow(["identity-server"], IS_GUIDE("Clustering-related configurations: [clustering] membership_scheme = \"wka\", members = [\"<node1>:4000\", \"<node2>:4001\"]"), ["Hazelcast membership between the IS nodes of the cluster only."]),
  ],
  "wso2/identity-server/clustering-multicast": [
    flow(["identity-server"], IS_GUIDE("Clustering-related configurations (membership_scheme; multicast is the alternative to wka)"), ["Multicast membership between the IS nodes of the cluster only."]),
  ],
};

/** IS 7 entries listen on the Identity Server nodes: one role, so clusters can say "from its own nodes". */
export const identityServerRoles: Record<string, RoleRefinement> = Object.fromEntries(
  ["servlet-https", "servlet-http", "jmx-rmi-registry", "jmx-rmi-server", "thrift-authentication", "thrift-entitlement-service", "clustering-wka", "clustering-multicast"].map((slug) => [
    `wso2/identity-server/${slug}`,
    { roles: ["identity-server"], note: "Role identity-server: every IS 7 node runs the same server (the deployment guide's cluster of identical nodes behind a load balancer), so all its ports listen on one role." },
  ]),
);

function broker(kind: "tcp" | "ssl"): Flow[] {
  const note = kind === "ssl" ? ["The charts wire the plain 5672 URLs; the SSL listener serves the same JMS clients when they are pointed at amqps, so the same roles connect."] : [];
  return [
    flow(["control-plane", "gateway", "traffic-manager", "key-manager"], GW("[apim.event_hub] event_listening_endpoints = tcp://<event hub url>:5672"), [
      "The event hub on the control plane: gateways, traffic managers and key managers listen to it (event_listening_endpoints in their deployment.toml); the control plane's event_duplicate_url points at the other control-plane instance.",
      ...note,
    ], ["control-plane"]),
    flow(["gateway", "traffic-manager"], GW("[apim.throttling] throttle_decision_endpoints = tcp://<tm>:5672"), [
      "Gateways subscribe to throttle decisions; the traffic manager's event_duplicate_url points at the other traffic-manager instance (traffic-manager/confs/instance-1/deployment.toml).",
      ...note,
    ], ["traffic-manager"]),
  ];
}

function receiver(gateway: string, controlPlane: string): Flow[] {
  return [
    flow(["gateway"], GW(`[[apim.throttling.url_group]] ${gateway}`), ["Gateways publish throttling events to the traffic managers."], ["traffic-manager"]),
    flow(["control-plane"], CP(`[[apim.event_hub.publish.url_group]] ${controlPlane}`), ["Each control-plane instance publishes events to both control-plane instances' receivers."], ["control-plane"]),
  ];
}
