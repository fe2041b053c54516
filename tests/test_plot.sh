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

echo "$passed passed, $failed failed"
exit $((failed > 0))
