#!/usr/bin/env bash
# test_uncertain.sh: end-to-end tests of uncertain inputs in the built
# binary: ranges in scenario files and --set, their messages, `check`'s
# table, the share columns of summary.csv, compare over the inputs,
# precision control and `rampsim drivers`. Usage:
#   test_uncertain.sh RAMPSIM SOURCE_DIR
set -u
RAMPSIM=$1
SRC=$2
DATA=$SRC/tests/data
source "$SRC/tests/expect.sh"
use_scratch_dir

# refused EXPECTED_MESSAGE ARGS...: exit 2, the message, nothing written
refused() {
    local message=$1
    shift
    "$RAMPSIM" "$@" -o out 2>stderr.txt >stdout.txt
    local status=$?
    expect "rampsim $* exits 2 (got $status)" test "$status" -eq 2
    expect "rampsim $* says: $message" grep -qF -- "$message" stderr.txt
    expect "rampsim $* writes nothing" test ! -e out -a ! -s stdout.txt
}

# --- bad ranges: file, line and key, what was expected and what was found
case_dir bad-ranges
printf '[run]\nreplications = 32\n[one_on_one]\nwin_multiplier = pert(1.4, 1.2, 2)\n' >mode.ini
refused "mode.ini:4: one_on_one.win_multiplier = pert(1.4, 1.2, 2): needs low <= mode <= high" run mode.ini
printf '[pipeline]\nwin_rate = uniform(10%%, 120%%)\n' >bound.ini
refused "bound.ini:2: pipeline.win_rate = uniform(10%, 120%): its high (1.2) must be a share from 0 to 1 (such as 0.3 or 30%) like the key itself" \
    run bound.ini
printf '[quota]\nannual = pert(300,000, 360,000, 420,000)\n' >commas.ini
refused "commas.ini:2: quota.annual = pert(300,000, 360,000, 420,000): expected pert(low, mode, high), each an amount" \
    run commas.ini
refused "written without thousands separators (28000 or \$28K)" run commas.ini
printf '[team]\nreps = uniform(4, 8)\n' >team.ini
refused "team.ini:2: team.reps = uniform(4, 8): the run's and the team's keys cannot be uncertain" run team.ini
printf '[one_on_one]\ncadence = uniform(1, 2)\n' >enum.ini
refused "enum.ini:2: one_on_one.cadence = uniform(1, 2): only a number can be uncertain" run enum.ini
printf '[coaching]\nquality = beta(1, 2)\n' >kind.ini
refused "kind.ini:2: coaching.quality = beta(1, 2): not a distribution: write uniform(low, high)" run kind.ini
printf '[coaching]\nquality = normal(1, 0.2\n' >paren.ini
refused "paren.ini:2: coaching.quality = normal(1, 0.2: expected a ')' at the end" run paren.ini
printf '[pipeline]\ndeal_size = lognormal(0, 0.5)\n' >median.ini
refused "median.ini:2: pipeline.deal_size = lognormal(0, 0.5): a lognormal's median must be above 0" run median.ini
refused "--set coaching.max_uplift=lognormal(0.9, 11): coaching.max_uplift = lognormal(0.9, 11): a lognormal's cv must be a number from 0 to 10" \
    run "$DATA/small.ini" --set 'coaching.max_uplift=lognormal(0.9, 11)'
# a cross-field check holds at the range's ends, not only at its mean
refused "ramp.table must reach ramp.ramped_at (99%), but its highest value is 95% (with every uncertain key at its highest)" \
    run "$DATA/small.ini" --set ramp.curve=table --set ramp.table=0,50,95 --set 'ramp.ramped_at=uniform(0.5, 0.99)'
refused "(with every uncertain key at its lowest)" \
    run "$DATA/small.ini" --set manager.overbooked=error --set 'manager.hours_per_week=uniform(5, 50)'
refused "(with every uncertain key at its highest and the manager's at their lowest)" \
    run "$DATA/small.ini" --set manager.overbooked=error --set 'manager.hours_per_week=uniform(8, 50)' \
    --set 'coaching.hours_per_month=uniform(1, 6)'

# --- check prints each uncertain key with its distribution, mean, P5, P95
case_dir check
"$RAMPSIM" check "$SRC/scenarios/uncertain-research.ini" --set 'quota.annual=triangular($300K, 360000, 450K)' \
    >checked.txt 2>stderr.txt
expect "check of an uncertain scenario exits 0" test $? -eq 0
expect "check: the table's heading" grep -qF "# Uncertain inputs: 5 keys, drawn once for every 16 replications" checked.txt
expect "check: a research range, marked" grep -qE '^# one_on_one.win_multiplier +pert\(1, 1.31, 1.401\) research +1.274 +1.144 +1.374$' checked.txt
expect "check: a triangular amount with its mean, P5 and P95" \
    grep -qE '^# quota.annual +triangular\(300,000, 360,000, 450,000\) +370,000 +3[0-9]{2},[0-9]{3} +4[0-9]{2},[0-9]{3}$' checked.txt
expect "check: the resolved file keeps the range exactly" grep -qx 'annual = triangular(300000, 360000, 450000)' checked.txt
"$RAMPSIM" check checked.txt -q
expect "what check prints reads back" test $? -eq 0

# --- a run: the share columns, the console, and scenario.ini runs it again
case_dir run
"$RAMPSIM" run "$SRC/scenarios/uncertain-research.ini" -n 640 -o r1 >table.txt 2>stderr.txt
expect "an uncertain run exits 0" test $? -eq 0
expect "summary.csv gains the share columns" test "$(head -n 1 r1/summary.csv)" = \
    "metric,unit,mean,stderr,p5,p10,p25,p50,p75,p90,p95,n,input_share,input_share_low,input_share_high"
expect "the share of first-year attainment is a percentage with its interval, in order" \
    awk -F, '$1 == "team_attainment_fy1" { exit !($13 >= 0 && $13 <= 100 && $14 <= $13 && $13 <= $15) }' r1/summary.csv
expect "the console tells the share" grep -qE "^  Uncertain inputs: 4 keys, drawn 40 times \(every 16 replications\). Of the spread in team_attainment_fy1,$" table.txt
"$RAMPSIM" run r1/scenario.ini -o r2 -q
expect "the resolved scenario.ini runs the same results" cmp r1/summary.csv r2/summary.csv
"$RAMPSIM" run "$DATA/small.ini" -n 64 -o plain -q
expect "a plain scenario keeps summary.csv's columns" test "$(head -n 1 plain/summary.csv)" = \
    "metric,unit,mean,stderr,p5,p10,p25,p50,p75,p90,p95,n"

# --- a horizon within a fiscal year: the share is told of the bookings
case_dir short
"$RAMPSIM" run "$DATA/small.ini" --set run.horizon_weeks=13 --set 'quota.annual=uniform($300K, $400K)' -n 64 \
    -o short >table.txt 2>stderr.txt
expect "a 13-week run with a range exits 0 ($(cat stderr.txt))" test $? -eq 0
expect "a 13-week run tells the share of the bookings" grep -qF "Of the spread in team_bookings_total," table.txt
"$RAMPSIM" drivers "$DATA/small.ini" --set run.horizon_weeks=13 -n 64 -o short-drivers >table.txt 2>stderr.txt
expect "drivers of a 13-week run ranks the bookings' tail" grep -qF "the worst 10% of replications by team_bookings_total" table.txt

# --- precision control: how many it took, and the same on 1 and 2 threads
case_dir precision
"$RAMPSIM" run "$DATA/small.ini" --precision 2 -j 1 -o p1 >table.txt 2>stderr.txt
expect "run --precision exits 0" test $? -eq 0
expect "run --precision says how many it took" \
    grep -qE "^  Precision: the mean of team_attainment_fy1 is known to \+-[0-9.]+ \(95%\) after [0-9]+ replications.$" table.txt
"$RAMPSIM" run "$DATA/small.ini" --precision 2 -j 2 -o p2 -q
expect "run --precision: 1 and 2 threads stop alike" cmp p1/summary.csv p2/summary.csv
expect "run --precision: scenario.ini holds the replications run" \
    grep -qx "replications = $(awk -F, '$1 == "team_attainment_fy1" { print $12 }' p1/summary.csv)" p1/scenario.ini
"$RAMPSIM" run "$DATA/small.ini" --precision 0.01 --max-replications 512 -o p3 >table.txt 2>stderr.txt
expect "precision not reached is said" grep -qF "Precision not reached" table.txt
refused "--precision must be a number above 0 (such as 0.5: points of the metric's unit), got -1" \
    run "$DATA/small.ini" --precision -1
refused "-n and --precision go apart" run "$DATA/small.ini" --precision 1 -n 500
refused "--max-replications needs --precision H" run "$DATA/small.ini" --max-replications 5000
refused "--max-replications must be a whole number from 256 to 10000000, got 100" \
    run "$DATA/small.ini" --precision 1 --max-replications 100
refused "--metric ramp_weeks: pooled over the hires, not one value a replication" \
    run "$DATA/small.ini" --metric ramp_weeks
refused "--metric winrate: not a metric of this scenario; did you mean win_rate?" \
    compare "$DATA/small.ini" "$DATA/small-coach.ini" --metric winrate
refused "--metric ramp_weeks: pooled over the hires" \
    sweep "$DATA/small.ini" --vary team.reps=4,6 --metric ramp_weeks --precision 1

# --- compare over the inputs
case_dir compare
"$RAMPSIM" compare "$SRC/scenarios/uncertain-research.ini" "$SRC/scenarios/uncertain-research.ini" -n 640 \
    --set coaching.hours_per_month=3 -o c1 >table.txt 2>stderr.txt
expect "an uncertain compare exits 0" test $? -eq 0
expect "compare tells the chance over the inputs" \
    grep -qE "^  uncertain-research-2 beats uncertain-research in [0-9]+% of the 40 worlds the inputs allow \(worse in [0-9]+%\)$" table.txt
expect "compare.csv gains the shares over the inputs" bash -c \
    "head -n 1 c1/compare.csv | grep -q ',better_share,worse_share,inputs_better_share,inputs_worse_share$'"
"$RAMPSIM" compare "$DATA/small.ini" "$DATA/small-coach.ini" --precision 3 -o c2 >table.txt 2>stderr.txt
expect "compare --precision tells the differences' precision" grep -qE "^Precision reached: the differences in team_attainment_fy1 are known to" table.txt

# --- sweep --precision: every point the same replications
case_dir sweep
"$RAMPSIM" sweep "$DATA/small.ini" --vary coaching.hours_per_month=0:3:1 --precision 3 -o s1 >table.txt 2>stderr.txt
expect "sweep --precision exits 0" test $? -eq 0
expect "sweep --precision says so" grep -qE "^  precision reached: every point's mean is known to" table.txt

# --- drivers
case_dir drivers
"$RAMPSIM" drivers "$SRC/scenarios/uncertain-research.ini" -n 640 -o d1 >table.txt 2>stderr.txt
expect "drivers exits 0" test $? -eq 0
expect "drivers.csv header" test "$(head -n 1 d1/drivers.csv)" = \
    "driver,kind,label,median,sd,tail_median,significance,rank_correlation,contribution"
expect "drivers.csv: every input and every part of the luck" test "$(tail -n +2 d1/drivers.csv | wc -l)" -eq 10
expect "drivers.csv: ranked by |significance|" bash -c \
    "tail -n +2 d1/drivers.csv | awk -F, '{ s = \$7 < 0 ? -\$7 : \$7; print (\$7 == \"\" ? -1 : s) }' | sort -g -r -c"
expect "drivers: the contributions' sizes add to 100" \
    awk -F, 'NR > 1 { s += ($9 < 0 ? -$9 : $9) } END { exit !(s > 99.99 && s < 100.01) }' d1/drivers.csv
expect "spider.csv: ten bins for each of the 4 inputs" test "$(tail -n +2 d1/spider.csv | wc -l)" -eq 40
expect "drivers: the table names the tail" grep -qF "the worst 10% of replications by team_attainment_fy1" table.txt
"$RAMPSIM" drivers "$SRC/scenarios/uncertain-research.ini" -n 640 -o d2 -j 1 -q
expect "drivers: the same on 1 and 2 threads" cmp d1/drivers.csv d2/drivers.csv
"$RAMPSIM" drivers "$DATA/small.ini" --above P80 --metric win_rate -o d3 >table.txt 2>stderr.txt
expect "drivers with nothing uncertain: the luck alone" grep -qF "No key is uncertain: the drivers are the year's luck alone." table.txt
expect "drivers --above: the best years" grep -qF "the best 20% of replications by win_rate" table.txt
refused "--below must be a percentile from P1 to P50 (such as P10), got P70" drivers "$DATA/small.ini" --below P70
refused "--above must be a percentile from P50 to P99 (such as P90), got 100" drivers "$DATA/small.ini" --above 100
refused "give --below or --above, not both" drivers "$DATA/small.ini" --below P10 --above P90
refused "--metric ramp_weeks: pooled over the hires" drivers "$DATA/small.ini" --metric ramp_weeks
refused "won_deal_size has a value in 0 of the 96 replications; drivers needs at least 10 (run more with -n, or choose another metric)" \
    drivers "$DATA/small.ini" --set pipeline.win_rate=0 --metric won_deal_size
refused "drivers keeps every replication: run.replications must be at most 1000000, got 2000000" \
    drivers "$DATA/small.ini" -n 2000000
if command -v gnuplot >/dev/null; then
    "$RAMPSIM" drivers "$SRC/scenarios/uncertain-research.ini" -n 320 -o d4 --plot -q
    expect "drivers --plot draws drivers.png and spider.png" test -s d4/drivers.png -a -s d4/spider.png
fi

# --- fit wants single values
case_dir fit
"$RAMPSIM" run "$SRC/scenarios/fit-example.ini" -n 8 -q -o run --export-crm crm
refused "--set effects.uncertainty=research: fit needs single values, but 4 keys are uncertain (coaching.max_uplift, from effects.uncertainty = research)" \
    fit crm/opportunities.csv --current "$SRC/scenarios/fit-example.ini" --set effects.uncertainty=research

# --- the edges an adversarial pass found
case_dir edges
printf '[run]\nhorizon_weeks = 20\nwarmup_weeks = 0\nreplications = 400\n[team]\nreps = 1\nnew_hires = 1\n[pipeline]\nwin_rate = uniform(0, 0.05)\nleads_per_week = 0.5\n' \
    >sparse.ini
"$RAMPSIM" tornado "$DATA/small.ini" -n 64 -o tor --set 'pipeline.win_rate=uniform(0.1, 0.3)' -q
expect "tornado moves a range from its mean, and ranks it" grep -q '^pipeline.win_rate,0.2,0.16,0.24,' tor/tornado.csv
refused "effects.scale cannot be a range with effects.uncertainty = research" \
    run "$SRC/scenarios/uncertain-research.ini" --set 'effects.scale=uniform(0, 1)'
"$RAMPSIM" run sparse.ini --metric selling_time_share -o st >table.txt 2>stderr.txt
expect "a metric with no spread gets no share, however its sums round" bash -c "! grep -q 'Of the spread' table.txt"
refused "selling_time_share is 34.6154 in every replication: it has no tail to explain" \
    drivers sparse.ini --metric selling_time_share
refused "lead_to_close ties at 0, the edge of the worst 10%: that tail holds" drivers sparse.ini --metric lead_to_close
"$RAMPSIM" run sparse.ini --set team.new_hires=0 --metric first_year_exits --precision 1 -o never >table.txt
expect "precision on a metric never defined stops at the first checkpoint" \
    grep -qF "first_year_exits has fewer than two values in the 256 replications run" table.txt
"$RAMPSIM" run "$SRC/scenarios/uncertain-research.ini" -n 320 -o rw -q
expect "the metrics pooled over hires keep their standard error" \
    awk -F, '$1 == "ramp_weeks" { exit !($4 > 0) }' rw/summary.csv
"$RAMPSIM" run "$SRC/scenarios/uncertain-research.ini" -n 16 -o one >table.txt
expect "one draw of the inputs is said, not a share" grep -qF "but the run holds one draw of them (every 16 replications)" table.txt
refused "--precision judges uncertain inputs from at least 20 of their draws, 200000 replications" \
    run "$SRC/scenarios/uncertain-research.ini" --precision 5 --set run.replications_per_draw=10000
"$RAMPSIM" check "$DATA/small.ini" --set 'pipeline.win_rate=lognormal(1, 1e-300)' >checked.txt
expect "a cv too small to spread is a single value, not nan" bash -c "! grep -qi nan checked.txt"
refused "--precision must be a number above 0" run "$DATA/small.ini" --precision 0x10
refused "--below must be a percentile from P1 to P50 (such as P10), got P010" drivers "$DATA/small.ini" --below P010
printf '[pipeline]\nwin_rate = uniform(0.15, 0.3)\n' >cur.ini
"$RAMPSIM" run "$SRC/scenarios/fit-example.ini" -n 8 -q -o fe --export-crm crm
refused "cur.ini:2: fit needs single values, but 1 key is uncertain (pipeline.win_rate first)" \
    fit crm/opportunities.csv --current cur.ini

echo "$passed passed, $failed failed"
exit $((failed > 0))
