#!/usr/bin/env bash
# test.sh: the README's second command. Installs what is missing, builds
# rampsim with its tests and runs the whole suite.
set -euo pipefail
cd "$(dirname "$0")/.."
. .ci/deps.sh
rampsim_install_deps
rampsim_build
cd build
ctest --output-on-failure -j 2
