#!/usr/bin/env bash
# Builds the real Pulumi engine the live tier runs, from public Go modules, and prints (last line of
# stdout) one directory to put first on PATH: pulumi, pulumi-language-nodejs, pulumi-language-yaml,
# pulumi-resource-openstack.
# Each binary is cached by a hash of its module files and the Go version, outside the repository
# (${XDG_CACHE_HOME:-~/.cache}/portcatalog/live), so a second run builds nothing. See docs/live.md.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/portcatalog/live"
export CGO_ENABLED=0
mkdir -p "$CACHE"

say() { echo "engine: $*" >&2; }

# A key for a module directory: its files and the Go toolchain that builds them.
key_of() {
  (cd "$1" && find . -type f -print0 | sort -z | xargs -0 sha256sum; go version) | sha256sum | cut -c1-16
}

# build <name> <module dir> <binary> <command...>: runs the command (which writes $OUT/<binary>) unless cached.
build() {
  local name=$1 dir=$2 binary=$3
  shift 3
  local key out
  key=$(key_of "$dir")
  out="$CACHE/$name-$key"
  if [[ -x "$out/$binary" ]]; then
    echo "$out/$binary"
    return 0
  fi
  say "building $name (first time for this version; minutes)"
  local started=$SECONDS tmp="$out.tmp.$$"
  rm -rf "$tmp" && mkdir -p "$tmp"
  if ! OUT="$tmp" "$@" >"$tmp.log" 2>&1; then
    say "building $name failed: $(tail -n 20 "$tmp.log" | tr '\n' ' ')"
    exit 1
  fi
  rm -rf "$out" && mv "$tmp" "$out" && mv "$tmp.log" "$out/build.log"
  say "built $name in $((SECONDS - started)) s"
  echo "$out/$binary"
}

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
path_key=$(printf '%s\n' "${bins[@]}" | sha256sum | cut -c1-16)
path_dir="$CACHE/path-$path_key"
if [[ ! -d $path_dir ]]; then
  mkdir -p "$path_dir.tmp.$$"
  for b in "${bins[@]}"; do ln -s "$b" "$path_dir.tmp.$$/$(basename "$b")"; done
  mv "$path_dir.tmp.$$" "$path_dir" 2>/dev/null || rm -rf "$path_dir.tmp.$$"
fi
echo "$path_dir"
