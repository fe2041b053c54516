#!/usr/bin/env bash
# test_plot_fit.sh: the charts of a fit's result directory, drawn by
# `rampsim plot DIR` from the sample fit in tests/data/fit-plot/: the four
# charts whole, the ramp's left out with a note when the fit had no roster,
# a malformed CSV refused with the line and column before gnuplot reads it
# (exit 2, the charts as they were), and no gnuplot or a signal handled as
# for a run's charts. Each group of cases runs in a directory of its own.
#
# The sample is a made-up team of two years from 2025-01-06: 600 closed
# opportunities with lognormal amounts (mean 28,000, CV 0.8; 30 bins on a
# logarithmic scale from the smallest to the largest) and gamma cycles
# (mean 10 weeks, CV 0.5, rounded up to whole weeks), the fitted counts
# those distributions' expectations; ten hires in the second year whose
# opportunities per rep-week follow an S-curve to 0.95 (half at 11 weeks,
# 90 % at 22), Poisson draws with exact 95 % intervals, month 12 observed
# over no rep-week; and 8 quarters at a 22 % win rate, binomial draws with
# Wilson 95 % intervals. Its .rampsim-manifest lists the four files, as a
# fit's would.
# Usage:
#   test_plot_fit.sh RAMPSIM SOURCE_DIR
set -u
RAMPSIM=$1
SRC=$2
SAMPLE=$SRC/tests/data/fit-plot
. "$SRC/tests/expect.sh"
. "$SRC/tests/charts.sh"
use_chart_scratch_dir

# without gnuplot, a fit directory is refused as a run's is (exit 1)
case_dir no-gnuplot
cp -r "$SAMPLE" fit
PATH=/nonexistent "$RAMPSIM" plot fit >/dev/null 2>stderr.txt
status=$?
expect "plot without gnuplot: exit 1 (got $status)" test "$status" -eq 1
expect "plot without gnuplot: says so ($(cat stderr.txt))" \
    test "$(cat stderr.txt)" = "rampsim: gnuplot not found; install it (apt-get install gnuplot-nox)"
expect "plot without gnuplot: no chart" bash -c "! ls fit | grep -qE '\.(png|svg)\$'"

if ! command -v gnuplot >/dev/null; then
    echo "gnuplot not found: the fit chart tests are skipped"
    summary
fi

# the charts in DIR, by name, one a line
charts_in() { ls "$1" | sed -n 's/\.png$//p' | sort; }
FIT_CHARTS="fit_cycles fit_deal_sizes fit_ramp fit_win_rate"
note() { echo "rampsim: note: no $1 chart: $2"; }

# --- the sample: four charts, titled, with their axes
case_dir sample
cp -r "$SAMPLE" fit
limited plot fit >stdout.txt 2>stderr.txt
status=$?
expect "plot of a fit: exit 0 (got $status: $(cat stderr.txt))" test "$status" -eq 0
expect "plot of a fit: nothing on standard error ($(cat stderr.txt))" test ! -s stderr.txt
expect "plot of a fit: says where the charts are" test "$(cat stdout.txt)" = "Charts in fit/"
expect "plot of a fit: the four charts, whole" charts_complete fit $FIT_CHARTS
expect "plot of a fit: no other chart" test "$(charts_in fit | tr '\n' ' ')" = "$FIT_CHARTS "
expect "the deal-size chart is titled" grep -qF '<text>Deal sizes against the fitted lognormal</text>' fit/fit_deal_sizes.svg
expect "the deal-size chart counts the closed opportunities" \
    grep -qF '<text>600 closed opportunities, by amount</text>' fit/fit_deal_sizes.svg
expect "the deal-size chart has amounts on its axis" grep -qF '<text>$10K</text>' fit/fit_deal_sizes.svg
expect "the cycle chart is titled" grep -qF '<text>Sales cycles against the fitted gamma</text>' fit/fit_cycles.svg
expect "the cycle chart says open opportunities are censored" grep -qF 'open ones enter the fit as censored' fit/fit_cycles.svg
expect "the ramp chart is titled" grep -qF '<text>New opportunities per rep-week by tenure</text>' fit/fit_ramp.svg
expect "the ramp chart adds up the opportunities and rep-weeks" \
    grep -qF "<text>155 opportunities over 270 rep-weeks in reps' first 12 months</text>" fit/fit_ramp.svg
expect "the ramp chart shows a month without rep-weeks" grep -qF '<text>(0)</text>' fit/fit_ramp.svg
expect "the win-rate chart is titled" grep -qF '<text>Win rate by quarter</text>' fit/fit_win_rate.svg
# 129 won of 600: 21.5 % (whole sums, which gnuplot would divide as integers).
expect "the win-rate chart adds up the quarters" grep -qF '<text>21.5% of 600 closed opportunities won</text>' fit/fit_win_rate.svg
expect "the win-rate chart names each quarter by its month" grep -qF '<text>Oct 2026</text>' fit/fit_win_rate.svg

# --- without a roster there is no fit-ramp.csv: the ramp chart is left out
case_dir no-roster
cp -r "$SAMPLE" fit
rm fit/fit-ramp.csv
sed -i '/^fit-ramp.csv$/d' fit/.rampsim-manifest
limited plot fit >/dev/null 2>stderr.txt
status=$?
expect "plot of a fit without a roster: exit 0 (got $status: $(cat stderr.txt))" test "$status" -eq 0
expect "plot of a fit without a roster: a note for the ramp chart ($(cat stderr.txt))" \
    test "$(cat stderr.txt)" = "$(note fit_ramp "the fit had no roster (there is no fit-ramp.csv)")"
expect "plot of a fit without a roster: the other three, whole" charts_complete fit fit_cycles fit_deal_sizes fit_win_rate
expect "plot of a fit without a roster: no ramp chart" test "$(charts_in fit | tr '\n' ' ')" = \
    "fit_cycles fit_deal_sizes fit_win_rate "

# a ramp with no rate observed or fitted (no rep-week in any month) has
# nothing to show: a note, and the others drawn
case_dir no-rate
cp -r "$SAMPLE" fit
awk -F, -v OFS=, 'NR == 1 { print; next } { print $1, 0, 0, "", "", "", "" }' "$SAMPLE/fit-ramp.csv" >fit/fit-ramp.csv
limited plot fit >/dev/null 2>stderr.txt
status=$?
expect "plot of a fit with no ramp rate: exit 0 (got $status: $(cat stderr.txt))" test "$status" -eq 0
expect "plot of a fit with no ramp rate: a note for the ramp chart ($(cat stderr.txt))" \
    test "$(cat stderr.txt)" = "$(note fit_ramp "fit-ramp.csv has no observed or fitted rate")"
expect "plot of a fit with no ramp rate: the other three" test "$(charts_in fit | tr '\n' ' ')" = \
    "fit_cycles fit_deal_sizes fit_win_rate "

# --- fit-report.csv makes a directory a fit's as well; a file with a header
# and no row is a note
case_dir report
cp -r "$SAMPLE" fit
rm fit/fit-deal-sizes.csv
printf 'figure,observed,simulated\n' >fit/fit-report.csv
head -1 "$SAMPLE/fit-cycles.csv" >fit/fit-cycles.csv
echo fit-report.csv >>fit/.rampsim-manifest
limited plot fit >/dev/null 2>stderr.txt
status=$?
expect "plot of a fit with fit-report.csv: exit 0 (got $status: $(cat stderr.txt))" test "$status" -eq 0
expect "plot of a fit with fit-report.csv: notes for the missing and the empty ($(cat stderr.txt))" \
    test "$(cat stderr.txt)" = "$(note fit_deal_sizes "there is no fit-deal-sizes.csv")
$(note fit_cycles "fit-cycles.csv has no observed or fitted count")"
expect "plot of a fit with fit-report.csv: the ramp and win-rate charts" \
    test "$(charts_in fit | tr '\n' ' ')" = "fit_ramp fit_win_rate "
# a fit with none of the charts' files has nothing to draw: refused
rm -f fit/fit-*.csv fit/*.png fit/*.svg
printf 'figure,observed,simulated\n' >fit/fit-report.csv
limited plot fit >/dev/null 2>stderr.txt
status=$?
expect "plot of a fit without chart data: exit 2 (got $status)" test "$status" -eq 2
expect "plot of a fit without chart data: says so ($(cat stderr.txt))" test "$(cat stderr.txt)" = \
    "rampsim: fit is not a rampsim fit directory (it has none of fit-deal-sizes.csv, fit-cycles.csv, fit-ramp.csv and fit-win-rate.csv)"

# --- malformed files: exit 2, the file and what is wrong, before gnuplot
# reads any (the charts drawn earlier as they were, no part left)
case_dir malformed
cp -r "$SAMPLE" before
limited plot before >/dev/null 2>&1
# refused FILE SED-SCRIPT MESSAGE: the sample with FILE edited by sed is refused
refused() {
    local file=$1 edit=$2 message=$3
    rm -rf fit && cp -r before fit
    sed -i "$edit" "fit/$file"
    limited plot fit >/dev/null 2>stderr.txt
    local status=$?
    expect "$file ($edit): exit 2 (got $status)" test "$status" -eq 2
    expect "$file ($edit): says '$message' ($(cat stderr.txt))" test "$(cat stderr.txt)" = "rampsim: $message"
    expect "$file ($edit): the charts as they were, no part" diff -r -x "$file" before fit
}
refused fit-cycles.csv '1s/,fitted$/,fited/' \
    "fit is not a complete rampsim result directory (fit-cycles.csv has no column fitted)"
refused fit-cycles.csv '7s/^6,31,/6,abc,/' "fit/fit-cycles.csv:7: observed must be a number, got abc"
refused fit-cycles.csv '3s/^2,/,/' "fit/fit-cycles.csv:3: weeks is empty"
refused fit-deal-sizes.csv '2s/^[0-9.]*,/0,/' \
    "fit/fit-deal-sizes.csv:2: bin_low must be above 0 (it is drawn on a logarithmic axis), got 0"
refused fit-ramp.csv '4s/,0.467094$/,-0.467094/' "fit/fit-ramp.csv:4: fitted_rate must be 0 or more, got -0.467094"
refused fit-ramp.csv '5s/,0.661995$/,0.66 per week/' "fit/fit-ramp.csv:5: fitted_rate must be a number, got 0.66 per week"
refused fit-win-rate.csv '9s/,2026-10-05,/,2026-10-32,/' \
    "fit/fit-win-rate.csv:9: start_date must be a date (YYYY-MM-DD), got 2026-10-32"
refused fit-win-rate.csv '1,$d' "fit/fit-win-rate.csv is empty or cannot be read"

# a file that is not a regular one: refused at once, before any is read
for kind in FIFO "symbolic link"; do
    rm -rf fit && cp -r before fit && rm fit/fit-win-rate.csv
    if [ "$kind" = FIFO ]; then mkfifo fit/fit-win-rate.csv; else ln -s /dev/zero fit/fit-win-rate.csv; fi
    timeout -k 2 10 "$RAMPSIM" plot fit >/dev/null 2>stderr.txt
    status=$?
    expect "plot with fit-win-rate.csv a $kind: exit 2 at once (got $status; 124 or 137 is a hang)" test "$status" -eq 2
    expect "plot with fit-win-rate.csv a $kind: says so ($(cat stderr.txt))" \
        test "$(cat stderr.txt)" = "rampsim: fit/fit-win-rate.csv is a $kind, not a regular file"
    expect "plot with fit-win-rate.csv a $kind: the charts as they were" diff -r -x fit-win-rate.csv before fit
done

# --- a fit directory of any name is drawn, and nothing in it is run
case_dir names
for name in $'q\'"`$;\nx' "\`touch PWNED\`" "\";system(\"touch PWNED\");\""; do
    rm -rf "$name" && cp -r "$SAMPLE" "$name"
    limited plot "$name" >/dev/null 2>stderr.txt
    status=$?
    expect "plot of a fit named $(printf %q "$name"): exit 0 (got $status: $(cat stderr.txt))" test "$status" -eq 0
    expect "plot of a fit named $(printf %q "$name"): the charts, whole" charts_complete "$name" $FIT_CHARTS
done
expect "no name was run as a command" test -z "$(find "$WORK" -name PWNED)"

# --- SIGTERM while gnuplot blocks: rampsim ends promptly, gnuplot with it,
# and the fit's charts stay as they were
case_dir blocking
cp -r "$SAMPLE" fit
limited plot fit >/dev/null 2>&1
stopped_while_gnuplot_blocks fit

summary
