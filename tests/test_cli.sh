#!/usr/bin/env bash
# test_cli.sh: end-to-end tests of the built rampsim binary. Usage:
#   test_cli.sh RAMPSIM SOURCE_DIR
# Bad input is checked against the messages in tests/data/bad/*.expected.
set -u
RAMPSIM=$1
SRC=$2
DATA=$SRC/tests/data
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
passed=0
failed=0

ok() { passed=$((passed + 1)); }
not_ok() { failed=$((failed + 1)); echo "FAIL: $*"; }
check() { # check DESCRIPTION COMMAND...
    local what=$1
    shift
    if "$@" >"$WORK/check.out" 2>&1; then ok; else not_ok "$what"; cat "$WORK/check.out"; fi
}

cd "$WORK" || exit 1

# --- help and version
check "--help exits 0" "$RAMPSIM" --help >/dev/null
check "run --help names --set" bash -c "'$RAMPSIM' run --help | grep -q -- '--set SECTION.KEY=VALUE'"
check "--version" bash -c "'$RAMPSIM' --version | grep -qE '^rampsim [0-9]+\.[0-9]+\.[0-9]+$'"

# --- bad input: the expected one-line message, exit 2, nothing written
cp -r "$DATA/bad" .
for ini in bad/*.ini; do
    expected=${ini%.ini}.expected
    "$RAMPSIM" run "$ini" -o out-bad 2>stderr.txt >stdout.txt
    status=$?
    check "$ini exits 2 (got $status)" test "$status" -eq 2
    check "$ini message" diff -u "$expected" stderr.txt
    check "$ini writes nothing" test ! -e out-bad -a ! -s stdout.txt
    check "$ini: no temporary directory left" bash -c "! ls -A | grep -q '^\.out-bad'"
done

# --- a scenario read from a pipe: the message quotes the line all the same
cat bad/syntax.ini | "$RAMPSIM" check /dev/stdin 2>stderr.txt >stdout.txt
status=$?
check "a syntax error from a pipe exits 2 (got $status)" test "$status" -eq 2
check "a syntax error from a pipe quotes the line" test "$(cat stderr.txt)" = \
    "rampsim: /dev/stdin:2: expected [section] or key = value, got reps 6"
check "a syntax error from a pipe prints nothing" test ! -s stdout.txt
cat bad/header-with-key.ini | "$RAMPSIM" run /dev/stdin -o out-pipe 2>stderr.txt >stdout.txt
status=$?
check "a header with a key from a pipe exits 2 (got $status)" test "$status" -eq 2
check "a header with a key from a pipe quotes the line" test "$(cat stderr.txt)" = \
    "rampsim: /dev/stdin:2: expected [team] alone on its line, got [team] reps = 3"
check "a header with a key from a pipe writes nothing" test ! -e out-pipe -a ! -s stdout.txt
"$RAMPSIM" run /dev/stdin -o out-pipe <bad/syntax.ini 2>stderr.txt >/dev/null
check "a syntax error from a redirected file quotes the line" test "$(cat stderr.txt)" = \
    "rampsim: /dev/stdin:2: expected [section] or key = value, got reps 6"
printf '\357\273\277[team]\nreps = 3\n' | "$RAMPSIM" check /dev/stdin >bom-checked.ini 2>stderr.txt
check "a byte order mark at the start is skipped" grep -qx "reps = 3" bom-checked.ini

usage_fails() { # usage_fails EXPECTED_MESSAGE ARGS...
    local message=$1
    shift
    "$RAMPSIM" "$@" 2>stderr.txt >/dev/null
    local status=$?
    check "rampsim $* exits 2 (got $status)" test "$status" -eq 2
    check "rampsim $* says: $message" grep -qF -- "$message" stderr.txt
}
usage_fails "unknown command 'frobnicate'" frobnicate
usage_fails "missing the scenario file" run
usage_fails "--bogus is not an option of this command" run "$DATA/small.ini" --bogus
usage_fails "--threads must be a whole number from 1 to 256, got 0" run "$DATA/small.ini" --threads 0
usage_fails "--set team.rep=4: unknown key team.rep; did you mean team.reps?" run "$DATA/small.ini" --set team.rep=4
usage_fails "-n 0: run.replications must be a whole number from 1 to 10000000, got 0" run "$DATA/small.ini" -n 0
usage_fails "--set is missing its value" check "$DATA/small.ini" --set
usage_fails "this command takes no arguments" calibrate extra
usage_fails "-n 0: run.replications must be a whole number from 1 to 10000000, got 0" calibrate -n 0
usage_fails "missing.ini: cannot read scenario file: No such file or directory" check missing.ini

# --- option messages name the option as typed, in every command
seedmsg="run.seed must be a whole number from 0 to 18446744073709551615, got abc"
nmsg="run.replications must be a whole number from 1 to 10000000, got 0"
for command in run compare sweep tornado calibrate; do
    case $command in
    calibrate) args=() ;;
    compare) args=("$DATA/small.ini" "$DATA/small-coach.ini") ;;
    sweep) args=("$DATA/small.ini" --vary team.reps=4,6) ;;
    *) args=("$DATA/small.ini") ;;
    esac
    ambiguous="--s is ambiguous: --seed, --set; see 'rampsim $command --help'"
    [ "$command" = tornado ] && ambiguous="--s is ambiguous: --seed, --set, --swing; see 'rampsim $command --help'"
    usage_fails "rampsim: $ambiguous" "$command" "${args[@]}" --s 5 -o out-opt
    usage_fails "rampsim: --seed abc: $seedmsg" "$command" "${args[@]}" --seed abc -o out-opt/sub
    usage_fails "rampsim: --seed=abc: $seedmsg" "$command" "${args[@]}" --seed=abc -o out-opt
    usage_fails "rampsim: -n 0: $nmsg" "$command" "${args[@]}" -n 0 -o out-opt/sub
    usage_fails "rampsim: -n0: $nmsg" "$command" "${args[@]}" -n0 -o out-opt
    usage_fails "rampsim: --rep 0: $nmsg" "$command" "${args[@]}" --rep 0 -o out-opt
    usage_fails "rampsim: --plot takes no value, got --plot=yes; see 'rampsim $command --help'" \
        "$command" "${args[@]}" --plot=yes -o out-opt
    check "$command: bad options create nothing, not even -o's parent" test ! -e out-opt
done
usage_fails "rampsim: --seed abc: $seedmsg" run missing.ini --seed abc
usage_fails "rampsim: -x is not an option of this command; see 'rampsim run --help'" run "$DATA/small.ini" --plot -xq
usage_fails "rampsim: --h takes no value, got --h=1; see 'rampsim check --help'" check "$DATA/small.ini" --h=1
usage_fails "rampsim: --se is ambiguous: --seed, --set; see 'rampsim run --help'" run "$DATA/small.ini" --se=1
check "no results directory after bad usage" test ! -e results

# --- an existing directory that is not ours is refused and left alone
mkdir precious && echo keep >precious/notes.txt
"$RAMPSIM" run "$DATA/small.ini" -o precious -q 2>stderr.txt
check "refuses a foreign directory" test $? -eq 2
check "foreign directory untouched" bash -c "test \"\$(ls precious)\" = notes.txt"
check "says why ($(cat stderr.txt))" grep -qxF "rampsim: precious was not written by rampsim (it has no .rampsim-manifest, as results from before manifests have none either) and holds notes.txt; choose another -o" stderr.txt

# --- a run writes every file, the same for 1 and 2 threads
"$RAMPSIM" run "$DATA/small.ini" -o one --threads 1 >table.txt 2>stderr.txt
check "run exits 0" test $? -eq 0
"$RAMPSIM" run "$DATA/small.ini" -o two --threads 2 -q
for f in summary.csv quarters.csv weekly.csv ramp.csv manager.csv attainment.csv scenario.ini; do
    check "$f written" test -s "one/$f"
    check "$f identical for 1 and 2 threads" cmp -s "one/$f" "two/$f"
done
while IFS= read -r line; do
    file=${line%%: *}
    check "$file header" test "$(head -n 1 "one/$file")" = "${line#*: }"
done <"$DATA/headers.expected"
check "table shows fiscal year 1" grep -q "Team attainment, fiscal year 1" table.txt
check "table names the result directory" grep -q "Results in one/" table.txt
check "no NaN or inf in any CSV" bash -c "! grep -qiE 'nan|inf' one/*.csv"
check "weekly.csv has a row per week" test "$(($(wc -l <one/weekly.csv) - 1))" -eq 60
check "summary.csv lists the required metrics" bash -c "for m in team_attainment_fy1 reps_at_quota_share_fy1 \
    ramp_weeks win_rate won_cycle_weeks won_deal_size pipeline_to_quota selling_time_share lead_to_close \
    manager_hours_per_week; do grep -q \"^\$m,\" one/summary.csv || exit 1; done"

check "every metric is documented in docs/outputs.md" bash -c "tail -n +2 one/summary.csv | cut -d, -f1 |
    sed 's/_fy[0-9]*\$/_fyk/' | while read -r m; do grep -q \"\\\`\$m\\\`\" '$SRC/docs/outputs.md' || { echo \$m; exit 1; }; done"

# --- the resolved scenario reproduces the run exactly
"$RAMPSIM" run one/scenario.ini -o again -q
check "scenario.ini reproduces summary.csv" cmp -s one/summary.csv again/summary.csv
check "another seed differs" bash -c "'$RAMPSIM' run '$DATA/small.ini' -o seed2 --seed 7 -q && ! cmp -s one/summary.csv seed2/summary.csv"

# --- rerunning replaces the earlier results in place
"$RAMPSIM" run "$DATA/small.ini" -o one -q --set team.reps=7
check "rerun replaced the results" grep -q "^reps = 7$" one/scenario.ini

# --- calibrate: only a failure exits 1; an interval across an edge is unresolved
"$RAMPSIM" calibrate -n 150 -o cal-few --threads 2 >cal-few.txt 2>&1
check "calibrate: unresolved checks exit 0" test $? -eq 0
check "calibrate: unresolved checks are said so, with replications" grep -qE "unresolved \(-n [0-9]+\)" cal-few.txt
"$RAMPSIM" calibrate -n 150 -o cal-fail --threads 2 --set quota.annual=500000 >cal-fail.txt 2>&1
check "calibrate: a failing check exits 1" test $? -eq 1
check "calibrate: the failure is named" grep -qE "^REF .*FAILS$" cal-fail.txt

# --- check and defaults print scenarios rampsim reads back
"$RAMPSIM" defaults >defaults.ini
check "defaults output is a valid scenario" "$RAMPSIM" check defaults.ini
check "defaults document their sources" grep -q "source: Bridge Group SaaS AE median ACV" defaults.ini
check "docs/defaults.ini is the current output of rampsim defaults" diff -u "$SRC/docs/defaults.ini" defaults.ini
"$RAMPSIM" check "$DATA/small.ini" --set coaching.hours_per_month=3 >checked.ini
check "check output is a valid scenario" "$RAMPSIM" check checked.ini
check "check shows the override" grep -q "^hours_per_month = 3$" checked.ini

# --- charts: PNG and SVG with gnuplot, a one-line note without it
if command -v gnuplot >/dev/null; then
    "$RAMPSIM" run "$DATA/small.ini" -o charts --plot -q 2>stderr.txt
    check "run --plot exits 0" test $? -eq 0
    for chart in fan attainment ramp quarters manager; do
        check "$chart.png drawn" test -s "charts/$chart.png"
        check "$chart.svg drawn" test -s "charts/$chart.svg"
    done
    check "plot of a non-result directory fails" bash -c "! '$RAMPSIM' plot precious 2>/dev/null"
    rm -f charts/*.png charts/*.svg
    check "rampsim plot DIR redraws" "$RAMPSIM" plot charts
    check "redrawn" test -s charts/fan.png
fi
mkdir -p nognuplot-bin
ln -sf "$RAMPSIM" nognuplot-bin/rampsim
PATH="$WORK/nognuplot-bin" "$WORK/nognuplot-bin/rampsim" run "$DATA/small.ini" -o nocharts --plot -q 2>stderr.txt
check "without gnuplot the run still succeeds" test $? -eq 0
check "without gnuplot: one line saying so" test "$(wc -l <stderr.txt)" -eq 1
check "without gnuplot: data written" test -s nocharts/summary.csv

# --- compare: paired runs, their files, the same for any thread count
"$RAMPSIM" compare "$DATA/small.ini" "$DATA/small-coach.ini" -o cmp1 --threads 1 >cmp-table.txt 2>stderr.txt
check "compare exits 0" test $? -eq 0
"$RAMPSIM" compare "$DATA/small.ini" "$DATA/small-coach.ini" -o cmp2 --threads 2 -q
for f in compare.csv compare-attainment.csv compare-quarters.csv compare-manager.csv compare-return.csv \
    scenario-small.ini scenario-small-coach.ini; do
    check "compare writes $f" test -s "cmp1/$f"
    check "$f identical for 1 and 2 threads" cmp -s "cmp1/$f" "cmp2/$f"
done
check "compare.csv header" test "$(head -n 1 cmp1/compare.csv)" = \
    "metric,unit,scenario,mean,median,median_low,median_high,p5,p25,p75,p95,difference,difference_low,difference_high,better_share,worse_share"
check "compare.csv: a row per metric and scenario" test "$(grep -c '^win_rate,' cmp1/compare.csv)" -eq 2
check "compare table: coaching wins the year in most runs" bash -c "grep -A2 'fiscal year 1' cmp-table.txt | \
    grep -E '^  small-coach .*\+[0-9.]+ \(\+[0-9.]+ to \+[0-9.]+\)'"
check "compare: the return on the manager's hours" grep -q "^Return on the manager's hours" cmp-table.txt
check "compare-return.csv: extra hours for the coached team" bash -c \
    "grep '^small-coach,' cmp1/compare-return.csv | cut -d, -f3 | grep -qE '^[0-9]'"
check "compare: the first scenario's scenario file is its own" grep -q "^hours_per_month = 1$" cmp1/scenario-small.ini
check "compare of the same file twice keeps two labels" bash -c \
    "'$RAMPSIM' compare '$DATA/small.ini' '$DATA/small.ini' -o cmp3 -q && test -s cmp3/scenario-small-2.ini"
# labels are unique whatever the names, even names like the labels compare makes up
label_ini() { # label_ini FILE NAME REPS
    printf '[run]\nname = %s\nreplications = 8\nhorizon_weeks = 60\n[team]\nreps = %s\nnew_hires = 1\n' "$2" "$3" >"$1"
}
label_ini lab1.ini a-3 3
label_ini lab2.ini a 4
label_ini lab3.ini a 5
label_ini lab4.ini A 6
label_ini lab5.ini a-2 7
"$RAMPSIM" compare lab1.ini lab2.ini lab3.ini -o cmp-labels -q 2>stderr.txt
check "compare a-3, a, a exits 0" test $? -eq 0
check "compare a-3, a, a: three scenario files" test "$(ls cmp-labels/scenario-*.ini | wc -l)" -eq 3
check "compare a-3, a, a: the first keeps its name" grep -qx "reps = 3" cmp-labels/scenario-a-3.ini
check "compare a-3, a, a: the second keeps its name" grep -qx "reps = 4" cmp-labels/scenario-a.ini
check "compare a-3, a, a: the third is not the first's" grep -qx "reps = 5" cmp-labels/scenario-a-3-2.ini
check "compare a-3, a, a: three labels in compare.csv" test "$(tail -n +2 cmp-labels/compare.csv | cut -d, -f3 | sort -u | wc -l)" -eq 3
"$RAMPSIM" compare lab2.ini lab3.ini lab5.ini lab4.ini -o cmp-labels2 -q 2>stderr.txt
check "compare a, a, a-2, A exits 0" test $? -eq 0
check "compare a, a, a-2, A: four scenario files" test "$(ls cmp-labels2/scenario-*.ini | wc -l)" -eq 4
check "compare a, a, a-2, A: a-2 keeps its name" grep -qx "reps = 7" cmp-labels2/scenario-a-2.ini
check "compare a, a, a-2, A: the second a avoids it" grep -qx "reps = 5" cmp-labels2/scenario-a-2-2.ini
check "compare a, a, a-2, A: A differs from a by case only" grep -qx "reps = 6" cmp-labels2/scenario-A-4.ini
usage_fails "give at least two scenario files" compare "$DATA/small.ini"
printf '[run]\nhorizon_weeks = 52\n' >short.ini
usage_fails "short.ini: run.horizon_weeks and run.start_week must be those of" compare "$DATA/small.ini" short.ini
if command -v gnuplot >/dev/null; then
    "$RAMPSIM" compare "$DATA/small.ini" "$DATA/small-coach.ini" -o cmp-charts --plot -q
    for chart in compare_attainment compare_quarters compare_manager; do
        check "$chart.png drawn" test -s "cmp-charts/$chart.png"
    done
fi

# --- sweep: one key, two keys, enumerations; the same for any thread count
"$RAMPSIM" sweep "$DATA/small.ini" --vary coaching.hours_per_month=0:3:1 -o sw1 --threads 1 >sw-table.txt 2>stderr.txt
check "sweep exits 0" test $? -eq 0
"$RAMPSIM" sweep "$DATA/small.ini" --vary coaching.hours_per_month=0:3:1 -o sw2 --threads 2 -q
for f in sweep.csv sweep-chart.csv scenario.ini; do
    check "sweep writes $f" test -s "sw1/$f"
    check "sweep $f identical for 1 and 2 threads" cmp -s "sw1/$f" "sw2/$f"
done
check "sweep.csv: a row per point" test "$(($(wc -l <sw1/sweep.csv) - 1))" -eq 4
check "sweep.csv: every metric" bash -c "head -n 1 sw1/sweep.csv | grep -q 'win_rate_p50' && head -n 1 sw1/sweep.csv |
    grep -q '^point,coaching.hours_per_month,team_attainment_fy1_mean'"
check "sweep.csv: bookings per extra hour" bash -c "head -n 1 sw1/sweep.csv | grep -q ',bookings_per_extra_hour$'"
check "sweep table: the return, row against row" grep -q "^Return on the manager's hours" sw-table.txt
check "sweep table: a difference from the row above" grep -qE '^  3 .*[+-][0-9.]+ \([+-][0-9.]+ to [+-][0-9.]+\)' sw-table.txt
"$RAMPSIM" sweep "$DATA/small.ini" --vary one_on_one.cadence=none,monthly,biweekly,weekly \
    --vary team.reps=4,6 --metric win_rate -o sw3 -q
check "a two-key sweep of an enumeration runs" test "$(($(wc -l <sw3/sweep.csv) - 1))" -eq 8
usage_fails "give a key to vary with --vary" sweep "$DATA/small.ini"
usage_fails "--vary coaching.hours_per_month=0:200:50: coaching.hours_per_month must be hours from 0 to 100, got 150" \
    sweep "$DATA/small.ini" --vary coaching.hours_per_month=0:200:50
usage_fails "--vary coaching.hours_per_month=3:1:1: a range must be FROM:TO:STEP with FROM <= TO and STEP > 0" \
    sweep "$DATA/small.ini" --vary coaching.hours_per_month=3:1:1
usage_fails "--vary coaching.hour_per_month=1,2: unknown key coaching.hour_per_month; did you mean coaching.hours_per_month?" \
    sweep "$DATA/small.ini" --vary coaching.hour_per_month=1,2
usage_fails "--vary one_on_one.cadence=none,daily: one_on_one.cadence must be none, monthly, biweekly or weekly, got daily" \
    sweep "$DATA/small.ini" --vary one_on_one.cadence=none,daily
usage_fails "--vary at team.new_hires=5: team.new_hires (5) must not exceed team.reps (4)" \
    sweep "$DATA/small.ini" --vary team.new_hires=1,5 --set team.reps=4
usage_fails "--metric win_rat: not a metric of this scenario; did you mean win_rate?" \
    sweep "$DATA/small.ini" --vary team.reps=4,6 --metric win_rat
usage_fails "--vary  team.reps=4,6: team.reps is varied already by --vary team.reps=4,6; vary two different keys" \
    sweep "$DATA/small.ini" --vary team.reps=4,6 --vary ' team.reps=4,6' -o sw-bad
usage_fails "--vary team.reps =5: team.reps is varied already by --vary team.reps=4,6; vary two different keys" \
    sweep "$DATA/small.ini" --vary team.reps=4,6 --vary 'team.reps =5' -o sw-bad
for junk in "0:3:1 junk" "0:3:1:2" "0:3:1x" "0:3:" "0 3:1:2" "0:3:1;2"; do
    usage_fails "--vary coaching.hours_per_month=$junk: a range must be FROM:TO:STEP with FROM <= TO and STEP > 0, got $junk" \
        sweep "$DATA/small.ini" --vary "coaching.hours_per_month=$junk" -o sw-bad
done
usage_fails "--vary team.reps=4,6,: expected values separated by commas" sweep "$DATA/small.ini" --vary team.reps=4,6, -o sw-bad
check "a refused --vary writes nothing" test ! -e sw-bad
"$RAMPSIM" sweep "$DATA/small.ini" --vary ' coaching.hours_per_month = 0 : 2 : 1 ' -n 8 -o sw-blanks -q 2>stderr.txt
check "blanks around a --vary key and range numbers are dropped, as --set drops them" test $? -eq 0
check "the axis is named as the table spells the key" grep -q '^point,coaching.hours_per_month,' sw-blanks/sweep.csv
check "the range's values" test "$(tail -n +2 sw-blanks/sweep-chart.csv | cut -d, -f2 | tr '\n' ' ')" = "0 1 2 "
usage_fails "at most two --vary" sweep "$DATA/small.ini" --vary team.reps=4,6 --vary team.new_hires=1 --vary rep.skill_cv=0.1
if command -v gnuplot >/dev/null; then
    "$RAMPSIM" sweep "$DATA/small.ini" --vary coaching.hours_per_month=0:2:1 -o sw-chart --plot -q
    check "sweep.png drawn" test -s sw-chart/sweep.png
    check "sweep_heatmap.png drawn" bash -c "'$RAMPSIM' sweep '$DATA/small.ini' --vary team.reps=4,6 \
        --vary coaching.hours_per_month=1,3 -o sw-map --plot -q && test -s sw-map/sweep_heatmap.png"
fi

# --- beyond the evidence: one line on stderr per scenario, results as usual
note6="rampsim: note: small: beyond the evidence: coaching.hours_per_month = 6 (the research covers 0 to 4 hours a month); the model extrapolates there (docs/model.md)"
"$RAMPSIM" run "$DATA/small.ini" -n 16 -o ev-run --set coaching.hours_per_month=6 >ev-table.txt 2>stderr.txt
check "coaching 6: run exits 0" test $? -eq 0
check "coaching 6: the note, alone on stderr" test "$(cat stderr.txt)" = "$note6"
check "coaching 6: the results as usual" grep -q "Team attainment, fiscal year 1" ev-table.txt
check "coaching 6: the note is not in the table" bash -c "! grep -q 'beyond the evidence' ev-table.txt"
"$RAMPSIM" run "$DATA/small.ini" -n 16 -o ev-run -q --set coaching.hours_per_month=6 2>stderr.txt
check "coaching 6: -q keeps the note" test "$(cat stderr.txt)" = "$note6"
"$RAMPSIM" run "$DATA/small.ini" -n 16 -o ev-run -q --set coaching.hours_per_month=6 --set effects.scale=1.5 \
    --set onboarding.extra_hours_per_week=1 --set onboarding.weeks=12 2>stderr.txt
check "three levers beyond: one line naming each" bash -c "test \$(wc -l <stderr.txt) -eq 1 &&
    grep -F 'coaching.hours_per_month = 6 (' stderr.txt | grep -F 'effects.scale = 1.5 (' | grep -qF 'onboarding.weeks = 12 ('"
"$RAMPSIM" run "$DATA/small.ini" -n 16 -o ev-run --set coaching.hours_per_month=4 >/dev/null 2>stderr.txt
check "coaching 4, the end of the range: no note" test ! -s stderr.txt
"$RAMPSIM" run "$SRC/scenarios/default.ini" -n 16 -o ev-default >/dev/null 2>stderr.txt
check "the default scenario: no note" test ! -s stderr.txt
"$RAMPSIM" check "$DATA/small.ini" --set coaching.hours_per_month=6 >ev-checked.ini 2>stderr.txt
check "check: the note" test "$(cat stderr.txt)" = "$note6"
check "check: the scenario it prints is still valid" "$RAMPSIM" check ev-checked.ini
"$RAMPSIM" check "$DATA/small.ini" --set effects.scale=1.5 >/dev/null 2>stderr.txt
check "check: effects.scale above 1 is named" grep -qxF "rampsim: note: small: beyond the evidence: effects.scale = 1.5 (1 is the research taken at face value); the model extrapolates there (docs/model.md)" stderr.txt
sed -e 's/^name = small-coach$/name = coach6/' -e 's/^hours_per_month = 3$/hours_per_month = 6/' \
    "$DATA/small-coach.ini" >coach6.ini
"$RAMPSIM" compare "$DATA/small.ini" coach6.ini -n 16 -o ev-cmp >ev-cmp.txt 2>stderr.txt
check "compare: exits 0 with its table" bash -c "test $? -eq 0 && grep -q 'fiscal year 1' ev-cmp.txt"
check "compare: one line, for the scenario beyond only" test "$(cat stderr.txt)" = \
    "rampsim: note: coach6: beyond the evidence: coaching.hours_per_month = 6 (the research covers 0 to 4 hours a month); the model extrapolates there (docs/model.md)"
"$RAMPSIM" sweep "$DATA/small.ini" --set coaching.hours_per_month=6 --vary coaching.hours_per_month=0:6:1 -n 16 \
    -o ev-sw >ev-sw.txt 2>stderr.txt
check "sweep: exits 0 with its table" bash -c "test $? -eq 0 && grep -q '^  6 ' ev-sw.txt"
check "sweep: the axis line, and no note of the base's coaching" test "$(cat stderr.txt)" = \
    "rampsim: note: beyond the evidence: coaching.hours_per_month above 4 hours a month (points 5 to 6); the model extrapolates there (docs/model.md)"
"$RAMPSIM" sweep "$DATA/small.ini" --vary team.reps=4,6 --set effects.scale=2 -n 16 -o ev-sw -q 2>stderr.txt
check "sweep: the base's note when the axis is within" grep -qxF \
    "rampsim: note: small: beyond the evidence: effects.scale = 2 (1 is the research taken at face value); the model extrapolates there (docs/model.md)" stderr.txt
if command -v gnuplot >/dev/null; then
    "$RAMPSIM" sweep "$DATA/small.ini" --vary coaching.hours_per_month=0:6:1 -n 16 -o ev-chart --plot -q 2>stderr.txt
    check "sweep --plot: the chart shades them" grep -qF "(points 5 to 6); the chart shades them" stderr.txt
    check "sweep chart: the region is labelled" grep -qF "beyond the evidence" ev-chart/sweep.svg
    "$RAMPSIM" sweep "$DATA/small.ini" --vary coaching.hours_per_month=0:4:1 -n 16 -o ev-chart0 --plot -q 2>stderr.txt
    check "sweep within the evidence: no note" test ! -s stderr.txt
    check "sweep chart within the evidence: no region" bash -c "! grep -qF 'beyond the evidence' ev-chart0/sweep.svg"
    "$RAMPSIM" sweep "$DATA/small.ini" --vary team.reps=4,6 --vary coaching.hours_per_month=3,5 -n 16 -o ev-map \
        --plot -q 2>/dev/null
    check "heat map: the hatching is named on the axis beyond" grep -qF \
        "coaching.hours_per_month   (hatched: beyond the evidence)" ev-map/sweep_heatmap.svg
    check "heat map: not on the axis within" bash -c "! grep -qF 'team.reps   (hatched' ev-map/sweep_heatmap.svg"
fi

# --- tornado: every numeric key moved, ranked
"$RAMPSIM" tornado "$DATA/small.ini" -n 64 -o tor1 --threads 1 >tor-table.txt 2>stderr.txt
check "tornado exits 0" test $? -eq 0
"$RAMPSIM" tornado "$DATA/small.ini" -n 64 -o tor2 --threads 2 -q
check "tornado.csv identical for 1 and 2 threads" cmp -s tor1/tornado.csv tor2/tornado.csv
check "tornado.csv header" test "$(head -n 1 tor1/tornado.csv)" = \
    "key,base_value,low_value,high_value,metric_base,metric_low,metric_high,low_difference_low,low_difference_high,high_difference_low,high_difference_high,swing"
check "tornado: ranked by swing" bash -c "tail -n +2 tor1/tornado.csv | cut -d, -f12 | sort -g -r -c"
check "tornado: quota moves first-year attainment" bash -c "tail -n +2 tor1/tornado.csv | head -n 6 | grep -q '^quota.annual,'"
check "tornado: the quota's low value is 20% lower" grep -q '^quota.annual,360000,288000,432000,' tor1/tornado.csv
check "tornado: run settings are not moved" bash -c "! grep -qE '^run\.(replications|seed|horizon_weeks)' tor1/tornado.csv"
usage_fails "--swing must be a share between 0 and 1 (such as 20% or 0.1), got 150%" \
    tornado "$DATA/small.ini" --swing 150%
usage_fails "--metric winrate: not a metric of this scenario; did you mean win_rate?" \
    tornado "$DATA/small.ini" --metric winrate
if command -v gnuplot >/dev/null; then
    "$RAMPSIM" tornado "$DATA/small.ini" -n 32 -o tor-chart --plot -q
    check "tornado.png drawn" test -s tor-chart/tornado.png
fi

# a low value is never above the base, a high one never below; a key at a
# limit moves one way only (team.reps = 1 cannot go down)
for swing in 0.001 0.5; do
    "$RAMPSIM" tornado "$DATA/small.ini" -n 2 --swing $swing --set team.reps=1 --set team.new_hires=1 \
        -o tor-swing -q 2>stderr.txt
    check "tornado --swing $swing exits 0" test $? -eq 0
    check "tornado --swing $swing: low <= base <= high for every key" \
        test -z "$(awk -F, 'NR > 1 && !($3 + 0 <= $2 + 0 && $2 + 0 <= $4 + 0)' tor-swing/tornado.csv)"
    check "tornado --swing $swing: team.reps = 1 moves up only" grep -q '^team.reps,1,1,2,' tor-swing/tornado.csv
done

# an undefined metric is n/a on the console, empty in tornado.csv, and not ranked
"$RAMPSIM" tornado "$DATA/small.ini" -n 16 --set pipeline.win_rate=0 --metric won_deal_size -o tor-nan \
    >tor-nan.txt 2>stderr.txt
check "tornado of a metric undefined everywhere exits 0" test $? -eq 0
check "tornado undefined everywhere: the base is n/a" grep -qF \
    "base: n/a: won_deal_size is undefined in every replication of the base, so no key can be ranked" tor-nan.txt
check "tornado undefined everywhere: no number shown for it, not even 0.00" bash -c "! grep -qE '[0-9]\.[0-9]' tor-nan.txt"
check "tornado undefined everywhere: empty cells, not 0" \
    test -z "$(awk -F, 'NR > 1 && ($5 $6 $7 $12) != ""' tor-nan/tornado.csv)"
printf '[run]\nname = sparse\nhorizon_weeks = 26\nwarmup_weeks = 0\nseed = 2385\n[team]\nreps = 1\nnew_hires = 0\n[pipeline]\nleads_per_week = 0.24\n' \
    >sparse.ini
"$RAMPSIM" tornado sparse.ini -n 2 --metric won_deal_size -o tor-sparse >tor-sparse.txt 2>stderr.txt
check "tornado of a metric undefined at some keys' sides exits 0" test $? -eq 0
check "tornado sparse: some keys leave it undefined at one side" \
    test -n "$(awk -F, 'NR > 1 && ($6 == "" || $7 == "")' tor-sparse/tornado.csv)"
check "tornado sparse: an undefined side has no swing" \
    test -z "$(awk -F, 'NR > 1 && ($6 == "" || $7 == "") && $12 != ""' tor-sparse/tornado.csv)"
check "tornado sparse: unranked keys come after every ranked one" \
    test -z "$(awk -F, 'NR > 1 { if ($12 == "") blank = 1; else if (blank) print }' tor-sparse/tornado.csv)"
check "tornado sparse: the ranked ones by swing" \
    bash -c "tail -n +2 tor-sparse/tornado.csv | awk -F, '\$12 != \"\"' | cut -d, -f12 | sort -g -r -c"
check "tornado sparse: the console names the unranked keys" bash -c \
    "grep -A1 '^  not ranked (undefined at the low or the high value, empty in tornado.csv):' tor-sparse.txt | \
     grep -qF \"\$(awk -F, 'NR > 1 && \$12 == \"\" { print \$1; exit }' tor-sparse/tornado.csv)\""
check "tornado sparse: no unranked key in the ranked table" test -z "$(awk -F, 'NR > 1 && $12 == "" { print $1 }' \
    tor-sparse/tornado.csv | while read -r k; do grep -E "^  $k +[^ ]+ -> " tor-sparse.txt; done)"
if command -v gnuplot >/dev/null; then
    "$RAMPSIM" tornado "$DATA/small.ini" -n 16 --set pipeline.win_rate=0 --metric won_deal_size -o tor-nan-chart \
        --plot -q 2>stderr.txt
    check "tornado --plot of a metric undefined everywhere exits 0" test $? -eq 0
    check "tornado --plot undefined everywhere: a note instead of a chart" grep -qF \
        "rampsim: note: no tornado chart: won_deal_size is undefined" stderr.txt
fi

# --- standard output that cannot be written: exit 1 and say so
stdout_fails() { # stdout_fails DESCRIPTION ARGS...
    local what=$1
    shift
    "$RAMPSIM" "$@" >/dev/full 2>stderr.txt
    local status=$?
    check "$what to a full disk exits 1 (got $status)" test "$status" -eq 1
    check "$what to a full disk says so" grep -qxF "rampsim: cannot write to standard output: No space left on device" \
        stderr.txt
}
if [ -w /dev/full ]; then
    stdout_fails "check" check "$SRC/scenarios/default.ini"
    stdout_fails "defaults" defaults
    stdout_fails "--help" --help
    stdout_fails "run's table" run "$DATA/small.ini" -n 16 -o full-run
    check "run's table to a full disk: the results are still written" test -s full-run/summary.csv
    "$RAMPSIM" run "$DATA/small.ini" -n 16 -o full-run -q >/dev/full 2>stderr.txt
    check "run -q writes nothing to standard output, so a full one is no failure" test $? -eq 0
fi

echo "$passed passed, $failed failed"
test "$failed" -eq 0
