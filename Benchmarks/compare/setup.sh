#!/usr/bin/env bash
# Creates Benchmarks/compare/.venv with the anchors' libraries at the versions pinned in
# requirements.txt (igraph, NetworKit, NetworkX, leidenalg, SciPy, NumPy). PyPI must be reachable;
# the first run takes a few minutes (wheels only, nothing is compiled), later runs a second: a stamp
# file records the requirements the venv was made from.
# Usage: Benchmarks/compare/setup.sh   (idempotent)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
venv="$here/.venv"
stamp="$venv/requirements.installed"
if [ -x "$venv/bin/python" ] && [ -f "$stamp" ] && cmp -s "$stamp" "$here/requirements.txt"; then
    exit 0
fi
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --only-binary=:all: \
    -r "$here/requirements.txt"
"$venv/bin/python" - <<'PY'
import igraph, networkit, networkx, leidenalg, scipy, numpy
print("anchors venv: igraph", igraph.__version__, "networkit", networkit.__version__,
      "networkx", networkx.__version__, "leidenalg", leidenalg.__version__,
      "scipy", scipy.__version__, "numpy", numpy.__version__)
PY
cp "$here/requirements.txt" "$stamp"
