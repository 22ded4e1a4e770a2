#!/usr/bin/env bash
# Checks the deployment files (deploy/, docs/configuration.md, docs/operations.md).
# Always: the test/deploy suite (schemas, settings, Dockerfile structure, cluster DDL, start-up
# behaviour; needs `npm run build` first). Where the tools exist (not on CI, which has no
# container engine): `docker compose config`, the three image builds, `kubectl kustomize`.
#   scripts/check-deploy.sh            # suite + whatever tools are present
#   scripts/check-deploy.sh --images   # also build the images (slow)
set -uo pipefail
cd "$(dirname "$0")/.."
failed=0
step() { printf '\n== %s\n' "$*"; }

step "test/deploy (jest)"
[ -f dist/apps/api/src/main.js ] || { echo "dist/ missing: run npm run build first" >&2; exit 1; }
NODE_OPTIONS=--experimental-vm-modules npx jest test/deploy || failed=1

if command -v docker >/dev/null && docker info >/dev/null 2>&1; then
  step "docker compose config"
  env_file=$(mktemp)
  # Throwaway values of the right shape, only to render the file.
  { echo "KEY_ENCRYPTION_KEY=$(head -c 32 /dev/urandom | base64)"; echo "CLICKHOUSE_PASSWORD=check"; echo "OIDC_ISSUER=https://idp.example.org/"; echo "OIDC_AUDIENCE=check"; echo "OIDC_JWKS_URL=https://idp.example.org/jwks"; } > "$env_file"
  docker compose -p group-outcomes -f deploy/compose.yaml --env-file "$env_file" config --quiet || failed=1
  rm -f "$env_file"
  if [ "${1:-}" = "--images" ]; then
    for target in api relay projector; do
      step "docker build --target $target"
      docker build -f deploy/docker/Dockerfile --target "$target" -t "group-outcomes/$target:check" . || failed=1
    done
  fi
else
  echo "(no Docker engine: compose config and image builds skipped)"
fi

if command -v kubectl >/dev/null; then
  step "kubectl kustomize"
  kubectl kustomize deploy/kubernetes > /dev/null || failed=1
else
  echo "(no kubectl: kustomize render skipped)"
fi

[ $failed -eq 0 ] && echo "deploy checks passed" || echo "deploy checks FAILED"
exit $failed
