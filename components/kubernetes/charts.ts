import type { LabelSelector } from "./policy.js";

// The charts' own pod labels: the default selectors of Wso2NetworkPolicies and OpenStackHelmNetworkPolicies.
// Facts read in the charts' sources (no text copied):
//
// wso2/helm-apim @ 5be7c15f3f60ac1cba08e7d8f16c835ebf24ea9d (main, 2026-06-12):
//   distributed/control-plane/Chart.yaml `name: wso2am-acp`, distributed/gateway/Chart.yaml `wso2am-universal-gw`,
//   distributed/traffic-manager/Chart.yaml `wso2am-tm`, distributed/key-manager/Chart.yaml `wso2am-km`; each chart's
//   Deployment pod template (e.g. distributed/control-plane/templates/control-plane/instance-1/wso2am-cp-deployment.yaml)
//   labels its pods `deployment: <fullname>` (plus `node`, `product: apim`), and `<fullname>` (templates/*/_helpers.tpl,
//   `apim-helm-cp.fullname` and its siblings) is fullnameOverride, else the release name when it contains the chart name,
//   else `<release>-<chart>`, cut to 63 characters without a trailing "-".
//
// openstack/openstack-helm @ 0ee5adeffcaefb6f7a78bb23bf845414672e6827 (2026-08-20):
//   helm-toolkit/templates/snippets/_kubernetes_metadata_labels.tpl labels every pod `release_group`, `application`,
//   `component` (and app.kubernetes.io/name|component|instance); the API servers are e.g. keystone/api, glance/api,
//   nova/os-api, nova/metadata, neutron/server, placement/api, cinder/api, heat/api. With `hostNetwork: true`:
//   nova/templates/daemonset-compute.yaml, deployment-novncproxy.yaml, deployment-spiceproxy.yaml,
//   deployment-serialproxy.yaml, libvirt/templates/daemonset-libvirt.yaml, openvswitch/templates/daemonset.yaml,
//   neutron/templates/daemonset-{dhcp,l3,metadata,ovs,ovn,sriov,...}-agent.yaml, cinder/templates/deployment-volume.yaml
//   and deployment-backup.yaml, swift/templates/daemonset-storage.yaml, octavia worker/health-manager/housekeeping; and
//   glance/templates/deployment-api.yaml when `pod.useHostNetwork.api` is set.

/** wso2/helm-apim's distributed charts, by the catalog's role. */
export const WSO2_HELM_CHARTS: Record<string, string> = {
  "control-plane": "wso2am-acp",
  gateway: "wso2am-universal-gw",
  "traffic-manager": "wso2am-tm",
  "key-manager": "wso2am-km",
};

/** The chart's `<fullname>` for a Helm release (see above): what its pods' `deployment` label holds. */
export function wso2ChartFullname(release: string, chart: string): string {
  const full = release.includes(chart) ? release : `${release}-${chart}`;
  return full.slice(0, 63).replace(/-+$/, "");
}

/** A WSO2 role's default selector, for its Helm release (default: the chart's own name, so `<fullname>` is the chart name). */
export function wso2Selector(role: string, release?: string): LabelSelector | undefined {
  const chart = WSO2_HELM_CHARTS[role];
  return chart === undefined ? undefined : { matchLabels: { deployment: wso2ChartFullname(release ?? chart, chart) } };
}

/**
 * openstack-helm's controller pods: one policy selects them all by `application` and `component`. Every pair of the
 * two lists that a chart uses is a control-plane pod; no compute, network or storage pod has both (their components
 * are compute, libvirt, *-agent, volume, backup, storage, and openvswitch/libvirt are not in the applications).
 */
export const OPENSTACK_HELM_CONTROLLER: LabelSelector = {
  matchLabels: {},
  matchExpressions: [
    { key: "application", operator: "In", values: ["barbican", "cinder", "designate", "glance", "heat", "horizon", "keystone", "mariadb", "memcached", "neutron", "nova", "octavia", "placement", "rabbitmq", "swift"] },
    { key: "component", operator: "In", values: ["api", "central", "cfn", "conductor", "engine", "mdns", "metadata", "os-api", "producer", "proxy", "rpc_server", "scheduler", "server", "sink"] },
  ],
};

/** openstack-helm's roles whose pods run with `hostNetwork: true` by default: no NetworkPolicy applies to them. */
export const OPENSTACK_HELM_HOST_NETWORK_ROLES = ["compute", "network", "storage"];

/** The roles openstack-helm runs, by default. */
export const OPENSTACK_HELM_ROLES = ["controller", "compute", "network", "storage"];
