// Command gen writes the provider's two embedded files (run by scripts/live/kube.sh in a copy):
//
//	go run ./gen <dir holding schema.json and terraform-mapping.json> <version> <out dir>
//
// schema-embed.json is the schema with "version" set (the engine checks a provider's schema version);
// terraform-mapping-embed.json is the mapping compacted. The same two outputs upstream's
// cmd/pulumi-resource-kubernetes/generate.go writes; this is our own code.
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
)

func main() {
	if len(os.Args) != 4 {
		fmt.Fprintln(os.Stderr, "usage: gen <source dir> <version> <out dir>")
		os.Exit(2)
	}
	src, version, out := os.Args[1], os.Args[2], os.Args[3]
	if err := run(src, version, out); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(src, version, out string) error {
	raw, err := os.ReadFile(filepath.Join(src, "schema.json"))
	if err != nil {
		return err
	}
	var schema map[string]json.RawMessage
	if err := json.Unmarshal(raw, &schema); err != nil {
		return fmt.Errorf("schema.json: %w", err)
	}
	v, _ := json.Marshal(version)
	schema["version"] = v
	stamped, err := json.Marshal(schema)
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(out, "schema-embed.json"), stamped, 0o644); err != nil {
		return err
	}
	raw, err = os.ReadFile(filepath.Join(src, "terraform-mapping.json"))
	if err != nil {
		return err
	}
	var compact bytes.Buffer
	if err := json.Compact(&compact, raw); err != nil {
		return fmt.Errorf("terraform-mapping.json: %w", err)
	}
	return os.WriteFile(filepath.Join(out, "terraform-mapping-embed.json"), compact.Bytes(), 0o644)
}
