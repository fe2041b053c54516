#!/usr/bin/env bash
# test_plot.sh: the charts. Whatever a result directory is called, gnuplot
# reads none of its name as commands; a chart gnuplot could not write whole
# fails; a chart with nothing to show is left out with a note; and a file
# that is not a regular one is refused before anything reads it. Every
# command that could hang runs under timeout. Usage:
#   test_plot.sh RAMPSIM SOURCE_DIR
set -u
RAMPSIM=$1
SRC=$2
SMALL=$SRC/tests/data/small.ini
if ! command -v gnuplot >/dev/null; then
    echo "gnuplot not found: the chart tests are skipped"
    exit 0
fi
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK" || exit 1
. "$SRC/tests/expect.sh"

# rampsim under a time limit: a hang ends in SIGTERM, then SIGKILL, sent to
# the whole process group (gnuplot included), and shows as exit 124 or 137
limited() {
    timeout -k 2 60 "$RAMPSIM" "$@"
}

# complete CHART-FILE: a PNG ends with its IEND chunk, an SVG with </svg>
complete() {
    case $1 in
    *.png) test "$(tail -c 12 "$1" | od -An -tx1 | tr -d ' \n')" = 0000000049454e44ae426082 ;;
    *.svg) tail -c 64 "$1" | tr -d ' \n\t\r' | grep -q '</svg>$' ;;
    esac
}

# charts_complete DIR CHART...: each chart there, as PNG and SVG, complete
charts_complete() {
    local dir=$1 chart format
    shift
    for chart in "$@"; do
        for format in png svg; do
            complete "$dir/$chart.$format" || return 1
        done
    done
}
RUN_CHARTS="fan attainment ramp quarters manager"

# --- result directories of any name: every control byte, quotes, the
# characters gnuplot treats specially, and a name that is a script of its
# own. Each is drawn by run --plot and again by plot, whole, and nothing in
# any name is run.
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

# a link planted where gnuplot's output goes is not written through
limited run "$SMALL" -n 8 -q --plot -o planted
ln -s "$WORK/victim" planted/.fan.png.part
limited plot planted >/dev/null 2>stderr.txt
expect "a link as a chart's part: nothing written through it" test ! -e victim

# --- a chart gnuplot could not write whole: gnuplot exits 0 all the same.
# A file-size limit stands in for a full disk: rampsim ignores SIGXFSZ, and
# so does gnuplot, which inherits that, so its writes fail with EFBIG. The
# limit (40 KiB) lets the CSV files through and stops the first chart.
no_parts() { ! ls -A "$1" | grep -q '\.part$'; }
cut_short='^rampsim: the fan chart \(fan\.png\) was not written completely: it ends after [0-9]+ bytes, before the IEND chunk; is the disk full\?'
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

echo "$passed passed, $failed failed"
exit $((failed > 0))
