#!/usr/bin/env bash
# test_reps.sh: the team seat by seat and the plan, end to end: the team
# rampsim check prints, reps.csv, the dates and team size in weekly.csv and
# quarters.csv, the plan's rows of summary.csv and the console lines of the
# plan and of the seats least likely to reach quota. Usage:
#   test_reps.sh RAMPSIM SOURCE_DIR
set -u
RAMPSIM=$1
SRC=$2
DATA=$SRC/tests/data
source "$SRC/tests/expect.sh"
use_scratch_dir

# small.ini's six seats (two new hires), three more from the hiring plan,
# one of them given by date, a start date, and a seat's own coaching
team=(--set team.hires=13:2,2026-09-01:1 --set run.start_date=2026-07-06 --set coaching.per_rep=seat-3:6)

# field NAME FILE: the position (1 for the first) of column NAME in FILE's header
field() { head -n 1 "$2" | tr ',' '\n' | grep -nx "$1" | cut -d: -f1; }

# --- check: after the scenario, the team as resolved, as comments
mkdir check && cd check || exit 1
"$RAMPSIM" check "$DATA/small.ini" "${team[@]}" >checked.ini 2>stderr.txt
status=$?; expect "check of a team with a hiring plan exits 0 ($(cat stderr.txt))" test $status -eq 0
expect "check: the team's heading" \
    grep -qxF "# The team as resolved: 6 seats at week 0; tenure and starts in weeks of the run," checked.ini
expect "check: the columns, with dates" grep -qxF \
    "# seat  name    kind           tenure  hired       starts  on          annual quota   skill  coaching" checked.ini
expect "check: a new hire, hired at week 0" grep -qxF \
    "#    1  seat-1  new_hire            0  2026-07-06                           360,000   drawn         1" checked.ini
expect "check: a veteran with coaching of its own" grep -qxF \
    "#    3  seat-3  veteran                                                     360,000   drawn         6" checked.ini
expect "check: the hiring plan's seats apart" grep -qxF "# The hiring plan (team.hires): 3 new seats." checked.ini
expect "check: a seat hired by date starts in that date's week" grep -qxF \
    "#    9  hire-3  growth                                  8  2026-08-31       360,000   drawn         1" checked.ini
expect "check: every line after the scenario is a comment" \
    bash -c "sed -n '/^# The team as resolved/,\$p' checked.ini | grep -qv '^#' && exit 1 || exit 0"
expect "check: what it prints reads back" "$RAMPSIM" check -q checked.ini
expect_shown "check: read back, the same team" \
    diff <(sed -n '/^# The team as resolved/,$p' checked.ini) \
    <("$RAMPSIM" check checked.ini | sed -n '/^# The team as resolved/,$p')
"$RAMPSIM" check "$DATA/small.ini" >plain.ini
expect "check without dates: no date columns" grep -qxF \
    "# seat  name    kind           tenure  starts  annual quota   skill  coaching" plain.ini
expect "check without a hiring plan says so" grep -qxF "# The hiring plan (team.hires) adds no seat." plain.ini
"$RAMPSIM" check "$DATA/small.ini" --set team.reps=500 --set team.new_hires=0 >big.ini
expect "check of 500 seats: a line each" test "$(grep -cE '^# +[0-9]+  seat-[0-9]+ +veteran ' big.ini)" -eq 500
expect "check of 500 seats: the last one" grep -qE '^#  500  seat-500  veteran ' big.ini
cd "$WORK" || exit 1

# --- a run with the team and a start date
"$RAMPSIM" run "$DATA/small.ini" "${team[@]}" -q -o dated 2>stderr.txt
status=$?; expect "run of a team with a hiring plan exits 0 ($(cat stderr.txt))" test $status -eq 0
header="seat,name,kind,tenure_weeks,hired,starts_week,starts,annual_quota,skill,coaching_hours_per_month"
header+=",attainment_fy1_p10,attainment_fy1_p50,attainment_fy1_p90,reach_quota_fy1"
header+=",leave_chance,ramp_weeks_p10,ramp_weeks_p50,ramp_weeks_p90,ramp_share"
expect "reps.csv: the header with dates" test "$(head -n 1 dated/reps.csv)" = "$header"
expect "reps.csv: a row a seat" test "$(($(wc -l <dated/reps.csv) - 1))" -eq 9
expect "reps.csv: a new hire" grep -qE '^1,seat-1,new_hire,0,2026-07-06,,,360000,drawn,1,' dated/reps.csv
expect "reps.csv: a veteran, tenure unknown, coaching of its own" \
    grep -qE '^3,seat-3,veteran,,,,,360000,drawn,6,' dated/reps.csv
expect "reps.csv: the hiring plan's seats, with their start dates" \
    bash -c "grep -qE '^7,hire-1,growth,,,13,2026-10-05,360000,drawn,1,' dated/reps.csv &&
             grep -qE '^9,hire-3,growth,,,8,2026-08-31,360000,drawn,1,' dated/reps.csv"
# chances are percentages; ramp percentiles only where more than half ramped
expect "reps.csv: reach_quota, leave_chance and ramp_share are percentages" \
    awk -F, -v a="$(field reach_quota_fy1 dated/reps.csv)" -v b="$(field leave_chance dated/reps.csv)" \
    -v c="$(field ramp_share dated/reps.csv)" \
    'NR > 1 { for (k = 0; k < 3; k++) { x = $(k == 0 ? a : k == 1 ? b : c); if (x == "" || x < 0 || x > 100) exit 1 } }' \
    dated/reps.csv
expect "reps.csv: no ramp median where fewer than half ramped, one where more did" \
    awk -F, -v m="$(field ramp_weeks_p50 dated/reps.csv)" -v s="$(field ramp_share dated/reps.csv)" \
    'NR > 1 && (($s < 50) != ($m == "")) { exit 1 }' dated/reps.csv
expect "reps.csv: veterans never ramp in the run, new hires mostly do" \
    bash -c "grep -qE '^3,.*,0\$' dated/reps.csv && awk -F, 'NR == 2 { exit !(\$NF > 50) }' dated/reps.csv"

# weekly.csv: the date right after the week, the team's size at the end
weekly=dated/weekly.csv
expect "weekly.csv: the date after the week" test "$(head -n 1 $weekly | cut -d, -f1-4)" = "week,date,fiscal_year,fiscal_week"
expect "weekly.csv: the team's size last" test "$(head -n 1 $weekly | cut -d, -f23-)" = "active_reps,vacant_seats"
expect "weekly.csv: week 1 starts on the start date" test "$(sed -n 2p $weekly | cut -d, -f1-2)" = "1,2026-07-06"
expect "weekly.csv: week 2 a week later" test "$(sed -n 3p $weekly | cut -d, -f1-2)" = "2,2026-07-13"
expect "weekly.csv: week 60, 59 weeks after the start" \
    test "$(tail -n 1 $weekly | cut -d, -f1-2)" = "60,$(date -u -d '2026-07-06 + 413 days' +%F)"
# every seat that exists is held or empty: 6 seats, 7 from week 9, 9 from week 14
seats_are() { # WEEK SEATS: active_reps + vacant_seats that week
    awk -F, -v w="$1" -v n="$2" '$1 == w { d = $23 + $24 - n; exit !(d < 1e-9 && d > -1e-9) }' $weekly
}
expect "weekly.csv: 6 seats in week 1" seats_are 1 6
expect "weekly.csv: 7 seats in week 9, when the hire of 2026-09-01 starts" seats_are 9 7
expect "weekly.csv: 9 seats in week 14" seats_are 14 9
expect "quarters.csv: start_date after first_week" \
    test "$(head -n 1 dated/quarters.csv | cut -d, -f1-6)" = "quarter,fiscal_year,quarter_of_year,first_week,start_date,weeks"
expect "quarters.csv: each quarter's first simulated day" grep -qxE 'FY1 Q2,1,2,13,2026-10-05,13,.*' dated/quarters.csv
"$RAMPSIM" run "$DATA/small.ini" -q -o undated
expect "without a start date: no date in weekly.csv" test "$(head -n 1 undated/weekly.csv | cut -d, -f1-2)" = "week,fiscal_year"
expect "without a start date: no date in quarters.csv" bash -c "! head -n 1 undated/quarters.csv | grep -q date"
expect "without a start date: no dates in reps.csv" bash -c "! head -n 1 undated/reps.csv | grep -qE 'hired|,starts,'"

# --- the plan: its rows in summary.csv and its lines on the console
"$RAMPSIM" run "$DATA/small.ini" --set plan.bookings=1.8M -o plan >table.txt 2>stderr.txt
status=$?; expect "run with a plan exits 0 ($(cat stderr.txt))" test $status -eq 0
expect "summary.csv: the plan's rows after the fiscal year's" test "$(cut -d, -f1,2 plan/summary.csv | sed -n 6,7p | tr '\n' ' ')" \
    = "plan_made_fy1,% plan_shortfall_fy1,currency "
expect "summary.csv without a plan: no plan rows" bash -c "! grep -q '^plan_' undated/summary.csv"
made=$(awk -F, '$1 == "plan_made_fy1" { printf "%.0f%%", $3 }' plan/summary.csv)
expect "console: the chance of making the plan, as in summary.csv ($made)" \
    grep -qxE "  Chance of making the plan \(FY1 \\\$1\.8M\) +$made" table.txt
expect "console: the shortfall when missed" grep -qE '^  Shortfall when missed, median \(P90\) +[0-9,]+ \([0-9,]+\)$' table.txt
# the three seats least likely to reach quota, as reps.csv has them
reach=$(field reach_quota_fy1 plan/reps.csv)
least=$(tail -n +2 plan/reps.csv | sort -t, -k"$reach","$reach"g -k1,1n | head -n 3 |
    awk -F, -v r="$reach" '{ printf "%s%s %.0f%%", (NR > 1 ? ", " : ""), $2, $r }')
expect "console: the seats least likely to reach quota ($least)" \
    grep -qxF "  Least likely to reach quota (FY1): $least" table.txt
expect "console: the table's last line before them is unchanged" \
    grep -qE '^  Manager hours a week \(budget 30\) +[0-9.]+ +[0-9.]+ +[0-9.]+$' table.txt
"$RAMPSIM" run "$DATA/small.ini" --set run.horizon_weeks=20 -o short >short.txt
expect "console: no seat line without a whole fiscal year" bash -c "! grep -q 'Least likely' short.txt"

# twenty fiscal years with a plan: every metric is reported and can be asked for
"$RAMPSIM" run "$DATA/small.ini" -n 4 -q --set run.horizon_weeks=1040 --set plan.bookings=3M -o long
expect "summary.csv of twenty years with a plan: 144 metrics" test "$(($(wc -l <long/summary.csv) - 1))" -eq 144
expect "summary.csv of twenty years: the last metric" test "$(tail -n 1 long/summary.csv | cut -d, -f1)" = net_value
"$RAMPSIM" tornado "$DATA/small.ini" -n 4 -q --set run.horizon_weeks=1040 --set plan.bookings=3M \
    --metric net_value -o long-tornado 2>stderr.txt
status=$?; expect "tornado --metric net_value of twenty years with a plan ($(cat stderr.txt))" test $status -eq 0

summary
