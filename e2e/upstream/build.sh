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

# Released binaries carry their version; a build from the module has to stamp it the same way, or
# Traefik's API says "dev" and kube-apiserver's /version says v0.0.0, and kubectl picks its skew from that.
k8s_version=v1.37.2
k8s_stamp=""
for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
  k8s_stamp+=" -X $pkg.gitVersion=$k8s_version -X $pkg.gitMajor=1 -X $pkg.gitMinor=37"
  k8s_stamp+=" -X $pkg.gitTreeState=clean -X $pkg.buildDate=2026-01-01T00:00:00Z"
done
traefik_stamp="-X github.com/traefik/traefik/v3/pkg/version.Version=3.7.9"

# module directory, linker flags, then the packages to build from it as "output=package"
build() {
  local module="$1"
  local ldflags="$2"
  shift 2
  local key
  key="$( (cat "$here/$module/go.mod" "$here/$module/go.sum" $(find "$here/$module" -name '*.go' | sort); echo "$ldflags") | sha256sum | cut -c1-16)"
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
      (cd "$here/$module" && go build -trimpath -ldflags "$ldflags" -o "$out/${spec%%=*}.tmp" "${spec#*=}")
      mv "$out/${spec%%=*}.tmp" "$out/${spec%%=*}"
      echo "$module: ${spec%%=*} built in $((SECONDS - started)) s"
    done
  fi
  mkdir -p "$here/bin"
  for spec in "$@"; do
    ln -sfn "$out/${spec%%=*}" "$here/bin/${spec%%=*}"
  done
}

# Arguments name the modules to build (etcd, kubernetes, traefik); none builds all.
# `npm run demo:traefik` needs only Traefik.
only=" $* "
want() { [[ -z "${only// /}" || "$only" == *" $1 "* ]]; }

if want etcd; then build etcd "" etcd=.; fi
if want kubernetes; then
  build kubernetes "$k8s_stamp" kube-apiserver=k8s.io/kubernetes/cmd/kube-apiserver kubectl=k8s.io/kubernetes/cmd/kubectl
fi
if ! want traefik; then exit 0; fi
build traefik "$traefik_stamp" traefik=github.com/traefik/traefik/v3/cmd/traefik

# The judges also read Traefik's own files from its module (its CRDs, its provider's test fixtures),
# which a cached binary does not bring along.
(cd "$here/traefik" && go mod download github.com/traefik/traefik/v3)
