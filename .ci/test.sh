#!/usr/bin/env bash
# test.sh: the README's second command. Installs what is missing, builds
# rampsim with its tests and runs the whole suite twice: on the release
# build (which includes valgrind's memcheck over short runs), then on a
# build with AddressSanitizer and UndefinedBehaviorSanitizer.
set -euo pipefail
cd "$(dirname "$0")/.."
. .ci/deps.sh
rampsim_install_deps
export RAMPSIM_WERROR=ON
rampsim_build
(cd build && ctest --output-on-failure -j 2)

echo "== the same suite under AddressSanitizer and UndefinedBehaviorSanitizer"
rampsim_build_sanitized
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
(cd build-sanitize && ctest --output-on-failure -j 2)
