#!/usr/bin/env bash
# coverage.sh: how much of the input-handling code the fuzz corpora reach.
# Builds the replay drivers with clang's source-based coverage into
# build-fuzz-cov/, replays the seed corpus, the regressions and the corpus
# run.sh grew (build-fuzz/corpus/), and prints line and branch coverage of
# the files that turn text into a scenario. Usage: tests/fuzz/coverage.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
flags="-O0 -fprofile-instr-generate -fcoverage-mapping"
cmake -S . -B build-fuzz-cov -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=None -DCMAKE_C_FLAGS="$flags" >/dev/null
cmake --build build-fuzz-cov -j 2 --target fuzz_replay_scenario fuzz_replay_set >/dev/null
rm -f build-fuzz-cov/*.profraw
mkdir -p build-fuzz/corpus/scenario build-fuzz/corpus/set
LLVM_PROFILE_FILE=build-fuzz-cov/scenario.profraw build-fuzz-cov/tests/fuzz/fuzz_replay_scenario \
    tests/fuzz/corpus/scenario tests/fuzz/regressions/scenario scenarios tests/data/bad build-fuzz/corpus/scenario
LLVM_PROFILE_FILE=build-fuzz-cov/set.profraw build-fuzz-cov/tests/fuzz/fuzz_replay_set \
    tests/fuzz/corpus/set tests/fuzz/regressions/set build-fuzz/corpus/set
llvm-profdata merge -o build-fuzz-cov/fuzz.profdata build-fuzz-cov/scenario.profraw build-fuzz-cov/set.profraw
echo "coverage by both targets together:"
printf '  %-14s %8s %9s %9s\n' file lines branches functions
llvm-cov report build-fuzz-cov/tests/fuzz/fuzz_replay_scenario -object build-fuzz-cov/tests/fuzz/fuzz_replay_set \
    -instr-profile=build-fuzz-cov/fuzz.profdata src/scenario.c src/params.c src/valueparse.c |
    awk '$1 ~ /\.c$|^TOTAL$/ { printf "  %-14s %8s %9s %9s\n", $1, $10, $13, $7 }'
