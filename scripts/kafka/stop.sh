#!/usr/bin/env bash
# Stops the test broker started by start.sh (by its pid), keeping its data: start.sh again is a restart.
# SIGTERM lets Kafka shut down cleanly (flushes logs, so the restart skips log recovery);
# after 30 s it is killed.
set -uo pipefail
cd "$(dirname "$0")/../.."
kafka_dir=$(realpath -m "${KAFKA_DIR:-.tmp/kafka}")
pid=$(cat "$kafka_dir/pid" 2>/dev/null) || { echo "kafka not running (no pid file)"; exit 0; }
if ! kill -0 "$pid" 2>/dev/null || ! grep -q 'kafka.Kafka' "/proc/$pid/cmdline" 2>/dev/null; then
  echo "kafka not running (stale pid $pid)"
  rm -f "$kafka_dir/pid"
  exit 0
fi
kill -TERM "$pid"
for _ in $(seq 1 60); do
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.5
done
if kill -0 "$pid" 2>/dev/null; then
  echo "kafka (pid $pid) did not stop in 30 s; killing it" >&2
  kill -KILL "$pid"
fi
rm -f "$kafka_dir/pid"
echo "kafka stopped (pid $pid)"
