#!/usr/bin/env bash
# Shared by engine.sh and kube.sh (sourced, not run): builds Go binaries from a throwaway module under
# live/, each cached by a hash of its module files and the Go version, outside the repository
# (${XDG_CACHE_HOME:-~/.cache}/portcatalog/live), so a second run builds nothing. See docs/live.md.
# The sourcing script sets ROOT and BUILD_WHO (the prefix of its messages) first.

CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/portcatalog/live"
export CGO_ENABLED=0
mkdir -p "$CACHE"

say() { echo "${BUILD_WHO:-build}: $*" >&2; }

# A key for a module directory: its files and the Go toolchain that builds them.
key_of() {
  (cd "$1" && find . -type f -print0 | sort -z | xargs -0 sha256sum; go version) | sha256sum | cut -c1-16
}

# build <name> <module dir> <binary> <command...>: runs the command (which writes $OUT/<binary>) unless
# cached, and prints the binary's path. The cold build's wall time is kept in <out>/build-seconds.
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
  # Not under `if !`: bash ignores set -e in a function called from a condition, so a failed first step
  # would go on and the last step's status would decide. The subshell keeps -e; the binary must exist.
  local rc=0
  set +e
  (set -e; OUT="$tmp" "$@") >"$tmp.log" 2>&1
  rc=$?
  set -e
  if [[ $rc -ne 0 || ! -x "$tmp/$binary" ]]; then
    say "building $name failed (exit $rc$([[ -x "$tmp/$binary" ]] || echo ", no $binary written")): $(tail -n 20 "$tmp.log" | tr '\n' ' ')"
    exit 1
  fi
  echo "$((SECONDS - started))" >"$tmp/build-seconds"
  rm -rf "$out" && mv "$tmp" "$out" && mv "$tmp.log" "$out/build.log"
  say "built $name in $((SECONDS - started)) s"
  echo "$out/$binary"
}

# path_dir <prefix> <binary...>: one directory of symlinks per set of binaries, printed; created once.
path_dir() {
  local prefix=$1
  shift
  local key dir
  key=$(printf '%s\n' "$@" | sha256sum | cut -c1-16)
  dir="$CACHE/$prefix-$key"
  if [[ ! -d $dir ]]; then
    mkdir -p "$dir.tmp.$$"
    for b in "$@"; do ln -s "$b" "$dir.tmp.$$/$(basename "$b")"; done
    mv "$dir.tmp.$$" "$dir" 2>/dev/null || rm -rf "$dir.tmp.$$"
  fi
  echo "$dir"
}
