#!/usr/bin/env bash
# Builds the real Pulumi engine the live tier runs, from public Go modules, and prints (last line of
# stdout) one directory to put first on PATH: pulumi, pulumi-language-nodejs, pulumi-language-yaml,
# pulumi-resource-openstack.
# Each binary is cached by a hash of its module files and the Go version (scripts/live/build-lib.sh),
# so a second run builds nothing. See docs/live.md.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
BUILD_WHO=engine
# shellcheck source=scripts/live/build-lib.sh
source "$ROOT/scripts/live/build-lib.sh"

# The CLI at the version of the @pulumi/pulumi the tests pin. pkg/go.mod replaces the SDK with ../sdk,
# so `go install pkg/v3/cmd/pulumi@v` refuses it: live/pulumi-cli is the throwaway main module that
# requires pkg and sdk at the same version, with pkg's other replace line.
cli() {
  cd "$ROOT/live/pulumi-cli"
  go build -o "$OUT/pulumi" -ldflags "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v3.248.0" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi
}

# The Node.js language host: our own (live/language-host, on sdk/v3 at the CLI's version). Its go test
# (argument building, runtime options, flags, required packages, Run/RunPlugin against a stand-in SDK)
# runs before each build, so a host that fails its tests is never built or cached.
language_nodejs() {
  cd "$ROOT/live/language-host"
  go test ./... >&2
  go build -o "$OUT/pulumi-language-nodejs" .
}

# Pulumi YAML's language host, for YAML programs using the component package. pulumi-yaml v1.25.0
# resolves to pkg/sdk v3.206.0 and does not compile against v3.248.0, so live/pulumi-language-yaml is
# its own throwaway module (a go.mod and a tools.go naming the command; nothing else).
language_yaml() {
  cd "$ROOT/live/pulumi-language-yaml"
  go build -o "$OUT/pulumi-language-yaml" github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml
}

# The OpenStack provider, bridged here from the upstream Terraform provider (pulumi-openstack's module
# is not served). Its schema is generated at build time, in a copy of the module, and embedded.
provider_openstack() {
  local src="$OUT/src"
  cp -r "$ROOT/live/openstack-provider" "$src"
  cd "$src"
  go build -o "$OUT/pulumi-tfgen-openstack" ./cmd/pulumi-tfgen-openstack
  "$OUT/pulumi-tfgen-openstack" schema --out "$src/gen"
  cp gen/schema.json gen/bridge-metadata.json cmd/pulumi-resource-openstack/
  go build -o "$OUT/pulumi-resource-openstack" ./cmd/pulumi-resource-openstack
  cp gen/schema.json "$OUT/schema.json"
  rm -rf "$src" "$OUT/pulumi-tfgen-openstack"
}

# One plain assignment each, so a failed build stops the script (set -e sees the substitution's status).
cli_bin=$(build pulumi-cli "$ROOT/live/pulumi-cli" pulumi cli)
host_bin=$(build pulumi-language-nodejs "$ROOT/live/language-host" pulumi-language-nodejs language_nodejs)
provider_bin=$(build pulumi-resource-openstack "$ROOT/live/openstack-provider" pulumi-resource-openstack provider_openstack)
yaml_bin=$(build pulumi-language-yaml "$ROOT/live/pulumi-language-yaml" pulumi-language-yaml language_yaml)
bins=("$cli_bin" "$host_bin" "$provider_bin" "$yaml_bin")

# One PATH directory per set of binaries.
path_dir path "${bins[@]}"
