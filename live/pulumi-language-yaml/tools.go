//go:build tools

// Package tools pins Pulumi YAML's language host, which scripts/live/engine.sh builds from this
// throwaway module: pulumi-yaml v1.25.0 resolves to pkg/sdk v3.206.0 and does not build against the
// CLI's v3.248.0, so it gets its own module graph.
package tools

import _ "github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml"
