#!/usr/bin/env bash
# Creates Benchmarks/compare/.venv with the libraries that the anchors runner (anchors_bench.py, $MESHWORK_ANCHORS)
# needs (igraph, NetworKit, NetworkX, leidenalg (imported by its igraph worker), SciPy, NumPy). PyPI must be reachable; takes a few minutes.
# Usage: Benchmarks/compare/setup.sh            (idempotent; re-run to upgrade)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
venv="$here/.venv"
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
"$venv/bin/python" -m pip install --upgrade pip >/dev/null
"$venv/bin/python" -m pip install igraph networkit networkx leidenalg scipy numpy
"$venv/bin/python" - <<'PY'
import igraph, networkit, networkx, leidenalg, scipy, numpy
print("igraph", igraph.__version__, "networkit", networkit.__version__,
      "networkx", networkx.__version__, "scipy", scipy.__version__, "numpy", numpy.__version__)
PY
