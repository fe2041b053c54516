#!/usr/bin/env bash
# test_valgrind.sh: runs rampsim under valgrind's memcheck, which exits 1 on
# any invalid read or write, use of an uninitialised value or leak.
#   test_valgrind.sh VALGRIND RAMPSIM SOURCE_DIR [TEST_PHILOX_BATCH]
# valgrind does not run AVX-512: the batched Philox's dispatch must take a
# path it does (AVX2 or scalar), which the last program checks and names.
set -u
VALGRIND=$1
RAMPSIM=$2
SRC=$3
PHILOX_TEST=${4:-}
. "$SRC/tests/expect.sh"
use_scratch_dir
memcheck() { # memcheck EXPECTED_STATUS DESCRIPTION ARGS...: in a directory of its own
    local expected=$1 what=$2
    shift 2
    case_dir "$(tr -c 'a-z0-9\n' - <<<"$what")"
    "$VALGRIND" -q --error-exitcode=1 --leak-check=full --show-leak-kinds=definite,indirect \
        --errors-for-leak-kinds=definite,indirect "$RAMPSIM" "$@" >out.txt 2>err.txt
    local status=$?
    expect_shown "$what: exit $status, expected $expected, and no memcheck errors" \
        bash -c 'test "$1" -eq "$2" || { cat err.txt; exit 1; }' _ "$status" "$expected"
}
# a short run with every part of the weekly loop busy, its charts too
memcheck 0 "short run" run "$SRC/tests/data/small-coach.ini" -n 64 --threads 2 -o "$WORK/run" -q
memcheck 0 "plot" plot "$WORK/run"
memcheck 2 "bad-input run" run "$SRC/tests/data/bad/unknown-key.ini" -o bad -q
expect "a bad-input run writes nothing" test ! -e bad
memcheck 2 "bad --set" run "$SRC/tests/data/small.ini" --set team.reps=-3 -o bad -q
expect "a bad --set writes nothing" test ! -e bad
memcheck 0 "short compare" compare "$SRC/tests/data/small.ini" "$SRC/tests/data/small-coach.ini" -n 32 -o cmp -q
if [ -n "$PHILOX_TEST" ]; then
    case_dir philox
    "$VALGRIND" -q --error-exitcode=1 "$PHILOX_TEST" >out.txt 2>&1
    status=$?
    expect_shown "the batched Philox under valgrind: exit $status and no memcheck errors" \
        bash -c 'test "$1" -eq 0 || { cat out.txt; exit 1; }' _ "$status"
    expect_shown "under valgrind the batched Philox takes a path other than AVX-512" \
        bash -c 'grep -q "in use: \(avx2\|scalar\)" out.txt || { grep -i "in use" out.txt; exit 1; }'
    grep -i "in use" out.txt | head -1
fi
summary
