#!/usr/bin/env bash
# test_fit.sh: rampsim fit end to end: the round trip (a known scenario's
# --export-crm fitted back, its files, a fitted.ini that runs), exports as
# Salesforce, HubSpot and European spreadsheets write them, too little data
# kept and told, and every bad input refused with its place, exit 2 and
# nothing written. Usage:
#   test_fit.sh RAMPSIM SOURCE_DIR
set -u
RAMPSIM=$1
SRC=$2
source "$SRC/tests/expect.sh"
use_scratch_dir

# --- the round trip
case_dir round-trip
"$RAMPSIM" run "$SRC/scenarios/fit-example.ini" -n 20 -q -o results --export-crm crm 2>stderr.txt
expect "the export is made ($(cat stderr.txt))" test -s crm/opportunities.csv
"$RAMPSIM" fit crm/opportunities.csv --roster crm/roster.csv --current "$SRC/scenarios/fit-example.ini" \
    -n 40 -o fit >stdout.txt 2>stderr.txt
status=$?; expect "fit exits 0 ($(cat stderr.txt))" test $status -eq 0
for f in fitted.ini fitted-roster.csv fit-values.csv fit-report.csv fit-deal-sizes.csv fit-cycles.csv \
    fit-win-rate.csv fit-ramp.csv; do
    expect "fit writes $f" test -s "fit/$f"
done
expect "the report shows each fitted value" grep -q "^pipeline.win_rate .*%.*%" stdout.txt
expect "the report shows the figures beside the fitted scenario's" grep -q "win rate (closed).*reproduced" stdout.txt
expect "fit-values.csv: a row a key, all fitted" test "$(grep -c ',yes,' fit/fit-values.csv)" -eq 8
expect "fitted.ini names its roster" grep -q "^roster = fitted-roster.csv$" fit/fitted.ini
expect "fitted.ini: a comment per fitted key" test "$(grep -c '^# .* fitted: standard error' fit/fitted.ini)" -eq 8
"$RAMPSIM" run fit/fitted.ini -n 50 -q -o fitted-run 2>stderr.txt
status=$?; expect "fitted.ini runs ($(cat stderr.txt))" test $status -eq 0
"$RAMPSIM" fit crm/opportunities.csv --roster crm/roster.csv --current "$SRC/scenarios/fit-example.ini" \
    -n 40 -o fit-again -q 2>/dev/null
expect "the same seed gives the same fit" cmp -s fit/fitted.ini fit-again/fitted.ini

# without the roster: leavers' open deals are not cycles still running,
# and the team is as many reps as were active at once; the truth (cycle 10
# weeks, win rate 22 %) within 3 standard errors of the fit
"$RAMPSIM" fit crm/opportunities.csv --current "$SRC/scenarios/fit-example.ini" -n 40 -o fit-no-roster -q 2>stderr.txt
status=$?; expect "a fit without a roster ($(cat stderr.txt))" test $status -eq 0
for truth in pipeline.cycle_weeks=10 pipeline.win_rate=0.22; do
    expect "without a roster, $truth within 3 standard errors: $(grep "^${truth%=*}," fit-no-roster/fit-values.csv)" \
        awk -F, -v key="${truth%=*}" -v t="${truth#*=}" \
        '$1 == key { d = $3 - t; if (d < 0) d = -d; found = 1; ok = d <= 3 * $4 } END { exit !(found && ok) }' \
        fit-no-roster/fit-values.csv
done

# every rep of the roster gone by the export: fitted.ini still runs, on the owners of the last quarter
awk -F, 'NR == 1 { print; next } { print $1 "," $2 "," ($3 != "" ? $3 : "2026-12-28") }' crm/roster.csv >gone.csv
"$RAMPSIM" fit crm/opportunities.csv --roster gone.csv -n 20 -o fit-gone -q 2>stderr.txt
status=$?; expect "a roster all gone by the export: a fit ($(cat stderr.txt))" test $status -eq 0
expect "and no fitted roster named" bash -c '! grep -q "^roster = fitted-roster.csv" fit-gone/fitted.ini && test ! -e fit-gone/fitted-roster.csv'
"$RAMPSIM" run fit-gone/fitted.ini -n 20 -q -o fit-gone-run 2>stderr.txt
status=$?; expect "and its fitted.ini runs ($(cat stderr.txt))" test $status -eq 0

# a tenth of the deals entered at 1, as placeholders: told and left out, the deal size still the truth's
awk -F, -v OFS=, 'NR > 1 && NR % 10 == 0 { $4 = "1.00" } { print }' crm/opportunities.csv >placeholders.csv
"$RAMPSIM" fit placeholders.csv --roster crm/roster.csv --current "$SRC/scenarios/fit-example.ini" -n 40 -o fit-ph \
    >stdout.txt 2>stderr.txt
status=$?; expect "placeholder amounts: a fit ($(cat stderr.txt))" test $status -eq 0
expect "placeholder amounts: told" grep -qE "^[0-9]+ closed amounts below .* placeholders" stdout.txt
expect "placeholder amounts: the deal size within 3 standard errors of 28,000 ($(grep '^pipeline.deal_size,' fit-ph/fit-values.csv))" \
    awk -F, '$1 == "pipeline.deal_size" { d = $3 - 28000; if (d < 0) d = -d; found = 1; ok = d <= 3 * $4 } END { exit !(found && ok) }' \
    fit-ph/fit-values.csv

# a roster whose hire dates all come after the deals: wrong dates, refused with the first such deal
awk -F, 'NR == 1 { print; next } { print $1 ",2026-12-01," }' crm/roster.csv >late.csv
rm -rf fit-late
"$RAMPSIM" fit crm/opportunities.csv --roster late.csv -n 20 -o fit-late >stdout.txt 2>stderr.txt
status=$?; expect "hire dates after the deals: exit 2 ($(cat stderr.txt))" test $status -eq 2
expect "hire dates after the deals: says which" \
    grep -qE "opportunities.csv: [0-9]+ of [0-9]+ opportunities were created outside their owner's time on the team in late.csv \(the first, line [0-9]+: created" stderr.txt
expect "hire dates after the deals: nothing written" test ! -e fit-late

# --- exports as CRMs write them
case_dir hubspot
{
    echo "Deal Name,Deal owner,Create date,Close date,Amount,Deal stage,Pipeline"
    for i in $(seq 1 40); do
        echo "Deal $i,Ana Ruiz,2026-01-$(printf %02d $((i % 28 + 1))) 10:22,2026-03-0$((i % 9 + 1)) 09:00,\"2,385.17\",$( ((i % 3)) && echo closedlost || echo closedwon),Sales"
    done
    echo "Deal 41,ben okafor ,2026-02-02,2026-04-30,1200,appointmentscheduled,Sales"
} >deals.csv
printf 'name,hired,left,skill\nAna Ruiz,2024-03-04,,\nBen Okafor,2025-11-03,,1.2\n' >team.csv
"$RAMPSIM" fit deals.csv --roster team.csv -n 20 -o fit >stdout.txt 2>stderr.txt
status=$?; expect "a HubSpot export is read ($(cat stderr.txt))" test $status -eq 0
expect "HubSpot: 41 opportunities, 40 closed, 13 won, 1 open" grep -q "41 opportunities .* 40 closed, 13 won, 1 open" stdout.txt
expect "a win rate's interval stays within 0 to 100 %" bash -c '! grep -q "^pipeline.win_rate.*-[0-9]" stdout.txt'
# 13 won of 40 closed: a binomial standard error of 7.4 points; the fit's,
# from simulated histories of a team whose volume it could not fit, must be
# that history's (within a factor of two), not the simulated team's.
win_se=$(awk -F, '$1 == "pipeline.win_rate" { print $4 }' fit/fit-values.csv)
expect "the win rate's standard error is the history's ($win_se against 0.074)" \
    awk -v se="$win_se" 'BEGIN { exit !(se > 0.037 && se < 0.148) }'
expect "an owner matched without regard to case and blanks" bash -c '! grep -q "not in the roster" stdout.txt'
expect "too little data for the ramp is told" grep -q "ramp.weeks_to_ramped .*not fitted: only .* reps hired" stdout.txt
expect "and kept in fitted.ini with a comment" grep -q "^# ramp.weeks_to_ramped = 22.00 not fitted" fit/fitted.ini
case_dir european
{
    echo "Verantwortlicher;Erstellt;Abschluss;Betrag;Status"
    for i in $(seq 1 35); do
        echo "Eva;$((i % 28 + 1)).01.2026;15.03.2026;28.000,50 €;$( ((i % 4)) && echo Lost || echo Won)"
    done
} >export.csv
"$RAMPSIM" fit export.csv --columns owner=Verantwortlicher,created=Erstellt,close=Abschluss,amount=Betrag \
    -n 20 -o fit -q 2>stderr.txt
status=$?; expect "a semicolon export with day-first dates and 28.000,50 € amounts ($(cat stderr.txt))" test $status -eq 0
expect "European amounts read as 28000.5" grep -q "^\"deal size, mean (closed)\",28000.5," fit/fit-report.csv

# --- the export's own directory as -o: refused, the export kept
case_dir inside
"$RAMPSIM" run "$SRC/scenarios/fit-example.ini" -n 20 -q -o r --export-crm crm
"$RAMPSIM" fit crm/opportunities.csv --roster crm/roster.csv -o crm -n 20 >stdout.txt 2>stderr.txt
status=$?; expect "an input inside -o: exit 2 ($(cat stderr.txt))" test $status -eq 2
expect "an input inside -o: says so" grep -q "crm/opportunities.csv is inside crm, the directory the fit writes" stderr.txt
expect "an input inside -o: the export kept" test -s crm/opportunities.csv -a -s crm/roster.csv

# --- histories the model cannot match: told, not a crash
case_dir degenerate
{
    echo "Opportunity Owner,Created Date,Close Date,Amount,Stage"
    for i in $(seq 0 29); do
        echo "rep$((i % 5)),$(date -d "2025-01-06 + $((7 * i)) days" +%F),$(date -d "2025-01-06 + $((7 * i + 30)) days" +%F),10000,Closed Won"
    done
} >allwon.csv
"$RAMPSIM" fit allwon.csv -n 20 -o fit >stdout.txt 2>stderr.txt
status=$?; expect "every deal won, on the same cycle: a fit, not an error ($(cat stderr.txt))" test $status -eq 0
expect "a win rate held at its cap is told" grep -q "^pipeline.win_rate .*held at the end of its range" stdout.txt
expect "the other keys keep their standard errors" grep -qE "^pipeline.leads_per_week +[0-9.]+ +[0-9.]+ " stdout.txt
"$RAMPSIM" fit allwon.csv -n 20 -o fit2 --set pipeline.lead_to_opportunity=0 >stdout.txt 2>stderr.txt
status=$?; expect "a scenario that makes no opportunity: a fit ($(cat stderr.txt))" test $status -eq 0
expect "and its keys not fitted, with why" grep -q "^pipeline.win_rate .*not fitted: the simulated team shows no win rate" stdout.txt

# every deal lost: the win-rate chart's interval starts at 0, not a rounding below it
{
    echo "Opportunity Owner,Created Date,Close Date,Amount,Stage"
    for i in $(seq 1 66); do echo "alice,2025-01-06,2025-02-10,1000,Closed Lost"; done
} >lost.csv
"$RAMPSIM" fit lost.csv -n 20 -o lost --plot >stdout.txt 2>stderr.txt
status=$?; expect "every deal lost, with charts: exit 0 ($(cat stderr.txt))" test $status -eq 0
expect "every deal lost: the interval's low end is 0" grep -q "^1,2025-01-06,66,0,0,0," lost/fit-win-rate.csv

# --- bad input: exit 2, the place, nothing written
case_dir bad
refused() { # NAME MESSAGE-PATTERN ARGS...
    local name=$1 pattern=$2
    shift 2
    rm -rf out
    "$RAMPSIM" fit "$@" -o out >stdout.txt 2>stderr.txt
    local rc=$?
    expect "$name: exit 2 (got $rc: $(cat stderr.txt))" test $rc -eq 2
    expect "$name: says \"$pattern\" ($(cat stderr.txt))" grep -qE -- "$pattern" stderr.txt
    expect "$name: nothing written" test ! -e out
}
printf 'Owner,Created Date,Close Date,Amount,Stage\nAna,2026-01-05,2026-02-02,100,Closed Won\nBen,03/05/2026,,1000,Open\n' >ambiguous.csv
refused "an ambiguous day/month order" "ambiguous.csv: dates such as 03/05/2026 could be day first or month first; add --date-format us" ambiguous.csv
printf 'Owner,Created Date,Close Date,Amount,Stage\nAna,13/01/2026,02/02/2026,100,Closed Won\nBen,01/13/2026,,1000,Open\n' >both.csv
refused "dates in both orders" "both.csv: its dates are written both day first and month first" both.csv
printf 'Owner,Created Date,Close Date,Amount,Stage\nAna,2026-01-05,2026-02-02,soon,Closed Won\n' >amount.csv
refused "an amount that is not one" 'amount.csv:2:4: Amount must be an amount .*got "soon"' amount.csv
for amount in 28K 1E5 1X5; do
    printf 'Owner,Created Date,Close Date,Amount,Stage\nAna,2026-01-05,2026-02-02,%s,Closed Won\n' "$amount" >letters.csv
    refused "an amount with a letter in it ($amount)" "letters.csv:2:4: Amount must be an amount .*got \"$amount\"" letters.csv
done
printf 'Owner,Created Date,Close Date,Amount,Stage\nAna,2026-01-05,2026-02-02,$1,000,Closed Won\n' >shifted.csv
refused "a row wider than the header" 'shifted.csv:2: 6 fields, but the header has 5' shifted.csv
printf 'Owner,Created Date,Close Date,Amount,Stage\nAna,2026-01-05,2026-02-02,-5,Closed Won\n' >negative.csv
refused "a negative amount" 'negative.csv:2:4: Amount must be an amount of at least 0' negative.csv
printf 'Owner,Created Date,Close Date,Amount,Stage\nAna,2026-02-30,2026-03-02,5,Closed Won\n' >day.csv
printf 'Owner,Created Date,Close Date,Amount,Stage\nAna,2026-02-03 soon,2026-03-02,5,Closed Won\n' >trailing.csv
refused "text after a date" 'trailing.csv:2:2: Created Date must be a date such as 2026-03-05, got "2026-02-03 soon"' trailing.csv
refused "a day that is not" 'day.csv:2:2: Created Date must be a date such as 2026-03-05, got "2026-02-30"' day.csv
printf 'Owner,Created Date,Close Date,Amount,Stage\nAna,2026-01-05,2026-02-02,100,Closed - Disqualified\n' >dq.csv
refused "a closed stage neither won nor lost" 'dq.csv:2:5: Stage must be won or lost if closed .*got "Closed - Disqualified"' dq.csv
printf 'Owner,Created Date,Close Date,Amount,Stage\nAna,2026-03-05,,5,Closed Won\n' >noclose.csv
refused "a won deal without its close date" 'noclose.csv:2:3: Close Date must be a date' noclose.csv
printf 'Owner,Created Date,Close Date,Amount,Stage\nAna,2026-03-05,2026-03-01,5,Closed Lost\n' >before.csv
refused "a close before its creation" 'before.csv:2:3: Close Date 2026-03-01 is before Created Date 2026-03-05' before.csv
printf 'Owner,Created Date,Close Date,Amount,Stage\n,2026-03-05,2026-03-09,5,Closed Lost\n' >owner.csv
refused "a blank owner" 'owner.csv:2:1: Owner must be the owner' owner.csv
printf 'Owner,Created Date,Close Date,Amount,Stage,Deal stage\nAna,2026-03-05,2026-03-09,5,Won,Won\n' >two.csv
refused "two stage columns" 'two.csv:1: columns "Stage" and "Deal stage" both read as the stage' two.csv
printf 'Rep,Created Date,Close Date,Amount,Stage\nAna,2026-03-05,2026-03-09,5,Won\n' >noowner.csv
refused "no owner column" 'noowner.csv:1: no owner column .*--columns owner=COLUMN' noowner.csv
refused "a --columns column not in the file" '--columns owner=Seller: noowner.csv has no column named "Seller"' noowner.csv --columns owner=Seller
refused "a --columns field not known" '--columns: "rep=Rep" must be FIELD=COLUMN' noowner.csv --columns rep=Rep
printf 'Owner,Created Date,Close Date,Amount,Stage\n' >empty.csv
refused "no opportunities" 'empty.csv: no opportunities' empty.csv
printf 'Owner,Created Date,Close Date,Amount,Stage\nAna,03/05/2026,03/09/26,5,Won\n' >twodigit.csv
refused "a two-digit year" 'twodigit.csv:2:3: Close Date must be a date with a four-digit year' twodigit.csv --date-format us
printf 'name,hird\nAna,2020-01-01\n' >nearmiss.csv
refused "a roster's near-miss column" 'nearmiss.csv:1:2: unknown column "hird"; did you mean hired\?' amount.csv --roster nearmiss.csv
printf 'name,hired,left\nAna,2024-01-01,2023-01-01\n' >left.csv
refused "a rep who left before being hired" 'left.csv:2:3: left is before hired' amount.csv --roster left.csv
printf 'name,hired\nAna,2024-01-01\nana,2024-02-01\n' >twice.csv
refused "a rep named twice" 'twice.csv:3:1: ana is named twice' amount.csv --roster twice.csv
refused "a --date-format not known" '--date-format must be iso, us or eu, got "uk"' amount.csv --date-format uk
refused "a file that is not there" 'nothing.csv: cannot read' nothing.csv
refused "-n too small" '-n must be between 20 and 10000' amount.csv -n 5
printf 'Owner,Created Date,Close Date,Amount,Stage\nAna,2026-01-05,2026-02-02,100,Closed Won\n' >good.csv
refused "--as-of before the file's dates" '--as-of 2025-01-01 is before the file' good.csv --as-of 2025-01-01
refused "an --as-of that is not a date" '--as-of must be a date such as 2026-03-05, got "soon"' good.csv --as-of soon
printf 'Owner,Created Date,Close Date,Amount,Stage\nAna,1990-01-08,1990-02-02,100,Closed Won\nAna,2026-01-05,2026-02-02,100,Closed Won\n' >long.csv
refused "a history of more than 20 years, named" 'long.csv: the history spans [0-9]+ weeks; a fit reads at most 1040' long.csv
summary
