#!/usr/bin/env bash
# run.sh: builds the libFuzzer targets with clang, AddressSanitizer and
# UndefinedBehaviorSanitizer into build-fuzz/, then fuzzes each target for
# SECONDS (default 600), all at once. New corpus entries go to
# build-fuzz/corpus/<target>/; anything that fails is written to
# build-fuzz/findings/ and the script exits 1. Copy a finding into
# tests/fuzz/regressions/<target>/ once it is fixed.
# Usage: tests/fuzz/run.sh [SECONDS [TARGET...]]   (targets: scenario set vary roster)
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-600}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(scenario set vary roster)
command -v clang >/dev/null || {
    echo "run.sh: needs clang (apt-get install clang)" >&2
    exit 2
}
flags="-g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined,float-cast-overflow -fno-sanitize-recover=all"
cmake -S . -B build-fuzz -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=None -DRAMPSIM_FUZZ=ON \
    -DCMAKE_C_FLAGS="$flags -fsanitize=fuzzer-no-link" >/dev/null
cmake --build build-fuzz -j 2 $(printf -- '--target fuzz_%s ' "${targets[@]}") >/dev/null

export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export ASAN_OPTIONS=detect_leaks=1
mkdir -p build-fuzz/findings
pids=()
for target in "${targets[@]}"; do
    seeds=(tests/fuzz/corpus/$target tests/fuzz/regressions/$target)
    [ "$target" = scenario ] && seeds+=(scenarios tests/data/bad)
    mkdir -p build-fuzz/corpus/$target
    build-fuzz/tests/fuzz/fuzz_$target build-fuzz/corpus/$target "${seeds[@]}" \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=4096 \
        -print_final_stats=1 -artifact_prefix=build-fuzz/findings/$target- \
        >build-fuzz/fuzz_$target.log 2>&1 &
    pids+=($!)
done
status=0
for pid in "${pids[@]}"; do
    wait "$pid" || status=1
done
for target in "${targets[@]}"; do
    echo "== fuzz_$target"
    grep -E "^#[0-9]+ +DONE|stat::number_of_executed_units|stat::average_exec_per_sec|stat::peak_rss_mb" \
        build-fuzz/fuzz_$target.log | tail -4
done
ls build-fuzz/findings
exit $status
