package main

import (
	"bytes"
	"strings"
	"testing"
)

// A policy selecting app=db in ns "a": TCP 5432 from app=api pods of the same namespace, TCP 8000-8010
// from 10.0.0.0/8 except 10.1.0.0/16. Ingress only.
const policy = `{"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy","metadata":{"name":"db","namespace":"a"},
 "spec":{"podSelector":{"matchLabels":{"app":"db"}},"policyTypes":["Ingress"],"ingress":[
  {"from":[{"podSelector":{"matchLabels":{"app":"api"}}}],"ports":[{"protocol":"TCP","port":5432}]},
  {"from":[{"ipBlock":{"cidr":"10.0.0.0/8","except":["10.1.0.0/16"]}}],"ports":[{"protocol":"TCP","port":8000,"endPort":8010}]}]}}`

func eval(t *testing.T, policies, queries string) (string, int, string) {
	t.Helper()
	in := `{"policies":[` + policies + `],"namespaces":{"a":{"kubernetes.io/metadata.name":"a"},"b":{"kubernetes.io/metadata.name":"b"}},"queries":[` + queries + `]}`
	var out, errOut bytes.Buffer
	code := run(strings.NewReader(in), &out, &errOut)
	return strings.TrimSpace(out.String()), code, errOut.String()
}

func TestAllowedAndDenied(t *testing.T) {
	api := `{"namespace":"a","labels":{"app":"api"},"ip":"10.244.0.2"}`
	apiB := `{"namespace":"b","labels":{"app":"api"},"ip":"10.244.0.3"}`
	db := `{"namespace":"a","labels":{"app":"db"},"ip":"10.244.0.4"}`
	web := `{"namespace":"a","labels":{"app":"web"},"ip":"10.244.0.5"}`
	queries := strings.Join([]string{
		`{"from":` + api + `,"to":` + db + `,"protocol":"TCP","port":5432}`,        // the rule
		`{"from":` + api + `,"to":` + db + `,"protocol":"UDP","port":5432}`,        // other protocol
		`{"from":` + api + `,"to":` + db + `,"protocol":"TCP","port":5433}`,        // other port
		`{"from":` + apiB + `,"to":` + db + `,"protocol":"TCP","port":5432}`,       // same labels, other namespace
		`{"from":` + web + `,"to":` + db + `,"protocol":"TCP","port":5432}`,        // other role
		`{"from":{"ip":"10.2.3.4"},"to":` + db + `,"protocol":"TCP","port":8010}`,  // in the range, in the block
		`{"from":{"ip":"10.1.3.4"},"to":` + db + `,"protocol":"TCP","port":8005}`,  // except
		`{"from":{"ip":"10.2.3.4"},"to":` + db + `,"protocol":"TCP","port":8011}`,  // past endPort
		`{"from":{"ip":"192.0.2.1"},"to":` + db + `,"protocol":"TCP","port":8000}`, // outside the block
		`{"from":{"ip":"192.0.2.1"},"to":` + web + `,"protocol":"UDP","port":53}`,  // no policy selects web
	}, ",")
	out, code, errOut := eval(t, policy, queries)
	want := "true\nfalse\nfalse\nfalse\nfalse\ntrue\nfalse\nfalse\nfalse\ntrue"
	if out != want || code != 0 {
		t.Fatalf("got %q (exit %d, %s), want %q", out, code, errOut, want)
	}
}

func TestInvalidPolicyIsAnErrorLineNotAPanic(t *testing.T) {
	bad := strings.Replace(policy, `"endPort":8010`, `"endPort":7999`, 1)
	out, code, _ := eval(t, bad, `{"from":{"ip":"10.2.3.4"},"to":{"namespace":"a","labels":{"app":"db"}},"protocol":"TCP","port":8000}`)
	if code != 1 || !strings.HasPrefix(out, `{"error":"cyclonus refused the policies: invalid port range: end port \u003c start port`) {
		t.Fatalf("got %q (exit %d)", out, code)
	}
}

func TestPodWithoutIPMeetingAnIPBlockIsAnErrorLine(t *testing.T) {
	out, code, _ := eval(t, policy, `{"from":{"namespace":"b","labels":{}},"to":{"namespace":"a","labels":{"app":"db"}},"protocol":"TCP","port":8000},`+
		`{"from":{"namespace":"a","labels":{"app":"api"}},"to":{"namespace":"a","labels":{"app":"db"}},"protocol":"TCP","port":5432}`)
	lines := strings.Split(out, "\n")
	if code != 1 || len(lines) != 2 || !strings.HasPrefix(lines[0], `{"error":"cyclonus failed on this query`) || lines[1] != "true" {
		t.Fatalf("got %q (exit %d)", out, code)
	}
}

func TestBadInputIsRefused(t *testing.T) {
	for _, q := range []string{
		`{"from":{"ip":"10.0.0.1"},"to":{"namespace":"c","labels":{}},"protocol":"TCP","port":1}`,
		`{"from":{"ip":"10.0.0.1"},"to":{"namespace":"a"},"protocol":"ICMP","port":1}`,
		`{"from":{"ip":"10.0.0.1"},"to":{"namespace":"a"},"protocol":"TCP","port":0}`,
		`{"from":{},"to":{"namespace":"a"},"protocol":"TCP","port":1}`,
		`{"to":{"namespace":"a"},"protocol":"TCP","port":1}`,
	} {
		if _, code, errOut := eval(t, policy, q); code != 2 || errOut == "" {
			t.Errorf("%s: exit %d, stderr %q", q, code, errOut)
		}
	}
}
