#!/usr/bin/env bash
# test_scenarios.sh: every ready-to-run scenario in scenarios/ runs without
# error and opens with a comment for the person who will run it; each runs
# in a directory of its own. Usage:
#   test_scenarios.sh RAMPSIM SOURCE_DIR
set -u
RAMPSIM=$1
SRC=$2
. "$SRC/tests/expect.sh"
use_scratch_dir
for ini in "$SRC"/scenarios/*.ini; do
    name=$(basename "$ini" .ini)
    case_dir "$name"
    expect "$name.ini opens with '# $name.ini: ' and what it models" \
        bash -c 'head -n 1 "$1" | grep -q "^# $2.ini: "' _ "$ini" "$name"
    expect_shown "$name.ini runs" "$RAMPSIM" run "$ini" -n 64 --threads 2 -q -o out
    expect "$name.ini writes summary.csv" test -s out/summary.csv
done
# reference.ini is the calibration's reference team under its short name
strip() { "$RAMPSIM" check "$1" | grep -vE '^(#|name = )'; }
expect_shown "reference.ini and seed-reference.ini are the same team" \
    diff <(strip "$SRC/scenarios/reference.ini") <(strip "$SRC/scenarios/seed-reference.ini")
summary
