// Command portcatalog-netpol-eval answers, for a set of Kubernetes NetworkPolicies, whether each of a
// list of connections is allowed, with github.com/mattfenwick/cyclonus's matcher (pkg/matcher,
// BuildNetworkPolicies and IsTrafficAllowed): an evaluator nobody in this project wrote, which the live
// tier asks about the policies the components deploy. Our own code is only the JSON around it.
//
// Input (stdin), as docs/live.md and K8S-CONTRACT.md describe:
//
//	{"policies": [NetworkPolicy...], "namespaces": {"name": {labels}},
//	 "queries": [{"from": {"namespace": "ns", "labels": {...}, "ip": "10.244.0.5"} | {"ip": "203.0.113.9"},
//	              "to": {"namespace": "ns", "labels": {...}, "ip": "..."}, "protocol": "TCP", "port": 443}]}
//
// Output (stdout): one line per query, in order: `true` or `false` (ingress at the destination and
// egress at the source both allowed), or `{"error": "..."}` when cyclonus panicked on that query (it
// panics on some invalid policies and on an ipBlock met by a peer without an ip). A pod peer's ip is
// optional but is what ipBlocks are matched against. Exit 0 when every line is a boolean, 1 otherwise,
// 2 for input that is not as above.
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/mattfenwick/cyclonus/pkg/matcher"
	v1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
)

// Peer is one end of a connection: a pod (namespace and labels, optionally its ip) or an outside ip.
type Peer struct {
	Namespace string            `json:"namespace,omitempty"`
	Labels    map[string]string `json:"labels,omitempty"`
	IP        string            `json:"ip,omitempty"`
}

// Query is one connection to judge.
type Query struct {
	From     *Peer  `json:"from"`
	To       *Peer  `json:"to"`
	Protocol string `json:"protocol"`
	Port     int    `json:"port"`
	PortName string `json:"portName,omitempty"`
}

// Input is what stdin holds.
type Input struct {
	Policies   []*networkingv1.NetworkPolicy `json:"policies"`
	Namespaces map[string]map[string]string  `json:"namespaces"`
	Queries    []Query                       `json:"queries"`
}

func main() {
	os.Exit(run(os.Stdin, os.Stdout, os.Stderr))
}

func run(in io.Reader, out, errOut io.Writer) int {
	var input Input
	dec := json.NewDecoder(in)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&input); err != nil {
		fmt.Fprintf(errOut, "portcatalog-netpol-eval: input: %v\n", err)
		return 2
	}
	traffic := make([]*matcher.Traffic, len(input.Queries))
	for i, q := range input.Queries {
		t, err := toTraffic(q, input.Namespaces)
		if err != nil {
			fmt.Fprintf(errOut, "portcatalog-netpol-eval: query %d: %v\n", i, err)
			return 2
		}
		traffic[i] = t
	}
	w := bufio.NewWriter(out)
	defer w.Flush()
	policy, err := build(input.Policies)
	if err != nil {
		// Every query's answer is unknown: say so once per query, so the lines still line up.
		for range input.Queries {
			writeError(w, err)
		}
		return 1
	}
	code := 0
	for _, t := range traffic {
		allowed, err := allowed(policy, t)
		if err != nil {
			writeError(w, err)
			code = 1
			continue
		}
		fmt.Fprintln(w, allowed)
	}
	return code
}

func writeError(w io.Writer, err error) {
	line, _ := json.Marshal(map[string]string{"error": err.Error()})
	fmt.Fprintln(w, string(line))
}

// build is cyclonus's BuildNetworkPolicies (unsimplified: the policies as written), its panics made errors.
func build(policies []*networkingv1.NetworkPolicy) (p *matcher.Policy, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("cyclonus refused the policies: %v", r)
		}
	}()
	return matcher.BuildNetworkPolicies(false, policies), nil
}

func allowed(p *matcher.Policy, t *matcher.Traffic) (ok bool, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("cyclonus failed on this query: %v", r)
		}
	}()
	return p.IsTrafficAllowed(t).IsAllowed(), nil
}

func toTraffic(q Query, namespaces map[string]map[string]string) (*matcher.Traffic, error) {
	from, err := toPeer("from", q.From, namespaces)
	if err != nil {
		return nil, err
	}
	to, err := toPeer("to", q.To, namespaces)
	if err != nil {
		return nil, err
	}
	protocol := v1.Protocol(strings.ToUpper(q.Protocol))
	switch protocol {
	case v1.ProtocolTCP, v1.ProtocolUDP, v1.ProtocolSCTP:
	default:
		return nil, fmt.Errorf("protocol %q: expected TCP, UDP or SCTP", q.Protocol)
	}
	if q.Port < 1 || q.Port > 65535 {
		return nil, fmt.Errorf("port %d: expected 1-65535", q.Port)
	}
	return &matcher.Traffic{Source: from, Destination: to, ResolvedPort: q.Port, ResolvedPortName: q.PortName, Protocol: protocol}, nil
}

func toPeer(which string, p *Peer, namespaces map[string]map[string]string) (*matcher.TrafficPeer, error) {
	if p == nil {
		return nil, fmt.Errorf("%s: missing", which)
	}
	if p.Namespace == "" {
		if p.IP == "" || p.Labels != nil {
			return nil, fmt.Errorf("%s: expected {namespace, labels[, ip]} for a pod or {ip} for an outside address", which)
		}
		return &matcher.TrafficPeer{IP: p.IP}, nil
	}
	nsLabels, known := namespaces[p.Namespace]
	if !known {
		return nil, fmt.Errorf("%s: namespace %q is not in namespaces", which, p.Namespace)
	}
	labels := p.Labels
	if labels == nil {
		labels = map[string]string{}
	}
	return &matcher.TrafficPeer{IP: p.IP, Internal: &matcher.InternalPeer{Namespace: p.Namespace, NamespaceLabels: nsLabels, PodLabels: labels}}, nil
}
