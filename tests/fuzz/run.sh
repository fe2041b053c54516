#!/usr/bin/env bash
# run.sh: builds the libFuzzer targets with clang, AddressSanitizer and
# UndefinedBehaviorSanitizer into build-fuzz/, then fuzzes each target for
# SECONDS (default 600), both at once on two cores. New corpus entries go to
# build-fuzz/corpus/; anything that fails is written to build-fuzz/findings/
# and the script exits 1. Copy a finding into tests/fuzz/regressions/<target>/
# once it is fixed. Usage: tests/fuzz/run.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-600}"
command -v clang >/dev/null || {
    echo "run.sh: needs clang (apt-get install clang)" >&2
    exit 2
}
flags="-g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all"
cmake -S . -B build-fuzz -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=None -DRAMPSIM_FUZZ=ON \
    -DCMAKE_C_FLAGS="$flags -fsanitize=fuzzer-no-link" >/dev/null
cmake --build build-fuzz -j 2 --target fuzz_scenario fuzz_set >/dev/null

mkdir -p build-fuzz/corpus/scenario build-fuzz/corpus/set build-fuzz/findings
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export ASAN_OPTIONS=detect_leaks=1
fuzz() {
    local target=$1
    shift
    build-fuzz/tests/fuzz/fuzz_$target build-fuzz/corpus/$target "$@" \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=4096 \
        -print_final_stats=1 -artifact_prefix=build-fuzz/findings/$target- \
        >build-fuzz/fuzz_$target.log 2>&1
}
status=0
fuzz scenario tests/fuzz/corpus/scenario tests/fuzz/regressions/scenario scenarios tests/data/bad &
scenario_pid=$!
fuzz set tests/fuzz/corpus/set tests/fuzz/regressions/set &
set_pid=$!
wait $scenario_pid || status=1
wait $set_pid || status=1
for target in scenario set; do
    echo "== fuzz_$target"
    grep -E "^#[0-9]+ +DONE|stat::number_of_executed_units|stat::average_exec_per_sec|stat::peak_rss_mb|cov:" \
        build-fuzz/fuzz_$target.log | tail -5
done
ls build-fuzz/findings
exit $status
