#!/usr/bin/env bash
# Installs what the tests need beyond the .NET SDK and Node.js. Idempotent; the test fixtures also install
# Azurite on first use, so this only saves time in CI.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ ! -x "$root/infra/azurite/node_modules/.bin/azurite" ]; then
  (cd "$root/infra/azurite" && npm ci --no-audit --no-fund --loglevel=error)
fi
