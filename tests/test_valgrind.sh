#!/usr/bin/env bash
# test_valgrind.sh: runs rampsim under valgrind's memcheck, which exits 1 on
# any invalid read or write, use of an uninitialised value or leak.
#   test_valgrind.sh VALGRIND RAMPSIM SOURCE_DIR
set -u
VALGRIND=$1
RAMPSIM=$2
SRC=$3
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK" || exit 1
failed=0
memcheck() { # memcheck EXPECTED_STATUS DESCRIPTION ARGS...
    local expected=$1 what=$2
    shift 2
    "$VALGRIND" -q --error-exitcode=1 --leak-check=full --show-leak-kinds=definite,indirect \
        --errors-for-leak-kinds=definite,indirect "$RAMPSIM" "$@" >out.txt 2>err.txt
    local status=$?
    if [ "$status" -ne "$expected" ]; then
        echo "FAIL: $what: exit $status, expected $expected"
        cat err.txt
        failed=$((failed + 1))
    else
        echo "ok: $what (exit $status, no memcheck errors)"
    fi
}
# a short run with every part of the weekly loop busy, its charts too
memcheck 0 "short run" run "$SRC/tests/data/small-coach.ini" -n 64 --threads 2 -o run -q
memcheck 0 "plot" plot run
memcheck 2 "bad-input run" run "$SRC/tests/data/bad/unknown-key.ini" -o bad -q
memcheck 2 "bad --set" run "$SRC/tests/data/small.ini" --set team.reps=-3 -o bad -q
memcheck 0 "short compare" compare "$SRC/tests/data/small.ini" "$SRC/tests/data/small-coach.ini" -n 32 -o cmp -q
[ ! -e bad ] || { echo "FAIL: a bad-input run wrote bad/"; failed=$((failed + 1)); }
exit $((failed > 0))
