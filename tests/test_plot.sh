#!/usr/bin/env bash
# test_plot.sh: the charts. Whatever a result directory is called, gnuplot
# reads none of its name as commands; a chart gnuplot could not write whole
# fails; a chart with nothing to show is left out with a note; and a file
# that is not a regular one is refused before anything reads it. Every
# command that could hang runs under timeout; each group of cases runs in a
# directory of its own. Usage:
#   test_plot.sh RAMPSIM SOURCE_DIR
set -u
RAMPSIM=$1
SRC=$2
SMALL=$SRC/tests/data/small.ini
if ! command -v gnuplot >/dev/null; then
    echo "gnuplot not found: the chart tests are skipped"
    exit 0
fi
. "$SRC/tests/expect.sh"
. "$SRC/tests/charts.sh"
use_chart_scratch_dir

RUN_CHARTS="fan attainment ramp quarters manager reps"

# --- result directories of any name: every control byte, quotes, the
# characters gnuplot treats specially, and a name that is a script of its
# own. Each is drawn by run --plot and again by plot, whole, and nothing in
# any name is run.
case_dir names
mkdir names
names=()
for code in $(seq 1 31) 127; do
    printf -v byte "\\$(printf %03o "$code")" # not $(...), which drops a newline
    names+=("c${byte}c")
done
for char in "'" '"' '`' '\' '@' '$' ';'; do
    names+=("q${char}q")
done
names+=($'x\nsystem("touch PWNED")\n' "\`touch PWNED\`" "'.system(\"touch PWNED\").'" "\";system(\"touch PWNED\");\"")
for name in "${names[@]}"; do
    shown=$(printf %q "$name")
    limited run "$SMALL" -n 8 -q --plot -o "names/$name" 2>stderr.txt
    status=$?
    expect "run --plot -o $shown: exit 0 (got $status: $(cat stderr.txt))" test "$status" -eq 0
    expect "run --plot -o $shown: the charts, complete" charts_complete "names/$name" $RUN_CHARTS
    rm -f "names/$name"/*.png "names/$name"/*.svg
    limited plot "names/$name" >/dev/null 2>stderr.txt
    status=$?
    expect "plot $shown: exit 0 (got $status: $(cat stderr.txt))" test "$status" -eq 0
    expect "plot $shown: the charts, complete" charts_complete "names/$name" $RUN_CHARTS
done
expect "no name was run as a command" test -z "$(find "$WORK" -name PWNED)"

# --- the reps chart reads each rep's name from reps.csv, where a roster
# puts it: a name with commas, quotes, a line break and a script of its own
# is drawn as text, on one line, and nothing in it is run
case_dir rep-names
limited run "$SMALL" -n 16 -q -o named
quoted='"Smith, ""Al"" $x; system(""touch PWNED"")"'
sed -i "2s/^1,seat-1,/1,$quoted,/; 3s/^2,seat-2,/2,\"\`touch PWNED\`\\nand a second line\",/" named/reps.csv
expect "reps.csv holds the names as a roster would give them" grep -qF "1,$quoted,new_hire" named/reps.csv
limited plot named >/dev/null 2>stderr.txt
status=$?
expect "plot of reps named as scripts: exit 0 (got $status: $(cat stderr.txt))" test "$status" -eq 0
expect "plot of reps named as scripts: the reps chart, complete" charts_complete named reps
expect "the reps chart shows a name with its quotes and comma, cut to 20 characters" \
    grep -qF '<text>Smith, "Al" $x; syst... (' named/reps.svg
expect "the reps chart shows a name on one line" grep -qF '<text>`touch PWNED` and a ... (' named/reps.svg
expect "no rep's name was run as a command" test -z "$(find "$WORK" -name PWNED)"
expect "the reps chart has a row a seat" test "$(grep -cE '[0-9]%\)</text>$' named/reps.svg)" -eq 6

# more than 30 seats: the 30 least likely to reach quota, and the title says so
limited run "$SMALL" -n 16 -q --plot -o big --set team.reps=35 2>stderr.txt
expect "run --plot of 35 seats: the reps chart, complete ($(cat stderr.txt))" charts_complete big reps
expect "the reps chart of 35 seats says it shows 30" grep -qF 'the 30 of 35 reps least likely to reach it' big/reps.svg
expect "the reps chart of 35 seats draws 30 rows" test "$(grep -cE '[0-9]%\)</text>$' big/reps.svg)" -eq 30
# every seat less likely to reach quota (reach_quota_fy1, column 12) than
# the 30th is among them
drawn_least_likely() {
    local least
    least=$(awk -F, 'NR > 1 { print $12 }' big/reps.csv | sort -g | sed -n 30p)
    awk -F, -v least="$least" 'NR > 1 && $12 < least { print $2 }' big/reps.csv | while read -r seat; do
        grep -qF "<text>$seat (" big/reps.svg || return 1
    done
}
expect "the 30 drawn are the least likely to reach quota" drawn_least_likely

# --- with run.start_date the fan chart's axis has months; without, weeks
case_dir dated
limited run "$SMALL" -n 16 -q --plot -o dated --set run.start_date=2026-07-06 2>stderr.txt
expect "run --plot with a start date: the charts, complete ($(cat stderr.txt))" charts_complete dated $RUN_CHARTS
expect "the fan chart of a dated run has months on its axis" grep -qF '>Sep 26<' dated/fan.svg
expect "the fan chart of a dated run has no week axis" bash -c "! grep -qF 'Week of the run' dated/fan.svg"
limited run "$SMALL" -n 16 -q --plot -o weeks 2>stderr.txt
expect "the fan chart without a start date has weeks" grep -qF 'Week of the run' weeks/fan.svg
expect "the fan chart shows the team's size" grep -qF 'Reps selling (mean)' weeks/fan.svg

# a link planted where gnuplot's output goes is not written through (the
# directory is refused, or the link removed first)
case_dir planted
limited run "$SMALL" -n 8 -q --plot -o planted
ln -s "$WORK/victim" planted/.fan.png.part
limited plot planted >/dev/null 2>stderr.txt
expect "a link as a chart's part: nothing written through it" test ! -e victim

# --- a chart gnuplot could not write whole: gnuplot exits 0 all the same.
# A file-size limit stands in for a full disk: rampsim ignores SIGXFSZ, and
# so does gnuplot, which inherits that, so its writes fail with EFBIG. The
# limit (40 KiB) lets the CSV files through and stops the first chart.
no_parts() { ! ls -A "$1" | grep -q '\.part$'; }
cut_short='^rampsim: the fan chart \(fan\.png\) was not written completely: '
cut_short+='it ends after [0-9]+ bytes, before the IEND chunk; is the disk full\?'
case_dir full
limited run "$SMALL" -n 8 -q --plot -o full
cp -r full full-before
(ulimit -f 40 && limited plot full) >/dev/null 2>stderr.txt
status=$?
expect "plot of a full disk: exit 1 (got $status)" test "$status" -eq 1
expect "plot of a full disk: says so ($(cat stderr.txt))" grep -qE "$cut_short\$" stderr.txt
expect "plot of a full disk: the earlier charts unchanged" diff -r full-before full
expect "plot of a full disk: no part left" no_parts full
(ulimit -f 40 && limited run "$SMALL" -n 8 -q --plot -o full-run) 2>stderr.txt
status=$?
expect "run --plot on a full disk: exit 1 (got $status)" test "$status" -eq 1
expect "run --plot on a full disk: says so, and that the data is written ($(cat stderr.txt))" \
    grep -qE "$cut_short; the data is written to full-run\$" stderr.txt
expect "run --plot on a full disk: the data is there" test -s full-run/summary.csv -a -s full-run/weekly.csv
expect "run --plot on a full disk: no chart, no part" bash -c "! ls -A full-run | grep -qE '\.(png|svg|part)\$'"

# --- charts with nothing to show: a valid run whose data has no line, no
# fiscal year or no defined value for a chart succeeds, draws the charts
# that have something to show, and says in a note which one it left out
# and why; never with a gnuplot message

# charted WHAT DIR STATUS "DRAWN..." [NOTE...]: the command writing DIR
# exited with STATUS 0, said nothing on standard error but notes, exactly
# the NOTEs of charts left out, and drew the DRAWN charts whole and no other
charted() {
    local what=$1 dir=$2 status=$3 drawn=$4
    shift 4
    expect "$what: exit 0 (got $status)" test "$status" -eq 0
    expect "$what: notes only, no gnuplot message ($(cat stderr.txt))" \
        bash -c "! grep -qv '^rampsim: note: ' stderr.txt"
    expect "$what: a note for each chart left out ($(cat stderr.txt))" \
        test "$(grep '^rampsim: note: no [a-z_]* chart: ' stderr.txt)" = "$(printf '%s\n' "$@")"
    expect "$what: the charts drawn, whole" charts_complete "$dir" $drawn
    expect "$what: no other chart" test "$(ls "$dir" | grep -cE '\.(png|svg)$')" -eq $((2 * $(wc -w <<<"$drawn")))
}
one_week="a one-week horizon has no line to draw"
no_year="the horizon covers no whole fiscal year"
no_quarter="the horizon covers no whole fiscal quarter"
note() { echo "rampsim: note: no $1 chart: $2"; }
case_dir nothing-to-show

for warmup in 0 26; do
    for horizon in 1 2 3 12 13 52; do
        notes=()
        drawn=""
        for chart in $RUN_CHARTS; do
            case $chart:$horizon in
            fan:1 | ramp:1 | manager:1) notes+=("$(note "$chart" "$one_week")") ;;
            attainment:[1-9] | attainment:1[0-3] | reps:[1-9] | reps:1[0-3]) notes+=("$(note "$chart" "$no_year")") ;;
            quarters:[1-9] | quarters:12) notes+=("$(note "$chart" "$no_quarter")") ;;
            *) drawn+=" $chart" ;;
            esac
        done
        dir=horizon-$horizon-$warmup
        limited run "$SMALL" -n 8 -q --plot -o "$dir" --set run.horizon_weeks="$horizon" \
            --set run.warmup_weeks="$warmup" 2>stderr.txt
        charted "run --plot, $horizon-week horizon, $warmup weeks of warm-up" "$dir" $? "$drawn" "${notes[@]}"
        rm -f "$dir"/*.png "$dir"/*.svg
        limited plot "$dir" >/dev/null 2>stderr.txt
        charted "plot of a $horizon-week horizon, $warmup weeks of warm-up" "$dir" $? "$drawn" "${notes[@]}"
    done
done

# no deal is won at a win rate of 0: what a won deal measures is undefined
never_won=(-n 8 -q --plot --set pipeline.win_rate=0)
limited sweep "$SMALL" "${never_won[@]}" --vary coaching.hours_per_month=0:2:1 --metric won_deal_size -o sw-undefined \
    2>stderr.txt
charted "sweep --plot of a metric undefined everywhere" sw-undefined $? "" \
    "$(note sweep "won_deal_size is undefined at every point of the sweep")"
limited sweep "$SMALL" "${never_won[@]}" --vary coaching.hours_per_month=0:2:1 --vary team.reps=4,6 \
    --metric first_win_weeks -o map-undefined 2>stderr.txt
charted "sweep --plot of two keys and a metric undefined everywhere" map-undefined $? "" \
    "$(note sweep_heatmap "first_win_weeks is undefined at every point of the sweep")"
limited tornado "$SMALL" "${never_won[@]}" --metric won_deal_size -o tor-undefined 2>stderr.txt
charted "tornado --plot of a metric undefined everywhere" tor-undefined $? "" \
    "$(note tornado "won_deal_size is undefined at the base or at every key's low or high value")"
limited compare "$SMALL" "$SRC/tests/data/small-coach.ini" -n 8 -q --plot --set run.horizon_weeks=1 -o cmp-week \
    2>stderr.txt
charted "compare --plot of a one-week horizon" cmp-week $? compare_manager \
    "$(note compare_attainment "$no_year")" "$(note compare_quarters "$no_quarter")"

# --- a file plot reads that is not a regular file: refused before anything
# reads it, at once (a FIFO would wait for a writer, /dev/zero never end),
# exit 2 and a message naming it, and the charts as they were
case_dir odd
limited run "$SMALL" -n 8 -q --plot -o odd
cp -r odd odd-before
for file in scenario.ini summary.csv weekly.csv manager.csv ramp.csv quarters.csv attainment.csv reps.csv; do
    for kind in FIFO "symbolic link"; do
        rm -rf odd && cp -r odd-before odd && rm "odd/$file"
        if [ "$kind" = FIFO ]; then mkfifo "odd/$file"; else ln -s /dev/zero "odd/$file"; fi
        timeout -k 2 10 "$RAMPSIM" plot odd >/dev/null 2>stderr.txt
        status=$?
        what="plot with $file a $kind"
        expect "$what: exit 2 at once (got $status; 124 or 137 is a hang)" test "$status" -eq 2
        expect "$what: says so ($(cat stderr.txt))" \
            test "$(cat stderr.txt)" = "rampsim: odd/$file is a $kind, not a regular file"
        expect "$what: the charts as they were" diff -r -x "$file" odd-before odd
    done
done

# --- a gnuplot that blocks (one opening a FIFO put in place of a CSV file
# after the check would): SIGTERM to rampsim alone still ends it promptly,
# gnuplot with it, and the charts stay as they were
case_dir blocking
limited run "$SMALL" -n 8 -q --plot -o blocked
stopped_while_gnuplot_blocks blocked

summary
