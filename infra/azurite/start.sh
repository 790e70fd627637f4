#!/usr/bin/env bash
# Start Azurite (pinned in package-lock.json) on 127.0.0.1, wait until blob, queue and table ports accept,
# and print the connection string on stdout. Everything else goes to stderr.
#
#   infra/azurite/start.sh [--blob-port 10000] [--queue-port 10001] [--table-port 10002]
#                          [--location DIR | --in-memory] [--pid-file FILE] [--log FILE]
#
# Installs Azurite with `npm ci` on first use. Stop it with infra/azurite/stop.sh --pid-file FILE (or a PID).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
blob=10000 queue=10001 table=10002 location="" pidfile="" log="/dev/null" inmemory=1
while [ $# -gt 0 ]; do
  case "$1" in
    --blob-port) blob="$2"; shift 2 ;;
    --queue-port) queue="$2"; shift 2 ;;
    --table-port) table="$2"; shift 2 ;;
    --location) location="$2"; inmemory=0; shift 2 ;;
    --in-memory) inmemory=1; location=""; shift ;;
    --pid-file) pidfile="$2"; shift 2 ;;
    --log) log="$2"; shift 2 ;;
    -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "start.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
done

if [ ! -x "$here/node_modules/.bin/azurite" ]; then
  echo "Installing Azurite 3.37.0 into $here/node_modules (npm ci, about 30 s, once)..." >&2
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error >&2)
fi

args=(--blobHost 127.0.0.1 --blobPort "$blob" --queueHost 127.0.0.1 --queuePort "$queue"
      --tableHost 127.0.0.1 --tablePort "$table" --disableTelemetry --skipApiVersionCheck --loose)
if [ "$inmemory" = 1 ]; then
  args+=(--inMemoryPersistence)
else
  mkdir -p "$location"
  args+=(--location "$location")
fi

nohup "$here/node_modules/.bin/azurite" "${args[@]}" >>"$log" 2>&1 </dev/null &
pid=$!
[ -n "$pidfile" ] && echo "$pid" > "$pidfile"

accepts() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for _ in $(seq 1 300); do
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "Azurite exited during start (ports $blob/$queue/$table in use?)" >&2
    exit 1
  fi
  if accepts "$blob" && accepts "$queue" && accepts "$table"; then
    echo "Azurite is listening (pid $pid): blob $blob, queue $queue, table $table" >&2
    key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
    echo "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$key;BlobEndpoint=http://127.0.0.1:$blob/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$queue/devstoreaccount1;TableEndpoint=http://127.0.0.1:$table/devstoreaccount1;"
    exit 0
  fi
  sleep 0.1
done
echo "Azurite did not accept connections within 30 s" >&2
kill "$pid" 2>/dev/null || true
exit 1
