#!/usr/bin/env bash
# test_scenarios.sh: every ready-to-run scenario in scenarios/ runs without
# error and opens with a comment for the person who will run it. Usage:
#   test_scenarios.sh RAMPSIM SOURCE_DIR
set -u
RAMPSIM=$1
SRC=$2
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
passed=0
failed=0
for ini in "$SRC"/scenarios/*.ini; do
    name=$(basename "$ini" .ini)
    if ! head -n 1 "$ini" | grep -q "^# $name.ini: "; then
        echo "FAIL: $name.ini does not open with '# $name.ini: ' and what it models"
        failed=$((failed + 1))
    elif "$RAMPSIM" run "$ini" -n 64 --threads 2 -q -o "$WORK/$name" 2>"$WORK/err" &&
        [ -s "$WORK/$name/summary.csv" ]; then
        passed=$((passed + 1))
    else
        echo "FAIL: $name.ini did not run:"
        cat "$WORK/err"
        failed=$((failed + 1))
    fi
done
# reference.ini is the calibration's reference team under its short name
strip() { "$RAMPSIM" check "$1" | grep -vE '^(#|name = )'; }
if diff <(strip "$SRC/scenarios/reference.ini") <(strip "$SRC/scenarios/seed-reference.ini"); then
    passed=$((passed + 1))
else
    echo "FAIL: reference.ini and seed-reference.ini differ"
    failed=$((failed + 1))
fi
echo "$passed passed, $failed failed"
test "$failed" -eq 0
