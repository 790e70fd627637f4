#!/usr/bin/env bash
# Installs what the tests need beyond the .NET SDK and Node.js. Idempotent; the test fixtures also install
# Azurite on first use, so this only saves time in CI.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ ! -x "$root/infra/azurite/node_modules/.bin/azurite" ]; then
  (cd "$root/infra/azurite" && npm ci --no-audit --no-fund --loglevel=error)
fi
# The model tests compare against independent references: gpt-3-encoder (npm) for GPT-2 token ids, and a plain
# PyTorch forward (Debian's python3-torch, with OpenBLAS) for llama/qwen2/gpt2 logits.
if [ ! -d "$root/tests/tokenizer-reference/node_modules/gpt-3-encoder" ]; then
  (cd "$root/tests/tokenizer-reference" && npm ci --no-audit --no-fund --loglevel=error)
fi
if ! /usr/bin/python3 -c "import torch" >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq python3-torch libopenblas0-pthread >/dev/null
fi
