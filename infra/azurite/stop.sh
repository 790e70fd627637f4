#!/usr/bin/env bash
# Stop an Azurite started by start.sh:  infra/azurite/stop.sh --pid-file FILE   or   infra/azurite/stop.sh PID
set -euo pipefail
if [ "${1:-}" = "--pid-file" ]; then pid="$(cat "$2")"; else pid="${1:?usage: stop.sh --pid-file FILE | PID}"; fi
if kill -0 "$pid" 2>/dev/null; then
  kill "$pid"
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || exit 0; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
fi
