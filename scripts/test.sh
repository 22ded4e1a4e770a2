#!/usr/bin/env bash
# The README's test command: installs what the tests need on a fresh machine of this kind,
# starts the servers they use, runs lint, the layer rules, the type check and every test,
# and ends with one line `N passed, N failed`. `.ci/run` calls exactly this.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
mkdir -p .tmp

step() { printf '\n== %s\n' "$*"; }

step "install system packages (Chromium for the browser tests, a JDK and Maven for Kafka)"
# Debian's Chromium: `npx playwright install` cannot download a browser here (TESTING.md).
need=()
[ -x /usr/bin/chromium ] || need+=(chromium fonts-liberation)
command -v java >/dev/null || need+=(default-jdk-headless)
command -v mvn >/dev/null || need+=(maven)
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null || exit 1
fi

step "install npm packages and build (the api serves the built dashboard)"
# `npm install` from the committed lock, not `npm ci`: chdb lists per-platform engines as optional
# dependencies, and the registry reachable here has only the linux one, so the lock cannot hold
# the others and `npm ci` refuses the lock as out of sync. `npm install` installs the locked versions.
if [ "${SKIP_NPM_CI:-}" != "1" ]; then
  npm install --no-audit --no-fund || exit 1
fi
npm run --silent build || exit 1

extra_failed=0
step "dependency audit (a report, not a gate)"
# npm audit asks the registry's advisory service; when it cannot be reached, say so and go on.
npm audit --omit=dev --audit-level=none 2>&1 | tail -n 25 || echo "npm audit: no report (registry advisory service not reachable)"

step "lint and layer rules"
npm run --silent lint || extra_failed=$((extra_failed + 1))
step "type check"
npm run --silent typecheck || extra_failed=$((extra_failed + 1))

step "kafka broker"
# A real single-node broker for the *.int-spec.ts of libs/kafka and libs/relay (TESTING.md, Kafka row).
# Starts from empty data (--fresh); stopped on exit, also when jest fails or the run is interrupted.
stop_kafka() { scripts/kafka/stop.sh || true; }
if scripts/kafka/start.sh --fresh; then
  trap stop_kafka EXIT
  trap 'exit 130' INT TERM
  KAFKA_BROKERS=$(cat .tmp/kafka/bootstrap)
  export KAFKA_BROKERS
else
  extra_failed=$((extra_failed + 1))
fi

step "tests"
# Two workers on this 2-core machine: most suites wait on I/O (HTTP, SQLite fsync, chDB, Kafka).
NODE_OPTIONS=--experimental-vm-modules npx jest --maxWorkers=2 --json --outputFile=.tmp/jest-result.json "$@"
jest_exit=$?

node -e '
const fs = require("fs");
const extra = Number(process.argv[1]);
let passed = 0, failed = 0, skipped = 0;
try {
  const r = JSON.parse(fs.readFileSync(".tmp/jest-result.json", "utf8"));
  passed = r.numPassedTests; failed = r.numFailedTests + r.numRuntimeErrorTestSuites;
  skipped = r.numPendingTests + r.numTodoTests;
} catch { failed += 1; }
failed += extra;
console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
' "$extra_failed"
summary_exit=$?
[ $jest_exit -ne 0 ] && exit 1
exit $summary_exit
