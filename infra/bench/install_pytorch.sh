#!/usr/bin/env bash
# Installs the PyTorch side of `mpo bench policy`: Debian's python3-torch plus OpenBLAS. Debian's torch is built
# with BLAS_INFO=generic and calls whatever libblas.so.3 the alternatives system points to; without OpenBLAS that is
# the reference BLAS, about 20x slower, which would make the comparison meaningless. Idempotent.
set -euo pipefail
if /usr/bin/python3 -c "import torch" >/dev/null 2>&1 && ls /usr/lib/x86_64-linux-gnu/openblas-pthread/libblas.so.3 >/dev/null 2>&1; then
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq python3-torch libopenblas0-pthread >/dev/null
