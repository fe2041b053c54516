#!/usr/bin/env bash
# coverage.sh: how much of the input-handling code the fuzz corpora reach.
# Builds the replay drivers with clang's source-based coverage into
# build-fuzz-cov/, replays the seed corpus, the regressions and the corpus
# run.sh grew (build-fuzz/corpus/), and prints line and branch coverage of
# the files that turn text into a scenario, a sweep axis or a roster. Usage: tests/fuzz/coverage.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
flags="-O0 -fprofile-instr-generate -fcoverage-mapping"
cmake -S . -B build-fuzz-cov -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=None -DCMAKE_C_FLAGS="$flags" >/dev/null
cmake --build build-fuzz-cov -j 2 --target fuzz_replay_scenario fuzz_replay_set fuzz_replay_vary fuzz_replay_roster >/dev/null
rm -f build-fuzz-cov/*.profraw
objects=()
for target in scenario set vary roster; do
    seeds=(tests/fuzz/corpus/$target tests/fuzz/regressions/$target)
    [ "$target" = scenario ] && seeds+=(scenarios tests/data/bad)
    mkdir -p build-fuzz/corpus/$target
    LLVM_PROFILE_FILE=build-fuzz-cov/$target.profraw build-fuzz-cov/tests/fuzz/fuzz_replay_$target \
        "${seeds[@]}" build-fuzz/corpus/$target
    objects+=(-object build-fuzz-cov/tests/fuzz/fuzz_replay_$target)
done
llvm-profdata merge -o build-fuzz-cov/fuzz.profdata build-fuzz-cov/*.profraw
echo "coverage by the four targets together (sweep.c: only its --vary parser is a fuzz target):"
printf '  %-14s %8s %9s %9s\n' file lines branches functions
llvm-cov report "${objects[@]:1}" -instr-profile=build-fuzz-cov/fuzz.profdata \
    src/scenario.c src/scenario_load.c src/params.c src/params_table.c src/valueparse.c src/sweep.c \
    src/csvread.c src/roster.c |
    awk '$1 ~ /\.c$/ { printf "  %-14s %8s %9s %9s\n", $1, $10, $13, $7 }'
echo "rs_sweep_axis_parse alone:"
llvm-cov report "${objects[@]:1}" -instr-profile=build-fuzz-cov/fuzz.profdata -show-functions src/sweep.c |
    awk '$1 == "rs_sweep_axis_parse" || $1 == "sweep.c:quoted" { print "  " $1, "regions", $4, "branches", $10 }'
