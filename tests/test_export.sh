#!/usr/bin/env bash
# test_export.sh: run --export-crm end to end: the two files of a CRM
# export with their headers and a row for every opportunity and rep, the
# layout of several replications, the refusals (no start date, bad counts,
# a directory rampsim did not write), and the results of the run unchanged
# by the export. Usage:
#   test_export.sh RAMPSIM SOURCE_DIR
set -u
RAMPSIM=$1
SRC=$2
DATA=$SRC/tests/data
source "$SRC/tests/expect.sh"
use_scratch_dir

dated=(--set run.start_date=2027-01-04)
opportunities_header="Opportunity Owner,Created Date,Close Date,Amount,Stage"
date='[0-9]{4}-[0-9]{2}-[0-9]{2}'

# --- one replication: DIR/opportunities.csv and DIR/roster.csv
case_dir one
"$RAMPSIM" run "$DATA/small.ini" "${dated[@]}" -q -o results --export-crm crm 2>stderr.txt
status=$?; expect "run --export-crm exits 0 ($(cat stderr.txt))" test $status -eq 0
expect "opportunities.csv: its header" test "$(head -n 1 crm/opportunities.csv)" = "$opportunities_header"
expect "roster.csv: its header" test "$(head -n 1 crm/roster.csv)" = "name,hired,left"
expect "opportunities.csv: rows" test "$(wc -l <crm/opportunities.csv)" -gt 50
expect "opportunities.csv: every row a decided deal with its close date or an open one without" \
    test "$(grep -cvE "^seat-[0-9]+( #[0-9]+)?,$date,($date,[0-9]+\.[0-9]{2},Closed (Won|Lost)|,[0-9]+\.[0-9]{2},Open)$" \
        crm/opportunities.csv)" -eq 1
expect "opportunities.csv: the first week's deals dated 2027-01-04" grep -qE "^seat-[0-9]+,2027-01-04," \
    crm/opportunities.csv
expect "opportunities.csv: won, lost and open ones" \
    bash -c 'grep -q ",Closed Won$" crm/opportunities.csv && grep -q ",Closed Lost$" crm/opportunities.csv &&
        grep -q ",Open$" crm/opportunities.csv'
expect "roster.csv: the four veterans hired five years before week 0" \
    test "$(grep -cE '^seat-[3-6],2022-01-10,' crm/roster.csv)" -eq 4
expect "roster.csv: the two new hires hired at week 0" \
    test "$(grep -cE '^seat-[12],2027-01-04,' crm/roster.csv)" -eq 2
expect "roster.csv: every row a name, a hire date and a leave date or none" \
    test "$(grep -cvE "^seat-[0-9]+( #[0-9]+)?,$date,($date)?$" crm/roster.csv)" -eq 1
expect "roster.csv: every owner is on it" \
    bash -c "cut -d, -f1 crm/opportunities.csv | tail -n +2 | sort -u | while read -r owner; do
        grep -q \"^\$owner,\" crm/roster.csv || exit 1; done"
expect "an export lists its files for a later replacement" \
    test "$(grep -v '^#' crm/.rampsim-manifest | sort | tr '\n' ' ')" = "opportunities.csv roster.csv "
expect "the results are written as well" test -s results/summary.csv
expect "the export is the first replication whatever -n is" \
    bash -c "\"$RAMPSIM\" run \"$DATA/small.ini\" ${dated[*]} -n 7 -q -o results7 --export-crm crm7 &&
        cmp crm/opportunities.csv crm7/opportunities.csv && cmp crm/roster.csv crm7/roster.csv"

# --- the results of a run are the same with the export as without
"$RAMPSIM" run "$DATA/small.ini" "${dated[@]}" -q -o plain 2>stderr.txt
status=$?; expect "a run without the export exits 0 ($(cat stderr.txt))" test $status -eq 0
for f in plain/*; do
    expect "$(basename "$f"): the same with --export-crm" cmp "$f" "results/$(basename "$f")"
done
expect "the results directory: the same files" diff <(ls -A plain) <(ls -A results)

# --- a roster with names to quote
case_dir roster
printf 'name,tenure\n"Okafor, Ben",3 years\n"Dev ""DP"" Patel",40 weeks\nAna,0\n' >team.csv
printf '[run]\nhorizon_weeks = 60\nstart_date = 2027-01-04\n[team]\nroster = team.csv\n' >team.ini
"$RAMPSIM" run team.ini -n 4 -q -o results --export-crm crm 2>stderr.txt
status=$?; expect "an export of a roster exits 0 ($(cat stderr.txt))" test $status -eq 0
expect "roster.csv: a name with a comma, quoted, hired three years before week 0" \
    grep -qxF '"Okafor, Ben",2024-01-08,' crm/roster.csv
expect "roster.csv: a name with quotes, doubled inside quotes, hired 40 weeks before week 0" \
    grep -qE '^"Dev ""DP"" Patel",2026-03-30,' crm/roster.csv
expect "opportunities.csv: the owner's name quoted the same" grep -qE '^"Okafor, Ben",' crm/opportunities.csv

# --- several replications: DIR/replication-K/, K from 1
case_dir several
"$RAMPSIM" run "$DATA/small.ini" "${dated[@]}" -q -o results --export-crm crm --export-crm-replications 3 \
    2>stderr.txt
status=$?; expect "--export-crm-replications 3 exits 0 ($(cat stderr.txt))" test $status -eq 0
expect "three replication folders and nothing else" \
    test "$(ls crm | tr '\n' ' ')" = "replication-1 replication-2 replication-3 "
for k in 1 2 3; do
    expect "replication-$k: opportunities.csv's header" \
        test "$(head -n 1 crm/replication-$k/opportunities.csv)" = "$opportunities_header"
    expect "replication-$k: roster.csv's header" test "$(head -n 1 crm/replication-$k/roster.csv)" = "name,hired,left"
done
expect "replications differ" bash -c "! cmp -s crm/replication-1/opportunities.csv crm/replication-2/opportunities.csv"
"$RAMPSIM" run "$DATA/small.ini" "${dated[@]}" -q -o results1 --export-crm crm1 2>/dev/null
expect "replication-1 is the export of one replication" \
    cmp crm/replication-1/opportunities.csv crm1/opportunities.csv
# an earlier export is replaced, as -o replaces earlier results
"$RAMPSIM" run "$DATA/small.ini" "${dated[@]}" -q -o results --export-crm crm 2>stderr.txt
status=$?; expect "an export replaces an earlier one of three replications ($(cat stderr.txt))" test $status -eq 0
expect "the replaced export holds one replication's files alone" \
    test "$(ls -A crm | tr '\n' ' ')" = ".rampsim-manifest opportunities.csv roster.csv "
"$RAMPSIM" run "$DATA/small.ini" "${dated[@]}" -q -o results --export-crm crm --export-crm-replications 2 \
    2>stderr.txt
expect "an export of two replaces one of one ($(cat stderr.txt))" test "$(ls crm | tr '\n' ' ')" = \
    "replication-1 replication-2 "

# --- refusals: exit 2, nothing written, nothing replaced
case_dir refused
refused() { # DESCRIPTION MESSAGE: exit 2, the message, no directory made
    expect "$1: exit 2 (got $status)" test "$status" -eq 2
    expect "$1: says why ($(cat stderr.txt))" test "$(cat stderr.txt)" = "$2"
    expect "$1: no results written" test ! -e results
    expect "$1: no export written" test ! -e crm
}
"$RAMPSIM" run "$DATA/small.ini" -q -o results --export-crm crm 2>stderr.txt
status=$?
refused "an export without run.start_date" "rampsim: --export-crm needs run.start_date, the date of week 0: add --set run.start_date=2027-01-04 (or a [run] start_date line)"
"$RAMPSIM" run "$DATA/small.ini" "${dated[@]}" -q -o results --export-crm-replications 2 2>stderr.txt
status=$?
refused "a count without an export" \
    "rampsim: --export-crm-replications needs --export-crm DIR; see 'rampsim run --help'"
for bad in 0 1001 2.5 x ""; do
    "$RAMPSIM" run "$DATA/small.ini" "${dated[@]}" -q -o results --export-crm crm --export-crm-replications "$bad" \
        2>stderr.txt
    status=$?
    refused "--export-crm-replications '$bad'" \
        "rampsim: --export-crm-replications must be a whole number from 1 to 1000, got $bad"
done
"$RAMPSIM" run "$DATA/small.ini" "${dated[@]}" -q -o results --export-crm results/crm 2>stderr.txt
status=$?
refused "an export inside the results" \
    "rampsim: --export-crm results/crm: the export and the results (results) need directories apart, neither inside the other"
"$RAMPSIM" run "$DATA/small.ini" "${dated[@]}" -q -o crm --export-crm ./crm/ 2>stderr.txt
status=$?
refused "an export into the results directory" \
    "rampsim: --export-crm ./crm/: the export and the results (crm) need directories apart, neither inside the other"
mkdir crm && echo mine >crm/notes.txt
"$RAMPSIM" run "$DATA/small.ini" "${dated[@]}" -q -o results --export-crm crm 2>stderr.txt
status=$?
expect "a directory rampsim did not write: exit 2 (got $status)" test "$status" -eq 2
expect "a directory rampsim did not write: says why ($(cat stderr.txt))" test "$(cat stderr.txt)" = \
    "rampsim: crm was not written by rampsim (it has no .rampsim-manifest, as results from before manifests have none either) and holds notes.txt; choose another --export-crm"
expect "a directory rampsim did not write: kept" test "$(cat crm/notes.txt)" = mine
expect "a directory rampsim did not write: no results either" test ! -e results
rm -r crm
"$RAMPSIM" run "$DATA/small.ini" "${dated[@]}" -q -o results --export-crm crm --export-crm-replications 2 \
    2>/dev/null
rm -r results
echo mine >crm/replication-2/notes.txt
cp -r crm crm-before
"$RAMPSIM" run "$DATA/small.ini" "${dated[@]}" -q -o results --export-crm crm 2>stderr.txt
status=$?
expect "a file of the user's in a replication's folder: exit 2 (got $status)" test "$status" -eq 2
expect "a file of the user's in a replication's folder: says why ($(cat stderr.txt))" test "$(cat stderr.txt)" = \
    "rampsim: crm/replication-2 holds notes.txt, which rampsim did not write; choose another --export-crm"
expect "a file of the user's in a replication's folder: the export untouched" diff -r crm-before crm
expect "a file of the user's in a replication's folder: no results either" test ! -e results

# --- a signal while the export is written: neither the results nor the
# export, nothing left behind
case_dir interrupted
exporting() { compgen -G ".crm.tmp-*/replication-2" >/dev/null; }
"$RAMPSIM" run "$DATA/small.ini" "${dated[@]}" -q -n 1 -o results --export-crm crm --export-crm-replications 1000 \
    --set run.horizon_weeks=1040 --set team.reps=40 2>stderr.txt &
pid=$!
expect "the export under way" wait_until 60 exporting
start=$(date +%s%N)
kill -INT "$pid"
wait "$pid"
status=$?
took_ms=$((($(date +%s%N) - start) / 1000000))
# the whole export would take most of a minute; it stops between replications
expect "SIGINT during the export: stopped within 5 s (took $took_ms ms)" test "$took_ms" -lt 5000
expect "SIGINT during the export: exit 130 (got $status)" test "$status" -eq 130
expect "SIGINT during the export: says so ($(cat stderr.txt))" \
    grep -qxF "rampsim: interrupted by SIGINT; no results written" stderr.txt
expect "SIGINT during the export: nothing left ($(ls -A | tr '\n' ' '))" test "$(ls -A)" = stderr.txt

# --- the help names the options
expect "run --help: --export-crm" bash -c "\"$RAMPSIM\" run --help | grep -q -- '--export-crm DIR'"
expect "run --help: --export-crm-replications" \
    bash -c "\"$RAMPSIM\" run --help | grep -q -- '--export-crm-replications N'"

summary
