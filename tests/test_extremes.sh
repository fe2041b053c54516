#!/usr/bin/env bash
# test_extremes.sh: rampsim at the edges of every size and value. Each case
# must end with sensible output or a clear error (exit 2, one line naming
# what is wrong, nothing written), and never with a crash or with NaN or
# infinity in a CSV file. Each case runs in a directory of its own.
# Usage: test_extremes.sh RAMPSIM SOURCE_DIR [sanitized]
set -u
RAMPSIM=$1
SRC=$2
SANITIZED=${3:-}
BASE=$SRC/tests/data/small.ini # 6 reps, 60 weeks
. "$SRC/tests/expect.sh"
use_scratch_dir
cases=0

# runs ARGS into out/, requiring exit 0, the result files and no NaN or
# infinity in any of them; the console table is left in out.txt
runs() { # runs NAME ARGS...
    local name=$1
    shift
    cases=$((cases + 1))
    case_dir "case-$cases"
    "$RAMPSIM" run "$@" -o out >out.txt 2>err.txt
    local status=$?
    expect "$name: exits 0 (got $status: $(head -c 300 err.txt))" test "$status" -eq 0
    for f in summary quarters weekly ramp manager attainment; do
        expect "$name: writes $f.csv" test -s "out/$f.csv"
    done
    expect "$name: no NaN or infinity in a CSV" bash -c "! grep -qiE '(^|,)[-+]?(nan|inf|infinity)(,|$)' out/*.csv"
    expect "$name: no NaN or infinity on the console" bash -c "! grep -qiwE 'nan|inf' out.txt"
}

# requires exit 2, a one-line message containing MESSAGE, nothing written
refused() { # refused NAME MESSAGE ARGS...
    local name=$1 message=$2
    shift 2
    cases=$((cases + 1))
    case_dir "case-$cases"
    "$RAMPSIM" run "$@" -o out >out.txt 2>err.txt
    local status=$?
    expect "$name: exits 2 (got $status)" test "$status" -eq 2
    expect "$name: says '$message' (said: $(cat err.txt))" grep -qF -- "$message" err.txt
    expect "$name: one line" test "$(wc -l <err.txt)" -eq 1
    expect "$name: writes nothing" test ! -e out -a ! -s out.txt
}

# the value of column COLUMN (a header name) in the row of CSV whose first
# cell is KEY
cell() { # cell CSV KEY COLUMN
    awk -F, -v key="$2" -v col="$3" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == col) c = i }
        $1 == key { print $c }' "$1"
}

# --- team size
runs "1 rep" "$BASE" -n 32 --set team.reps=1 --set team.new_hires=1
expect "1 rep: summary says reps at quota are 0% or 100%" \
    bash -c "awk -F, '\$1 == \"reps_at_quota_share_fy1\" && (\$8 == 0 || \$8 == 100)' out/summary.csv | grep -q ."
runs "500 reps" "$BASE" -n 16 --set team.reps=500 --set team.new_hires=100 --set run.horizon_weeks=26
expect "500 reps: 16 replications counted" test "$(cell out/summary.csv win_rate n)" = 16
refused "501 reps" "team.reps must be a whole number from 1 to 500, got 501" "$BASE" --set team.reps=501
refused "0 reps" "team.reps must be a whole number from 1 to 500, got 0" "$BASE" --set team.reps=0

# --- horizon
runs "1-week horizon" "$BASE" -n 32 --set run.horizon_weeks=1
expect "1-week horizon: says no fiscal year is covered" grep -q "horizon ends before the first fiscal year" out.txt
expect "1-week horizon: one week in weekly.csv" test "$(wc -l <out/weekly.csv)" -eq 2
runs "520-week horizon" "$BASE" -n 16 --set run.horizon_weeks=520
expect "520-week horizon: ten fiscal years" test -n "$(cell out/summary.csv team_attainment_fy10 mean)"
expect "520-week horizon: 520 weeks in weekly.csv" test "$(wc -l <out/weekly.csv)" -eq 521
refused "longest horizon" "run.horizon_weeks must be a whole number from 1 to 1040, got 1041" "$BASE" \
    --set run.horizon_weeks=1041
refused "0-week horizon" "run.horizon_weeks must be a whole number from 1 to 1040, got 0" "$BASE" \
    --set run.horizon_weeks=0

# --- replications
refused "0 replications" "run.replications must be a whole number from 1 to 10000000, got 0" "$BASE" -n 0
refused "too many replications" "run.replications must be a whole number from 1 to 10000000, got 10000001" \
    "$BASE" -n 10000001
runs "1 million replications" "$BASE" -n 1000000 --set team.reps=1 --set team.new_hires=0 \
    --set run.horizon_weeks=4 --set run.warmup_weeks=0
expect "1 million replications: all counted" test "$(cell out/summary.csv manager_hours_per_week n)" = 1000000
runs "1 replication" "$BASE" -n 1
expect "1 replication: no standard error from one value" test -z "$(cell out/summary.csv win_rate stderr)"

# --- win rates and variance
runs "win rate 0" "$BASE" -n 32 --set pipeline.win_rate=0
expect "win rate 0: no bookings, 0% attainment" test "$(cell out/summary.csv team_attainment_fy1 p90)" = 0
expect "win rate 0: won-deal size undefined (empty)" test -z "$(cell out/summary.csv won_deal_size mean)"
expect "win rate 0: console says n/a" grep -qE "Won-deal size +n/a +n/a +n/a" out.txt
runs "win rate 1" "$BASE" -n 32 --set pipeline.win_rate=1 --set pipeline.max_win_rate=1 --set rep.hours_per_open_deal=0
expect "win rate 1: every deal won" test "$(cell out/summary.csv win_rate p5)" = 100
runs "zero variance" "$BASE" -n 32 --set rep.skill_cv=0 --set pipeline.deal_size_cv=0 --set pipeline.cycle_cv=0 \
    --set attrition.annual=0 --set ramp.time_cv=0 --set effects.overlap=0
expect "zero variance: every won deal the same size" \
    test "$(cell out/summary.csv won_deal_size p5)" = "$(cell out/summary.csv won_deal_size p95)"
runs "attainment of billions of percent" "$BASE" -n 32 --set quota.annual=1e4 --set pipeline.deal_size=1e12
expect "attainment of billions of percent: attainment.csv's shares add up to 100" \
    awk -F, 'NR > 1 { s += $3 } END { exit !(s > 99.999 && s < 100.001) }' out/attainment.csv
runs "deal size 1e12" "$BASE" -n 32 --set pipeline.deal_size=1e12
expect "deal size 1e12: console columns stay apart" grep -qE "Won-deal size +[0-9.]+e\+1[12] +[0-9.]+e\+1[12]" out.txt
refused "deal size beyond the limit" "pipeline.deal_size must be an amount from 0 to 1000000000000" "$BASE" \
    --set pipeline.deal_size=2e12

# --- the manager
runs "manager with no time" "$BASE" -n 32 --set manager.hours_per_week=0
expect "no time: no coaching in any week" \
    bash -c "awk -F, 'NR > 1 && \$2 != 0 { bad = 1 } END { exit bad }' out/manager.csv"
expect "no time: the fixed appointments are overtime" \
    bash -c "awk -F, 'NR > 1 && (\$8 - \$9) * (\$8 - \$9) > 1e-12 { bad = 1 } END { exit bad }' out/manager.csv"
runs "manager with no time, deal help always" "$BASE" -n 32 --set manager.hours_per_week=0 \
    --set deal_help.when=always --set deal_help.style=take_over
refused "no time, overbooked = error" "the manager's plan needs up to" "$BASE" --set manager.hours_per_week=0 \
    --set manager.overbooked=error

# --- the calendar and the quota
runs "start week 51" "$BASE" -n 32 --set run.start_week=51
expect "start week 51: first quarter is FY1 Q4 with 1 week" \
    bash -c "sed -n 2p out/quarters.csv | grep -q '^FY1 Q4,1,4,0,1,'"
refused "start week 52" "run.start_week must be a whole number from 0 to 51, got 52" "$BASE" --set run.start_week=52
runs "quota 0" "$BASE" -n 32 --set quota.annual=0
expect "quota 0: attainment empty in summary.csv" test -z "$(cell out/summary.csv team_attainment_fy1 mean)"
expect "quota 0: no replication defines attainment" test "$(cell out/summary.csv team_attainment_fy1 n)" = 0
expect "quota 0: bookings still reported" test -n "$(cell out/summary.csv team_bookings_fy1 mean)"
expect "quota 0: the console says attainment is undefined" grep -q "quota.annual is 0: attainment" out.txt

# --- every value of every enumeration and switch, as `rampsim defaults` lists them
"$RAMPSIM" defaults | awk '
    /^\[/ { section = substr($0, 2, length($0) - 2) }
    /^#   [a-z_]+(, [a-z_]+)* or [a-z_]+; default/ {
        sub(/^#   /, ""); sub(/;.*/, ""); gsub(/,| or /, " "); choices = $0 }
    /^[a-z_]+ = / && choices != "" { print section "." $1, choices; choices = "" }' >"$WORK/enums.txt"
expect "defaults lists at least 6 enumerations and 3 switches" test "$(wc -l <"$WORK/enums.txt")" -ge 9
while read -r key values; do
    for value in $values; do
        extra=()
        [ "$key.$value" = "ramp.curve.table" ] && extra=(--set ramp.table=0,20,50,80,100)
        runs "$key = $value" "$BASE" -n 16 --set "$key=$value" "${extra[@]}"
    done
done <"$WORK/enums.txt"

# --- the other documented limits (docs/reliability.md)
long=$(printf 'x%.0s' $(seq 200))
printf '[run]\nname = %s\n' "$long" >"$WORK/long-line.ini"
refused "a 200-character line" "long-line.ini:2: line is longer than 199 characters; shorten it" "$WORK/long-line.ini"
refused "a 200-character --set value" "the value is longer than 194 characters (a scenario file's line, \"name=\" included, holds 199)" "$BASE" --set "run.name=$long"
refused "a ramp table of 62 months" "ramp.table must be" "$BASE" --set ramp.curve=table \
    --set "ramp.table=$(seq -s, 0 1 60),100"
runs "12 review weeks" "$BASE" -n 32 --set "attrition.review_weeks=$(seq -s, 13 13 156)"
refused "13 review weeks" "attrition.review_weeks must be none or 1 to 12 comma-separated" "$BASE" \
    --set "attrition.review_weeks=$(seq -s, 13 13 169)"
refused "review weeks out of order" "attrition.review_weeks must be" "$BASE" --set attrition.review_weeks=39,26
refused "501 threads" "--threads must be a whole number from 1 to 256, got 501" "$BASE" --threads 501
refused "a warm-up of 521 weeks" "run.warmup_weeks must be a whole number from 0 to 520, got 521" "$BASE" \
    --set run.warmup_weeks=521
case_dir sweep-values
"$RAMPSIM" sweep "$BASE" --vary "coaching.hours_per_month=$(seq -s, 0 0.05 10.05)" -o out 2>err.txt
expect "202 values of one key: exit 2" test $? -eq 2
expect "202 values of one key: says the limit" grep -qF "at most 201 values" err.txt
case_dir sweep-points
"$RAMPSIM" sweep "$BASE" --vary coaching.hours_per_month=0:10:0.1 --vary rep.skill_cv=0:0.1:0.01 -o out 2>err.txt
expect "1111 sweep points: exit 2" test $? -eq 2
expect "1111 sweep points: says the limit" grep -qF "a sweep has at most 1000 points, these axes give 1111" err.txt
set17=()
for i in $(seq 17); do set17+=("$BASE"); done
case_dir compare-17
"$RAMPSIM" compare "${set17[@]}" -o out 2>err.txt
expect "17 scenarios compared: exit 2" test $? -eq 2
expect "17 scenarios compared: says the limit" grep -qF "compare takes at most 16 scenarios, got 17" err.txt
cases=$((cases + 3))

# --- memory: estimated and refused up front when it would not fit. A
# limit on the address space (ulimit -v) makes "would not fit" the same on
# every machine; AddressSanitizer's shadow memory cannot live under one.
if [ "$SANITIZED" = sanitized ]; then
    echo "memory limit cases: not run under AddressSanitizer (it needs the address space ulimit -v takes away)"
else
    cases=$((cases + 3))
    heavy=(--set pipeline.leads_per_week=1000 --set pipeline.cycle_weeks=260 --set team.reps=500)
    case_dir memory-small
    (ulimit -v 1000000; exec "$RAMPSIM" run "$BASE" -n 32 -o out -q) 2>err.txt
    status=$?; expect "1 GB of address space: a small run fits ($(cat err.txt))" test $status -eq 0
    case_dir memory-heavy
    (ulimit -v 1000000; exec "$RAMPSIM" run "$BASE" "${heavy[@]}" -o out) >out.txt 2>err.txt
    status=$?
    expect "500 reps with 260-week cycles under 1 GB: exit 2 (got $status)" test "$status" -eq 2
    expect "500 reps with 260-week cycles under 1 GB: says why ($(cat err.txt))" \
        grep -qE "^rampsim: small needs about [0-9.]+ GB of memory \(1 scenario of up to 500 reps and 60 weeks, on [0-9]+ threads?\), more than the [0-9]+ MB available \(under ulimit -v" err.txt
    expect "refused up front: nothing written" test ! -e out -a ! -s out.txt
    # long cycles from the practices themselves: a one-on-one cycle multiplier
    # of 10 at effects.scale 2 keeps deals open 100 times as long
    slow=(--set one_on_one.cycle_multiplier=10 --set effects.scale=2 --set one_on_one.cadence=biweekly
          --set pipeline.leads_per_week=1000 --set team.reps=300)
    case_dir memory-slow
    (ulimit -v 1000000; exec "$RAMPSIM" run "$BASE" "${slow[@]}" -o out) >out.txt 2>err.txt
    status=$?
    expect "deals held open 100 times as long under 1 GB: refused up front, exit 2 (got $status)" \
        test "$status" -eq 2 -a ! -e out -a ! -s out.txt
    expect "deals held open 100 times as long: says why ($(tail -n 1 err.txt))" grep -qE "needs about [0-9.]+ GB of memory" err.txt
    cases=$((cases + 1))
    case_dir memory-threads
    (ulimit -v 1000000; exec "$RAMPSIM" run "$BASE" -n 2000 --threads 64 -o out -q) 2>err.txt
    expect "64 threads under 1 GB: exit 2" test $? -eq 2
    expect "64 threads under 1 GB: says to use fewer threads" grep -qF "use fewer threads" err.txt
    "$RAMPSIM" check "$BASE" >out.txt
    expect "check tells the memory a run needs" grep -qE "^# a run needs about [0-9]+ MB of memory on [0-9]+ threads?; " out.txt
fi

echo "$cases cases, $passed assertions passed, $failed failed"
exit $((failed > 0))
