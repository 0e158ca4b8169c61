#!/usr/bin/env bash
# Builds the judges (Traefik, kube-apiserver, kubectl, etcd) from their released Go modules into a
# cache keyed by each module's go.mod and go.sum, and links e2e/upstream/bin to it. A program whose
# key has not changed is not rebuilt, so a second run costs a few hashes.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
cache="${DIALTONE_UPSTREAM_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/dialtone/upstream}"

if ! command -v go >/dev/null 2>&1; then
  echo "Go is needed to build the judges (Go 1.26 or newer); install it and run again." >&2
  exit 2
fi

# module directory, then the packages to build from it as "output=package"
build() {
  local module="$1"
  shift
  local key
  key="$(cat "$here/$module/go.mod" "$here/$module/go.sum" $(find "$here/$module" -name '*.go' | sort) | sha256sum | cut -c1-16)"
  local out="$cache/$module-$key"
  local want=()
  local spec
  for spec in "$@"; do
    if [[ ! -x "$out/${spec%%=*}" ]]; then want+=("$spec"); fi
  done
  if [[ ${#want[@]} -eq 0 ]]; then
    echo "$module: up to date ($out)"
  else
    mkdir -p "$out"
    for spec in "${want[@]}"; do
      local started=$SECONDS
      echo "$module: building ${spec%%=*} from ${spec#*=}"
      (cd "$here/$module" && go build -trimpath -o "$out/${spec%%=*}.tmp" "${spec#*=}")
      mv "$out/${spec%%=*}.tmp" "$out/${spec%%=*}"
      echo "$module: ${spec%%=*} built in $((SECONDS - started)) s"
    done
  fi
  mkdir -p "$here/bin"
  for spec in "$@"; do
    ln -sfn "$out/${spec%%=*}" "$here/bin/${spec%%=*}"
  done
}

build etcd etcd=.
build kubernetes kube-apiserver=k8s.io/kubernetes/cmd/kube-apiserver kubectl=k8s.io/kubernetes/cmd/kubectl
build traefik traefik=github.com/traefik/traefik/v3/cmd/traefik
