#!/usr/bin/env bash
# test_cli.sh: end-to-end tests of the built rampsim binary. Usage:
#   test_cli.sh RAMPSIM SOURCE_DIR
# Bad input is checked against the messages in tests/data/bad/*.expected.
# Each case runs in a directory of its own (new_case), so that none
# depends on what an earlier one left.
set -u
RAMPSIM=$1
SRC=$2
DATA=$SRC/tests/data
source "$SRC/tests/expect.sh"
use_scratch_dir

# new_case NAME: makes the directory of one case and enters it.
new_case() {
    mkdir "$WORK/$1" && cd "$WORK/$1" || exit 1
}

# --- help and version
new_case version
expect "--help exits 0" "$RAMPSIM" --help >/dev/null
expect "run --help names --set" bash -c "'$RAMPSIM' run --help | grep -q -- '--set SECTION.KEY=VALUE'"
expect "--version" bash -c "'$RAMPSIM' --version | grep -qE '^rampsim [0-9]+\.[0-9]+\.[0-9]+$'"

# --- bad input: the expected one-line message, exit 2, nothing written
new_case bad-input
cp -r "$DATA/bad" .
for ini in bad/*.ini; do
    expected=${ini%.ini}.expected
    "$RAMPSIM" run "$ini" -o out-bad 2>stderr.txt >stdout.txt
    status=$?
    expect "$ini exits 2 (got $status)" test "$status" -eq 2
    expect "$ini message" diff -u "$expected" stderr.txt
    expect "$ini writes nothing" test ! -e out-bad -a ! -s stdout.txt
    expect "$ini: no temporary directory left" bash -c "! ls -A | grep -q '^\.out-bad'"
done

# --- a scenario read from a pipe: the message quotes the line all the same
new_case pipe
cat "$DATA/bad/syntax.ini" | "$RAMPSIM" check /dev/stdin 2>stderr.txt >stdout.txt
status=$?
expect "a syntax error from a pipe exits 2 (got $status)" test "$status" -eq 2
expect "a syntax error from a pipe quotes the line" test "$(cat stderr.txt)" = \
    "rampsim: /dev/stdin:2: expected [section] or key = value, got reps 6"
expect "a syntax error from a pipe prints nothing" test ! -s stdout.txt
cat "$DATA/bad/header-with-key.ini" | "$RAMPSIM" run /dev/stdin -o out-pipe 2>stderr.txt >stdout.txt
status=$?
expect "a header with a key from a pipe exits 2 (got $status)" test "$status" -eq 2
expect "a header with a key from a pipe quotes the line" test "$(cat stderr.txt)" = \
    "rampsim: /dev/stdin:2: expected [team] alone on its line, got [team] reps = 3"
expect "a header with a key from a pipe writes nothing" test ! -e out-pipe -a ! -s stdout.txt
"$RAMPSIM" run /dev/stdin -o out-pipe <"$DATA/bad/syntax.ini" 2>stderr.txt >/dev/null
expect "a syntax error from a redirected file quotes the line" test "$(cat stderr.txt)" = \
    "rampsim: /dev/stdin:2: expected [section] or key = value, got reps 6"
printf '\357\273\277[team]\nreps = 3\n' | "$RAMPSIM" check /dev/stdin >bom-checked.ini 2>stderr.txt
expect "a byte order mark at the start is skipped" grep -qx "reps = 3" bom-checked.ini

usage_fails() { # usage_fails EXPECTED_MESSAGE ARGS...
    local message=$1
    shift
    "$RAMPSIM" "$@" 2>stderr.txt >/dev/null
    local status=$?
    expect "rampsim $* exits 2 (got $status)" test "$status" -eq 2
    expect "rampsim $* says: $message" grep -qF -- "$message" stderr.txt
}
new_case usage
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
new_case typed
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
    expect "$command: bad options create nothing, not even -o's parent" test ! -e out-opt
done
usage_fails "rampsim: --seed abc: $seedmsg" run missing.ini --seed abc
usage_fails "rampsim: -x is not an option of this command; see 'rampsim run --help'" run "$DATA/small.ini" --plot -xq
usage_fails "rampsim: --h takes no value, got --h=1; see 'rampsim check --help'" check "$DATA/small.ini" --h=1
usage_fails "rampsim: --se is ambiguous: --seed, --set; see 'rampsim run --help'" run "$DATA/small.ini" --se=1
expect "no results directory after bad usage" test ! -e results

# --- every command goes through the one option parser: --help, an unknown
# option, the shared options where they apply and a message where not
commands=(run check defaults plot compare sweep tornado drivers calibrate)
# command_args COMMAND: the arguments COMMAND needs besides options, in ARGS
command_args() {
    case $1 in
    run | check | tornado | drivers) ARGS=("$DATA/small.ini") ;;
    compare) ARGS=("$DATA/small.ini" "$DATA/small-coach.ini") ;;
    sweep) ARGS=("$DATA/small.ini" --vary team.reps=4,6) ;;
    plot) ARGS=(some-results) ;;
    *) ARGS=() ;;
    esac
}
new_case help
for command in "${commands[@]}"; do
    for help in --help -h; do
        "$RAMPSIM" "$command" $help >help.txt 2>stderr.txt
        expect "$command $help exits 0 (got $?)" test $? -eq 0
        expect "$command $help prints its usage" grep -q "^Usage: rampsim $command" help.txt
        expect "$command $help says nothing on stderr" test ! -s stderr.txt
    done
    expect "$command --help shows -h, --help" grep -qE '^  -h, --help +show this help$' help.txt
done

new_case unknown
for command in "${commands[@]}"; do
    command_args "$command"
    mkdir "$command"
    (cd "$command" && exec "$RAMPSIM" "$command" "${ARGS[@]}" --bogus -o out) >stdout.txt 2>stderr.txt
    expect "$command --bogus exits 2 (got $?)" test $? -eq 2
    expect "$command --bogus: the message every command gives ($(cat stderr.txt))" test "$(cat stderr.txt)" = \
        "rampsim: --bogus is not an option of this command; see 'rampsim $command --help'"
    expect "$command --bogus writes nothing" test -z "$(ls -A "$command")" -a ! -s stdout.txt
done
"$RAMPSIM" plot --bogus >stdout.txt 2>stderr.txt
expect "plot --bogus exits 2 (got $?)" test $? -eq 2
expect "plot --bogus: an unknown option, not a result directory ($(cat stderr.txt))" test "$(cat stderr.txt)" = \
    "rampsim: --bogus is not an option of this command; see 'rampsim plot --help'"
"$RAMPSIM" defaults --bogus 2>stderr.txt
expect "defaults --bogus: an unknown option, not an argument" grep -qxF \
    "rampsim: --bogus is not an option of this command; see 'rampsim defaults --help'" stderr.txt

# The shared options each command takes: its --help names them, the
# parser takes them (checked with --help after them, which runs nothing),
# and the others are refused as not applying to it.
new_case shared
shared_options=("-q" "-n 5" "--seed 7" "-j 2" "-o out" "--set team.reps=5" "--plot")
long_names=(--quiet --replications --seed --threads --output --set --plot)
takes() { # takes COMMAND: the long names of the shared options COMMAND takes
    case $1 in
    check) echo "--quiet --replications --seed --threads --set" ;;
    plot) echo "--quiet" ;;
    defaults) echo "" ;;
    *) echo "${long_names[*]}" ;;
    esac
}
for command in "${commands[@]}"; do
    "$RAMPSIM" "$command" --help >help.txt 2>/dev/null
    for i in "${!shared_options[@]}"; do
        read -ra option <<<"${shared_options[$i]}"
        long=${long_names[$i]}
        "$RAMPSIM" "$command" "${option[@]}" --help >stdout.txt 2>stderr.txt
        status=$?
        if [[ " $(takes "$command") " == *" $long "* ]]; then
            expect "$command --help names $long" grep -qE -- "^ +(-[a-z], )?$long( |$)" help.txt
            expect "$command takes ${option[*]} (got $status: $(cat stderr.txt))" test "$status" -eq 0 -a ! -s stderr.txt
        else
            expect "$command --help does not name $long" bash -c "! grep -qF -- '$long' help.txt"
            expect "$command refuses ${option[*]} (got $status)" test "$status" -eq 2
            expect "$command ${option[0]}: says it does not apply ($(cat stderr.txt))" test "$(cat stderr.txt)" = \
                "rampsim: ${option[0]} does not apply to rampsim $command; see 'rampsim $command --help'"
        fi
    done
done
expect "options before --help write nothing" test ! -e out
usage_fails "rampsim: --pl does not apply to rampsim check; see 'rampsim check --help'" check "$DATA/small.ini" --pl
usage_fails "rampsim: --out does not apply to rampsim check; see 'rampsim check --help'" check "$DATA/small.ini" --out=x

# -n means the same, and is checked the same, wherever it applies
for command in run check compare sweep tornado calibrate; do
    command_args "$command"
    for n in 0 abc 1.5; do
        usage_fails "rampsim: -n $n: run.replications must be a whole number from 1 to 10000000, got $n" \
            "$command" "${ARGS[@]}" -n "$n" -o out-n
    done
    usage_fails "rampsim: --rep=0: run.replications must be a whole number from 1 to 10000000, got 0" \
        "$command" "${ARGS[@]}" --rep=0 -o out-n
done
expect "a refused -n writes nothing" test ! -e out-n

# the shared options do what they say in the commands that newly take them
new_case new-options
"$RAMPSIM" calibrate -q -n 150 -j 2 --seed 2385 -o cal-quiet >stdout.txt 2>stderr.txt
status=$?; expect "calibrate -q exits 0 (got $status: $(cat stderr.txt))" test $status -eq 0
expect "calibrate -q prints no table" test ! -s stdout.txt
expect "calibrate -q still writes calibrate.csv" test -s cal-quiet/calibrate.csv
"$RAMPSIM" calibrate -n 150 -j 2 --seed 2385 -o cal-loud >stdout.txt 2>stderr.txt
expect "calibrate without -q: the table and where the results are" grep -qx "Results in cal-loud/" stdout.txt
expect "calibrate -q and without: the same results" cmp -s cal-quiet/calibrate.csv cal-loud/calibrate.csv
"$RAMPSIM" calibrate -q -n 150 -j 2 --set quota.annual=500000 -o cal-fail >stdout.txt 2>stderr.txt
expect "calibrate -q of a failing check exits 1 (got $?)" test $? -eq 1
expect "calibrate -q still says a check fails" grep -qE "^rampsim: [0-9]+ of [0-9]+ checks fail$" stderr.txt
expect "calibrate -q of a failing check prints no table" test ! -s stdout.txt
"$RAMPSIM" check "$DATA/small.ini" -n 77 --seed 2385 --set team.reps=5 -j 1 >checked.ini 2>stderr.txt
expect "check -n --seed --set -j exits 0" test $? -eq 0
expect "check -n: the replications it prints" grep -qx "replications = 77" checked.ini
expect "check --seed: the seed it prints" grep -qx "seed = 2385" checked.ini
expect "check -j 1: the memory of one thread" grep -qE "^# a run needs about .* on 1 thread; " checked.ini
expect "check: what it prints reads back" "$RAMPSIM" check checked.ini
"$RAMPSIM" check "$DATA/small.ini" -q >stdout.txt 2>stderr.txt
expect "check -q of a valid scenario: exit 0, nothing printed" test $? -eq 0 -a ! -s stdout.txt -a ! -s stderr.txt
"$RAMPSIM" check "$DATA/small.ini" -q --set team.new_hires=9 >stdout.txt 2>stderr.txt
expect "check -q of an invalid one: exit 2 (got $?)" test $? -eq 2
expect "check -q of an invalid one: the message all the same" grep -qF "team.new_hires (9) must not exceed" stderr.txt
if command -v gnuplot >/dev/null; then
    "$RAMPSIM" run "$DATA/small.ini" -n 16 -o drawn -q
    "$RAMPSIM" plot -q drawn >stdout.txt 2>stderr.txt
    status=$?; expect "plot -q exits 0 (got $status: $(cat stderr.txt))" test $status -eq 0
    expect "plot -q says nothing" test ! -s stdout.txt
    expect "plot -q draws" test -s drawn/fan.png
fi

# --- an existing directory that is not ours is refused and left alone
new_case foreign
mkdir precious && echo keep >precious/notes.txt
"$RAMPSIM" run "$DATA/small.ini" -o precious -q 2>stderr.txt
expect "refuses a foreign directory" test $? -eq 2
expect "foreign directory untouched" bash -c "test \"\$(ls precious)\" = notes.txt"
expect "says why ($(cat stderr.txt))" grep -qxF "rampsim: precious was not written by rampsim (it has no .rampsim-manifest, as results from before manifests have none either) and holds notes.txt; choose another -o" stderr.txt

# --- a run writes every file, the same for 1 and 2 threads; its scenario.ini
# reproduces it; a rerun replaces it
new_case run
"$RAMPSIM" run "$DATA/small.ini" -o one --threads 1 >table.txt 2>stderr.txt
expect "run exits 0" test $? -eq 0
"$RAMPSIM" run "$DATA/small.ini" -o two --threads 2 -q
for f in summary.csv quarters.csv weekly.csv ramp.csv manager.csv attainment.csv reps.csv scenario.ini; do
    expect "$f written" test -s "one/$f"
    expect "$f identical for 1 and 2 threads" cmp -s "one/$f" "two/$f"
done
while IFS= read -r line; do
    file=${line%%: *}
    expect "$file header" test "$(head -n 1 "one/$file")" = "${line#*: }"
done <"$DATA/headers.expected"
expect "table shows fiscal year 1" grep -q "Team attainment, fiscal year 1" table.txt
expect "table names the result directory" grep -q "Results in one/" table.txt
expect "no NaN or inf in any CSV" bash -c "! grep -qiE 'nan|inf' one/*.csv"
expect "weekly.csv has a row per week" test "$(($(wc -l <one/weekly.csv) - 1))" -eq 60
expect "summary.csv lists the required metrics" bash -c "for m in team_attainment_fy1 reps_at_quota_share_fy1 \
    ramp_weeks win_rate won_cycle_weeks won_deal_size pipeline_to_quota selling_time_share lead_to_close \
    manager_hours_per_week; do grep -q \"^\$m,\" one/summary.csv || exit 1; done"

expect "every metric is documented in docs/outputs.md" bash -c "tail -n +2 one/summary.csv | cut -d, -f1 |
    sed 's/_fy[0-9]*\$/_fyk/' | while read -r m; do grep -q \"\\\`\$m\\\`\" '$SRC/docs/outputs.md' || { echo \$m; exit 1; }; done"

"$RAMPSIM" run one/scenario.ini -o again -q
expect "scenario.ini reproduces summary.csv" cmp -s one/summary.csv again/summary.csv
expect "another seed differs" bash -c "'$RAMPSIM' run '$DATA/small.ini' -o seed2 --seed 7 -q && ! cmp -s one/summary.csv seed2/summary.csv"

"$RAMPSIM" run "$DATA/small.ini" -o one -q --set team.reps=7
expect "rerun replaced the results" grep -q "^reps = 7$" one/scenario.ini

# --- calibrate: only a failure exits 1; an interval across an edge is unresolved
new_case calibrate
"$RAMPSIM" calibrate -n 150 -o cal-few --threads 2 >cal-few.txt 2>&1
expect "calibrate: unresolved checks exit 0" test $? -eq 0
expect "calibrate: unresolved checks are said so, with replications" grep -qE "unresolved \(-n [0-9]+\)" cal-few.txt
"$RAMPSIM" calibrate -n 150 -o cal-fail --threads 2 --set quota.annual=500000 >cal-fail.txt 2>&1
expect "calibrate: a failing check exits 1" test $? -eq 1
expect "calibrate: the failure is named" grep -qE "^REF .*FAILS$" cal-fail.txt

# --- check and defaults print scenarios rampsim reads back
new_case inspect
"$RAMPSIM" defaults >defaults.ini
expect "defaults output is a valid scenario" "$RAMPSIM" check defaults.ini
expect "defaults document their sources" grep -q "source: Bridge Group SaaS AE median ACV" defaults.ini
expect "docs/defaults.ini is the current output of rampsim defaults" diff -u "$SRC/docs/defaults.ini" defaults.ini
"$RAMPSIM" check "$DATA/small.ini" --set coaching.hours_per_month=3 >checked.ini
expect "check output is a valid scenario" "$RAMPSIM" check checked.ini
expect "check shows the override" grep -q "^hours_per_month = 3$" checked.ini

# --- charts: PNG and SVG with gnuplot, a one-line note without it
new_case charts
if command -v gnuplot >/dev/null; then
    mkdir precious && echo keep >precious/notes.txt
    "$RAMPSIM" run "$DATA/small.ini" -o charts --plot -q 2>stderr.txt
    expect "run --plot exits 0" test $? -eq 0
    for chart in fan attainment ramp quarters manager reps; do
        expect "$chart.png drawn" test -s "charts/$chart.png"
        expect "$chart.svg drawn" test -s "charts/$chart.svg"
    done
    expect "plot of a non-result directory fails" bash -c "! '$RAMPSIM' plot precious 2>/dev/null"
    rm -f charts/*.png charts/*.svg
    expect "rampsim plot DIR redraws" "$RAMPSIM" plot charts
    expect "redrawn" test -s charts/fan.png
fi
new_case no-gnuplot
mkdir -p nognuplot-bin
ln -sf "$RAMPSIM" nognuplot-bin/rampsim
PATH="$PWD/nognuplot-bin" "$PWD/nognuplot-bin/rampsim" run "$DATA/small.ini" -o nocharts --plot -q 2>stderr.txt
expect "without gnuplot the run still succeeds" test $? -eq 0
expect "without gnuplot: one line saying so" test "$(wc -l <stderr.txt)" -eq 1
expect "without gnuplot: data written" test -s nocharts/summary.csv

# --- compare: paired runs, their files, the same for any thread count
new_case compare
"$RAMPSIM" compare "$DATA/small.ini" "$DATA/small-coach.ini" -o cmp1 --threads 1 >cmp-table.txt 2>stderr.txt
expect "compare exits 0" test $? -eq 0
"$RAMPSIM" compare "$DATA/small.ini" "$DATA/small-coach.ini" -o cmp2 --threads 2 -q
for f in compare.csv compare-attainment.csv compare-quarters.csv compare-manager.csv compare-return.csv \
    scenario-small.ini scenario-small-coach.ini; do
    expect "compare writes $f" test -s "cmp1/$f"
    expect "$f identical for 1 and 2 threads" cmp -s "cmp1/$f" "cmp2/$f"
done
expect "compare.csv header" test "$(head -n 1 cmp1/compare.csv)" = \
    "metric,unit,scenario,mean,median,median_low,median_high,p5,p25,p75,p95,difference,difference_low,difference_high,better_share,worse_share"
expect "compare.csv: a row per metric and scenario" test "$(grep -c '^win_rate,' cmp1/compare.csv)" -eq 2
expect "compare table: coaching wins the year in most runs" bash -c "grep -A2 'fiscal year 1' cmp-table.txt | \
    grep -E '^  small-coach .*\+[0-9.]+ \(\+[0-9.]+ to \+[0-9.]+\)'"
expect "compare: the return on the manager's hours" grep -q "^Return on the manager's hours" cmp-table.txt
expect "compare-return.csv: extra hours for the coached team" bash -c \
    "grep '^small-coach,' cmp1/compare-return.csv | cut -d, -f3 | grep -qE '^[0-9]'"
expect "compare: the first scenario's scenario file is its own" grep -q "^hours_per_month = 1$" cmp1/scenario-small.ini
expect "compare of the same file twice keeps two labels" bash -c \
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
expect "compare a-3, a, a exits 0" test $? -eq 0
expect "compare a-3, a, a: three scenario files" test "$(ls cmp-labels/scenario-*.ini | wc -l)" -eq 3
expect "compare a-3, a, a: the first keeps its name" grep -qx "reps = 3" cmp-labels/scenario-a-3.ini
expect "compare a-3, a, a: the second keeps its name" grep -qx "reps = 4" cmp-labels/scenario-a.ini
expect "compare a-3, a, a: the third is not the first's" grep -qx "reps = 5" cmp-labels/scenario-a-3-2.ini
expect "compare a-3, a, a: three labels in compare.csv" test "$(tail -n +2 cmp-labels/compare.csv | cut -d, -f3 | sort -u | wc -l)" -eq 3
"$RAMPSIM" compare lab2.ini lab3.ini lab5.ini lab4.ini -o cmp-labels2 -q 2>stderr.txt
expect "compare a, a, a-2, A exits 0" test $? -eq 0
expect "compare a, a, a-2, A: four scenario files" test "$(ls cmp-labels2/scenario-*.ini | wc -l)" -eq 4
expect "compare a, a, a-2, A: a-2 keeps its name" grep -qx "reps = 7" cmp-labels2/scenario-a-2.ini
expect "compare a, a, a-2, A: the second a avoids it" grep -qx "reps = 5" cmp-labels2/scenario-a-2-2.ini
expect "compare a, a, a-2, A: A differs from a by case only" grep -qx "reps = 6" cmp-labels2/scenario-A-4.ini
usage_fails "give at least two scenario files" compare "$DATA/small.ini"
printf '[run]\nhorizon_weeks = 52\n' >short.ini
usage_fails "short.ini: run.horizon_weeks and run.start_week must be those of" compare "$DATA/small.ini" short.ini
if command -v gnuplot >/dev/null; then
    "$RAMPSIM" compare "$DATA/small.ini" "$DATA/small-coach.ini" -o cmp-charts --plot -q
    for chart in compare_attainment compare_quarters compare_manager; do
        expect "$chart.png drawn" test -s "cmp-charts/$chart.png"
    done
fi

# --- sweep: one key, two keys, enumerations; the same for any thread count
new_case sweep
"$RAMPSIM" sweep "$DATA/small.ini" --vary coaching.hours_per_month=0:3:1 -o sw1 --threads 1 >sw-table.txt 2>stderr.txt
expect "sweep exits 0" test $? -eq 0
"$RAMPSIM" sweep "$DATA/small.ini" --vary coaching.hours_per_month=0:3:1 -o sw2 --threads 2 -q
for f in sweep.csv sweep-chart.csv scenario.ini; do
    expect "sweep writes $f" test -s "sw1/$f"
    expect "sweep $f identical for 1 and 2 threads" cmp -s "sw1/$f" "sw2/$f"
done
expect "sweep.csv: a row per point" test "$(($(wc -l <sw1/sweep.csv) - 1))" -eq 4
expect "sweep.csv: every metric" bash -c "head -n 1 sw1/sweep.csv | grep -q 'win_rate_p50' && head -n 1 sw1/sweep.csv |
    grep -q '^point,coaching.hours_per_month,team_attainment_fy1_mean'"
expect "sweep.csv: bookings per extra hour" bash -c "head -n 1 sw1/sweep.csv | grep -q ',bookings_per_extra_hour$'"
expect "sweep table: the return, row against row" grep -q "^Return on the manager's hours" sw-table.txt
expect "sweep table: a difference from the row above" grep -qE '^  3 .*[+-][0-9.]+ \([+-][0-9.]+ to [+-][0-9.]+\)' sw-table.txt
"$RAMPSIM" sweep "$DATA/small.ini" --vary one_on_one.cadence=none,monthly,biweekly,weekly \
    --vary team.reps=4,6 --metric win_rate -o sw3 -q
expect "a two-key sweep of an enumeration runs" test "$(($(wc -l <sw3/sweep.csv) - 1))" -eq 8
usage_fails "give a key to vary with --vary" sweep "$DATA/small.ini"
usage_fails "--vary coaching.hours_per_month=0:200:50: coaching.hours_per_month must be hours from 0 to 100, got 150" \
    sweep "$DATA/small.ini" --vary coaching.hours_per_month=0:200:50
usage_fails "--vary coaching.hours_per_month=3:1:1: a range must be FROM:TO:STEP with FROM <= TO and STEP > 0" \
    sweep "$DATA/small.ini" --vary coaching.hours_per_month=3:1:1
usage_fails "--vary coaching.hour_per_month=1,2: unknown key coaching.hour_per_month; did you mean coaching.hours_per_month?" \
    sweep "$DATA/small.ini" --vary coaching.hour_per_month=1,2
usage_fails "--vary one_on_one.cadence=none,daily: one_on_one.cadence must be none, monthly, biweekly or weekly, got daily" \
    sweep "$DATA/small.ini" --vary one_on_one.cadence=none,daily
usage_fails "sweep point team.new_hires=5: team.new_hires (5) must not exceed team.reps (4)" \
    sweep "$DATA/small.ini" --vary team.new_hires=1,5 --set team.reps=4
usage_fails "--metric win_rat: not a metric of this scenario; did you mean win_rate?" \
    sweep "$DATA/small.ini" --vary team.reps=4,6 --metric win_rat
usage_fails "--vary  team.reps=4,6: team.reps is varied already by team.reps=4,6; vary two different keys" \
    sweep "$DATA/small.ini" --vary team.reps=4,6 --vary ' team.reps=4,6' -o sw-bad
usage_fails "--vary team.reps =5: team.reps is varied already by team.reps=4,6; vary two different keys" \
    sweep "$DATA/small.ini" --vary team.reps=4,6 --vary 'team.reps =5' -o sw-bad
for junk in "0:3:1 junk" "0:3:1:2" "0:3:1x" "0:3:" "0 3:1:2" "0:3:1;2"; do
    usage_fails "--vary coaching.hours_per_month=$junk: a range must be FROM:TO:STEP with FROM <= TO and STEP > 0, got $junk" \
        sweep "$DATA/small.ini" --vary "coaching.hours_per_month=$junk" -o sw-bad
done
usage_fails "--vary team.reps=4,6,: expected values separated by commas" sweep "$DATA/small.ini" --vary team.reps=4,6, -o sw-bad
expect "a refused --vary writes nothing" test ! -e sw-bad
"$RAMPSIM" sweep "$DATA/small.ini" --vary ' coaching.hours_per_month = 0 : 2 : 1 ' -n 8 -o sw-blanks -q 2>stderr.txt
expect "blanks around a --vary key and range numbers are dropped, as --set drops them" test $? -eq 0
expect "the axis is named as the table spells the key" grep -q '^point,coaching.hours_per_month,' sw-blanks/sweep.csv
expect "the range's values" test "$(tail -n +2 sw-blanks/sweep-chart.csv | cut -d, -f2 | tr '\n' ' ')" = "0 1 2 "
# the reason follows the place whole, even when the key or a path holds ": "
usage_fails "rampsim: --vary team.re: ps=1,2: unknown key team.re: ps; did you mean team.reps?" \
    sweep "$DATA/small.ini" --vary "team.re: ps=1,2" -o sw-bad
printf '[run]\nreplications = 8\n[manager]\noverbooked = error\n[team]\nreps = 4\nnew_hires = 1\n' >"a: b.ini"
usage_fails "rampsim: sweep point coaching.hours_per_month=40: the manager's plan needs up to" \
    sweep "a: b.ini" --vary coaching.hours_per_month=1,40 -o sw-bad
usage_fails "at most two --vary" sweep "$DATA/small.ini" --vary team.reps=4,6 --vary team.new_hires=1 --vary rep.skill_cv=0.1
if command -v gnuplot >/dev/null; then
    "$RAMPSIM" sweep "$DATA/small.ini" --vary coaching.hours_per_month=0:2:1 -o sw-chart --plot -q
    expect "sweep.png drawn" test -s sw-chart/sweep.png
    expect "sweep_heatmap.png drawn" bash -c "'$RAMPSIM' sweep '$DATA/small.ini' --vary team.reps=4,6 \
        --vary coaching.hours_per_month=1,3 -o sw-map --plot -q && test -s sw-map/sweep_heatmap.png"
fi

# --- beyond the evidence: one line on stderr per scenario, results as usual
new_case evidence
note6="rampsim: note: small: beyond the evidence: coaching.hours_per_month = 6 (the research covers 0 to 4 hours a month); the model extrapolates there (docs/model.md)"
"$RAMPSIM" run "$DATA/small.ini" -n 16 -o ev-run --set coaching.hours_per_month=6 >ev-table.txt 2>stderr.txt
expect "coaching 6: run exits 0" test $? -eq 0
expect "coaching 6: the note, alone on stderr" test "$(cat stderr.txt)" = "$note6"
expect "coaching 6: the results as usual" grep -q "Team attainment, fiscal year 1" ev-table.txt
expect "coaching 6: the note is not in the table" bash -c "! grep -q 'beyond the evidence' ev-table.txt"
"$RAMPSIM" run "$DATA/small.ini" -n 16 -o ev-run -q --set coaching.hours_per_month=6 2>stderr.txt
expect "coaching 6: -q keeps the note" test "$(cat stderr.txt)" = "$note6"
"$RAMPSIM" run "$DATA/small.ini" -n 16 -o ev-run -q --set coaching.hours_per_month=6 --set effects.scale=1.5 \
    --set onboarding.extra_hours_per_week=1 --set onboarding.weeks=12 2>stderr.txt
expect "three levers beyond: one line naming each" bash -c "test \$(wc -l <stderr.txt) -eq 1 &&
    grep -F 'coaching.hours_per_month = 6 (' stderr.txt | grep -F 'effects.scale = 1.5 (' | grep -qF 'onboarding.weeks = 12 ('"
"$RAMPSIM" run "$DATA/small.ini" -n 16 -o ev-run --set coaching.hours_per_month=4 >/dev/null 2>stderr.txt
expect "coaching 4, the end of the range: no note" test ! -s stderr.txt
"$RAMPSIM" run "$SRC/scenarios/default.ini" -n 16 -o ev-default >/dev/null 2>stderr.txt
expect "the default scenario: no note" test ! -s stderr.txt
"$RAMPSIM" check "$DATA/small.ini" --set coaching.hours_per_month=6 >ev-checked.ini 2>stderr.txt
expect "check: the note" test "$(cat stderr.txt)" = "$note6"
expect "check: the scenario it prints is still valid" "$RAMPSIM" check ev-checked.ini
"$RAMPSIM" check "$DATA/small.ini" --set effects.scale=1.5 >/dev/null 2>stderr.txt
expect "check: effects.scale above 1 is named" grep -qxF "rampsim: note: small: beyond the evidence: effects.scale = 1.5 (1 is the research taken at face value); the model extrapolates there (docs/model.md)" stderr.txt
sed -e 's/^name = small-coach$/name = coach6/' -e 's/^hours_per_month = 3$/hours_per_month = 6/' \
    "$DATA/small-coach.ini" >coach6.ini
"$RAMPSIM" compare "$DATA/small.ini" coach6.ini -n 16 -o ev-cmp >ev-cmp.txt 2>stderr.txt
expect "compare: exits 0 with its table" bash -c "test $? -eq 0 && grep -q 'fiscal year 1' ev-cmp.txt"
expect "compare: one line, for the scenario beyond only" test "$(cat stderr.txt)" = \
    "rampsim: note: coach6: beyond the evidence: coaching.hours_per_month = 6 (the research covers 0 to 4 hours a month); the model extrapolates there (docs/model.md)"
"$RAMPSIM" sweep "$DATA/small.ini" --set coaching.hours_per_month=6 --vary coaching.hours_per_month=0:6:1 -n 16 \
    -o ev-sw >ev-sw.txt 2>stderr.txt
expect "sweep: exits 0 with its table" bash -c "test $? -eq 0 && grep -q '^  6 ' ev-sw.txt"
expect "sweep: the axis line, and no note of the base's coaching" test "$(cat stderr.txt)" = \
    "rampsim: note: beyond the evidence: coaching.hours_per_month above 4 hours a month (points 5 to 6); the model extrapolates there (docs/model.md)"
"$RAMPSIM" sweep "$DATA/small.ini" --vary team.reps=4,6 --set effects.scale=2 -n 16 -o ev-sw -q 2>stderr.txt
expect "sweep: the base's note when the axis is within" grep -qxF \
    "rampsim: note: small: beyond the evidence: effects.scale = 2 (1 is the research taken at face value); the model extrapolates there (docs/model.md)" stderr.txt
if command -v gnuplot >/dev/null; then
    "$RAMPSIM" sweep "$DATA/small.ini" --vary coaching.hours_per_month=0:6:1 -n 16 -o ev-chart --plot -q 2>stderr.txt
    expect "sweep --plot: the chart shades them" grep -qF "(points 5 to 6); the chart shades them" stderr.txt
    expect "sweep chart: the region is labelled" grep -qF "beyond the evidence" ev-chart/sweep.svg
    "$RAMPSIM" sweep "$DATA/small.ini" --vary coaching.hours_per_month=0:4:1 -n 16 -o ev-chart0 --plot -q 2>stderr.txt
    expect "sweep within the evidence: no note" test ! -s stderr.txt
    expect "sweep chart within the evidence: no region" bash -c "! grep -qF 'beyond the evidence' ev-chart0/sweep.svg"
    "$RAMPSIM" sweep "$DATA/small.ini" --vary team.reps=4,6 --vary coaching.hours_per_month=3,5 -n 16 -o ev-map \
        --plot -q 2>/dev/null
    expect "heat map: the hatching is named on the axis beyond" grep -qF \
        "coaching.hours_per_month   (hatched: beyond the evidence)" ev-map/sweep_heatmap.svg
    expect "heat map: not on the axis within" bash -c "! grep -qF 'team.reps   (hatched' ev-map/sweep_heatmap.svg"
fi

# --- tornado: every numeric key moved, ranked
new_case tornado
"$RAMPSIM" tornado "$DATA/small.ini" -n 64 -o tor1 --threads 1 >tor-table.txt 2>stderr.txt
expect "tornado exits 0" test $? -eq 0
"$RAMPSIM" tornado "$DATA/small.ini" -n 64 -o tor2 --threads 2 -q
expect "tornado.csv identical for 1 and 2 threads" cmp -s tor1/tornado.csv tor2/tornado.csv
expect "tornado.csv header" test "$(head -n 1 tor1/tornado.csv)" = \
    "key,base_value,low_value,high_value,metric_base,metric_low,metric_high,low_difference_low,low_difference_high,high_difference_low,high_difference_high,swing"
expect "tornado: ranked by swing" bash -c "tail -n +2 tor1/tornado.csv | cut -d, -f12 | sort -g -r -c"
expect "tornado: quota moves first-year attainment" bash -c "tail -n +2 tor1/tornado.csv | head -n 6 | grep -q '^quota.annual,'"
expect "tornado: the quota's low value is 20% lower" grep -q '^quota.annual,360000,288000,432000,' tor1/tornado.csv
expect "tornado: run settings are not moved" bash -c "! grep -qE '^run\.(replications|seed|horizon_weeks)' tor1/tornado.csv"
usage_fails "--swing must be a share between 0 and 1 (such as 20% or 0.1), got 150%" \
    tornado "$DATA/small.ini" --swing 150%
usage_fails "--metric winrate: not a metric of this scenario; did you mean win_rate?" \
    tornado "$DATA/small.ini" --metric winrate
usage_fails "rampsim: --metric ramp_weeks: pooled over new hires, so a tornado cannot pair it" \
    tornado "$DATA/small.ini" --metric ramp_weeks -o tor-pooled
expect "a pooled tornado metric writes nothing" test ! -e tor-pooled
if command -v gnuplot >/dev/null; then
    "$RAMPSIM" tornado "$DATA/small.ini" -n 32 -o tor-chart --plot -q
    expect "tornado.png drawn" test -s tor-chart/tornado.png
fi

# a low value is never above the base, a high one never below; a key at a
# limit moves one way only (team.reps = 1 cannot go down)
for swing in 0.001 0.5; do
    "$RAMPSIM" tornado "$DATA/small.ini" -n 2 --swing $swing --set team.reps=1 --set team.new_hires=1 \
        -o tor-swing -q 2>stderr.txt
    expect "tornado --swing $swing exits 0" test $? -eq 0
    expect "tornado --swing $swing: low <= base <= high for every key" \
        test -z "$(awk -F, 'NR > 1 && !($3 + 0 <= $2 + 0 && $2 + 0 <= $4 + 0)' tor-swing/tornado.csv)"
    expect "tornado --swing $swing: team.reps = 1 moves up only" grep -q '^team.reps,1,1,2,' tor-swing/tornado.csv
done

# an undefined metric is n/a on the console, empty in tornado.csv, and not ranked
"$RAMPSIM" tornado "$DATA/small.ini" -n 16 --set pipeline.win_rate=0 --metric won_deal_size -o tor-nan \
    >tor-nan.txt 2>stderr.txt
expect "tornado of a metric undefined everywhere exits 0" test $? -eq 0
expect "tornado undefined everywhere: the base is n/a" grep -qF \
    "base: n/a: won_deal_size is undefined in every replication of the base, so no key can be ranked" tor-nan.txt
expect "tornado undefined everywhere: no number shown for it, not even 0.00" bash -c "! grep -qE '[0-9]\.[0-9]' tor-nan.txt"
expect "tornado undefined everywhere: empty cells, not 0" \
    test -z "$(awk -F, 'NR > 1 && ($5 $6 $7 $12) != ""' tor-nan/tornado.csv)"
printf '[run]\nname = sparse\nhorizon_weeks = 26\nwarmup_weeks = 0\nseed = 2385\n[team]\nreps = 1\nnew_hires = 0\n[pipeline]\nleads_per_week = 0.24\n' \
    >sparse.ini
"$RAMPSIM" tornado sparse.ini -n 2 --metric won_deal_size -o tor-sparse >tor-sparse.txt 2>stderr.txt
expect "tornado of a metric undefined at some keys' sides exits 0" test $? -eq 0
expect "tornado sparse: some keys leave it undefined at one side" \
    test -n "$(awk -F, 'NR > 1 && ($6 == "" || $7 == "")' tor-sparse/tornado.csv)"
expect "tornado sparse: an undefined side has no swing" \
    test -z "$(awk -F, 'NR > 1 && ($6 == "" || $7 == "") && $12 != ""' tor-sparse/tornado.csv)"
expect "tornado sparse: unranked keys come after every ranked one" \
    test -z "$(awk -F, 'NR > 1 { if ($12 == "") blank = 1; else if (blank) print }' tor-sparse/tornado.csv)"
expect "tornado sparse: the ranked ones by swing" \
    bash -c "tail -n +2 tor-sparse/tornado.csv | awk -F, '\$12 != \"\"' | cut -d, -f12 | sort -g -r -c"
expect "tornado sparse: the console names the unranked keys" bash -c \
    "grep -A1 '^  not ranked (undefined at the low or the high value, empty in tornado.csv):' tor-sparse.txt | \
     grep -qF \"\$(awk -F, 'NR > 1 && \$12 == \"\" { print \$1; exit }' tor-sparse/tornado.csv)\""
expect "tornado sparse: no unranked key in the ranked table" test -z "$(awk -F, 'NR > 1 && $12 == "" { print $1 }' \
    tor-sparse/tornado.csv | while read -r k; do grep -E "^  $k +[^ ]+ -> " tor-sparse.txt; done)"
if command -v gnuplot >/dev/null; then
    "$RAMPSIM" tornado "$DATA/small.ini" -n 16 --set pipeline.win_rate=0 --metric won_deal_size -o tor-nan-chart \
        --plot -q 2>stderr.txt
    expect "tornado --plot of a metric undefined everywhere exits 0" test $? -eq 0
    expect "tornado --plot undefined everywhere: a note instead of a chart" grep -qF \
        "rampsim: note: no tornado chart: won_deal_size is undefined" stderr.txt
fi

# --- standard output that cannot be written: exit 1 and say so
new_case full-stdout
stdout_fails() { # stdout_fails DESCRIPTION ARGS...
    local what=$1
    shift
    "$RAMPSIM" "$@" >/dev/full 2>stderr.txt
    local status=$?
    expect "$what to a full disk exits 1 (got $status)" test "$status" -eq 1
    expect "$what to a full disk says so" grep -qxF "rampsim: cannot write to standard output: No space left on device" \
        stderr.txt
}
if [ -w /dev/full ]; then
    stdout_fails "check" check "$SRC/scenarios/default.ini"
    stdout_fails "defaults" defaults
    stdout_fails "--help" --help
    stdout_fails "run's table" run "$DATA/small.ini" -n 16 -o full-run
    expect "run's table to a full disk: the results are still written" test -s full-run/summary.csv
    "$RAMPSIM" run "$DATA/small.ini" -n 16 -o full-run -q >/dev/full 2>stderr.txt
    expect "run -q writes nothing to standard output, so a full one is no failure" test $? -eq 0
fi

echo "$passed passed, $failed failed"
test "$failed" -eq 0
