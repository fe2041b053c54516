# charts.sh: the helpers of the chart tests (test_plot.sh, test_plot_fit.sh).
# Source it after expect.sh, with RAMPSIM set, then call
# use_chart_scratch_dir.

# use_chart_scratch_dir: makes a temporary directory ($WORK) and enters
# it. A rampsim may run in the background, with gnuplots that block on a
# FIFO no one writes (each adds its pid to $WORK/gnuplot.pid); should any
# be left at exit, it ends before the directory is removed.
use_chart_scratch_dir() {
    WORK=$(mktemp -d)
    trap end_chart_scratch_dir EXIT
    cd "$WORK" || exit 1
}
end_chart_scratch_dir() {
    local pids
    pids="$(jobs -p) $(cat "$WORK/gnuplot.pid" 2>/dev/null)"
    [ -n "${pids// /}" ] && kill -KILL $pids 2>/dev/null
    rm -rf "$WORK"
}

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

# stopped_while_gnuplot_blocks DIR: `rampsim plot DIR` with a gnuplot that
# blocks (one opening a FIFO put in place of a CSV file after the check
# would), then SIGTERM to rampsim alone: it ends promptly, gnuplot with it,
# and the charts of DIR stay as they were. Once a script: the gnuplot and
# its FIFO are made in the case's directory and $WORK.
stopped_while_gnuplot_blocks() {
    local dir=$1 pid status
    cp -r "$dir" "$dir-before"
    mkdir blocking-bin
    mkfifo "$WORK/never-written"
    printf '#!/bin/sh\necho $$ >>"%s/gnuplot.pid"\nexec cat "%s/never-written" >/dev/null\n' "$WORK" "$WORK" \
        >blocking-bin/gnuplot
    chmod +x blocking-bin/gnuplot
    PATH="$PWD/blocking-bin:$PATH" "$RAMPSIM" plot "$dir" >/dev/null 2>stderr.txt &
    pid=$!
    # once a gnuplot has started (and blocks), SIGTERM to rampsim alone
    wait_until 30 test -s "$WORK/gnuplot.pid"
    expect "SIGTERM while gnuplot blocks: a gnuplot was running when the signal came" test -s "$WORK/gnuplot.pid"
    kill -TERM "$pid"
    gone() { ! kill -0 "$1" 2>/dev/null; }
    if wait_until 5 gone "$pid"; then
        wait "$pid"
        status=$?
    else
        kill -KILL "$pid"
        status=hung
    fi
    expect "SIGTERM while gnuplot blocks: exit 143 within 5 s (got $status)" test "$status" = 143
    expect "SIGTERM while gnuplot blocks: says so ($(cat stderr.txt))" \
        grep -qxF "rampsim: interrupted by SIGTERM; the charts of $dir are as they were" stderr.txt
    expect "SIGTERM while gnuplot blocks: gnuplot ended too" \
        bash -c "test -s '$WORK/gnuplot.pid' && for p in \$(cat '$WORK/gnuplot.pid'); do ! kill -0 \$p 2>/dev/null || exit 1; done"
    expect "SIGTERM while gnuplot blocks: the charts as they were, no part" diff -r "$dir-before" "$dir"
}
