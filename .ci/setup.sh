#!/usr/bin/env bash
# setup.sh: the README's first command. Installs what is missing, builds
# rampsim, runs scenarios/default.ini and draws its charts.
set -euo pipefail
cd "$(dirname "$0")/.."
. .ci/deps.sh
rampsim_install_deps
rampsim_build
./build/rampsim run scenarios/default.ini --plot
echo
echo "The rampsim binary is build/rampsim; the charts are results/default/*.png"
