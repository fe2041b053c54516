#!/usr/bin/env bash
# test_faults.sh: interrupted runs and output locations that cannot take the
# results. In every case rampsim must say what happened, leave no partial
# or temporary directory, and leave an earlier result directory of the
# same name as it was. Each case runs in a directory of its own; a signal
# is sent once rampsim has its handlers in place, never after a fixed
# delay. Usage: test_faults.sh RAMPSIM SOURCE_DIR
set -u
RAMPSIM=$1
SRC=$2
SMALL=$SRC/tests/data/small.ini
. "$SRC/tests/expect.sh"
use_scratch_dir
no_leftovers() { # no_leftovers DIR-NAME [PARENT]: no .NAME.tmp-* or .NAME.old-* beside it
    expect "$1: no temporary directory left" bash -c "! ls -A '${2:-.}' | grep -q '^\.$1\.'"
}
# results to be kept, as every case's earlier/ starts
"$RAMPSIM" run "$SMALL" -n 32 -o "$WORK/pristine" -q
earlier_results() { cp -r "$WORK/pristine" earlier; }

# interrupt WHAT SIGNAL PID: sends SIGNAL to PID once it catches it and
# its replications are running (its engine's threads are), and leaves in
# `status` its exit status and in `took_ms` how long it took to stop after
# the signal
interrupt() {
    local what=$1 signal=$2 pid=$3
    wait_until 60 under_way "$pid"
    expect "$what: the signal comes while replications run" under_way "$pid"
    start=$(date +%s%N)
    kill -"$signal" "$pid"
    wait "$pid"
    status=$?
    took_ms=$((($(date +%s%N) - start) / 1000000))
}

# --- SIGINT (Ctrl-C) and SIGTERM during a long run: prompt, says so, no
# results, the earlier directory unchanged; the exit status is the
# signal's (130, 143), as for any program a signal stops
for signal in INT TERM; do
    for command in run sweep; do
        case_dir "sig$signal-$command"
        earlier_results
        args=("$SMALL" -o earlier -q -n 2000000 --threads 2)
        [ "$command" = sweep ] && args+=(--vary coaching.hours_per_month=1,2,3)
        "$RAMPSIM" "$command" "${args[@]}" 2>stderr.txt &
        interrupt "SIG$signal $command" "$signal" $!
        code=$((128 + $(kill -l "$signal")))
        expect "SIG$signal $command: exit $code (got $status)" test "$status" -eq "$code"
        expect "SIG$signal $command: says so ($(cat stderr.txt))" \
            grep -qF "interrupted by SIG$signal; no results written (earlier/ holds the earlier results, unchanged)" \
            stderr.txt
        # a full run would take minutes; stopping is the next batch away
        expect "SIG$signal $command: stopped within 5 s (took $took_ms ms)" test "$took_ms" -lt 5000
        expect "SIG$signal $command: earlier results unchanged" diff -r "$WORK/pristine" earlier
        no_leftovers earlier
        echo "SIG$signal during $command: exit $status after $took_ms ms"
    done
done
case_dir first-run
"$RAMPSIM" run "$SMALL" -n 2000000 --threads 2 -o fresh -q 2>stderr.txt &
interrupt "SIGINT of a first run" INT $!
expect "SIGINT of a first run: no directory" test ! -e fresh
expect "SIGINT of a first run: says no results written" grep -qxF "rampsim: interrupted by SIGINT; no results written" \
    stderr.txt
no_leftovers fresh

# --- charts of a damaged result directory: nothing half-drawn, the
# earlier charts kept
if command -v gnuplot >/dev/null; then
    case_dir damaged-charts
    "$RAMPSIM" run "$SMALL" -n 32 -o charted --plot -q
    cp -r charted charted-before
    head -c 300 charted-before/weekly.csv >charted/weekly.csv
    cp charted/weekly.csv charted-before/weekly.csv
    "$RAMPSIM" plot charted 2>stderr.txt
    status=$?
    expect "plot of a damaged directory: exit 1 (got $status)" test "$status" -eq 1
    expect "plot of a damaged directory: says which chart ($(cat stderr.txt))" \
        grep -qE "^rampsim: gnuplot failed on the [a-z_]+ chart: [^ ]" stderr.txt
    expect "plot of a damaged directory: earlier charts kept, no parts left" diff -r charted-before charted

    # a signal while charts are drawn: the earlier ones stay (same files)
    case_dir plot-interrupted
    "$RAMPSIM" run "$SMALL" -n 32 -o charted --plot -q
    ls -i charted | sort >inodes-before
    "$RAMPSIM" plot charted 2>stderr.txt &
    pid=$!
    # signal once the first of ten chart files is being drawn; by the time
    # the signal goes that chart may be done and the next not begun (no
    # part file between two), so what must hold then is that the plot is
    # still running
    drawing() { ls -A charted | grep -q '\.part$'; }
    wait_until 30 drawing
    expect "SIGTERM during plot: the plot was still drawing when the signal came" kill -0 "$pid"
    kill -TERM "$pid"
    wait "$pid"
    status=$?
    ls -i charted | sort >inodes-after
    expect "SIGTERM during plot: exit 143 (got $status)" test "$status" -eq 143
    expect "SIGTERM during plot: says so ($(cat stderr.txt))" \
        grep -qxF "rampsim: interrupted by SIGTERM; the charts of charted are as they were" stderr.txt
    expect "SIGTERM during plot: the same chart files, no parts" diff inodes-before inodes-after

    # a part left by a plot killed outright (SIGKILL) does not make the
    # directory look foreign to the next run, which replaces it
    case_dir leftover-part
    "$RAMPSIM" run "$SMALL" -n 32 -o charted --plot -q
    touch charted/.fan.png.part
    "$RAMPSIM" run "$SMALL" -n 32 -o charted -q 2>stderr.txt
    expect "a leftover chart part: the next run replaces the directory ($(cat stderr.txt))" \
        test ! -e charted/.fan.png.part -a -s charted/summary.csv
fi

# --- an output location under a regular file
case_dir under-a-file
touch plain-file
"$RAMPSIM" run "$SMALL" -n 32 -o plain-file/out -q 2>stderr.txt
status=$?
expect "output under a file: exit 1 (got $status)" test "$status" -eq 1
expect "output under a file: says why ($(cat stderr.txt))" \
    grep -qxF "rampsim: cannot write in plain-file: Not a directory" stderr.txt

# --- a read-only location and a full disk: a read-only and a small tmpfs
# when this user may mount them; otherwise the closest honest stand-ins, a
# directory without write permission (not for root, who ignores it) and a
# file-size limit (ulimit -f), under which a write fails with EFBIG as a
# full disk fails with ENOSPC
case_dir full-and-read-only
earlier_results
mkdir mnt
if [ "$(id -u)" -eq 0 ] && mount -t tmpfs -o size=52k tmpfs mnt 2>/dev/null; then
    MOUNTED=$PWD/mnt
    full_method="a 52 KiB tmpfs"
    out=mnt/earlier
    # a one-week run (36 KiB: nine files of a page) fits; a second run beside it does not
    "$RAMPSIM" run "$SMALL" -n 32 --set run.horizon_weeks=1 -o $out -q
    cp -r $out pristine-full
    "$RAMPSIM" run "$SMALL" -n 32 -o $out -q 2>stderr.txt
    status=$?
    expected="No space left on device"
    expect "full disk: earlier results unchanged" diff -r pristine-full $out
    umount mnt && MOUNTED=""
    if mount -t tmpfs -o size=1m,ro tmpfs mnt 2>/dev/null; then
        MOUNTED=$PWD/mnt
        ro_method="a read-only tmpfs"
        "$RAMPSIM" run "$SMALL" -n 32 -o mnt/out -q 2>ro.txt
        ro_status=$?
        umount mnt && MOUNTED=""
    fi
else
    full_method="a file-size limit (ulimit -f 8)"
    out=earlier
    (trap '' XFSZ; ulimit -f 8; exec "$RAMPSIM" run "$SMALL" -n 32 -o $out -q) 2>stderr.txt
    status=$?
    expected="File too large"
    expect "full disk: earlier results unchanged" diff -r "$WORK/pristine" $out
    no_leftovers earlier
    if [ "$(id -u)" -ne 0 ]; then
        ro_method="a directory without write permission"
        chmod 555 mnt
        "$RAMPSIM" run "$SMALL" -n 32 -o mnt/out -q 2>ro.txt
        ro_status=$?
        chmod 755 mnt
    fi
fi
echo "full disk tested with $full_method: $(cat stderr.txt)"
expect "full disk: exit 1 (got $status)" test "$status" -eq 1
expect "full disk: names the file and the cause" grep -qxE "rampsim: cannot write $out/[a-z_]+\.(csv|ini): $expected" \
    stderr.txt
if [ -n "${ro_method:-}" ]; then
    echo "read-only location tested with $ro_method: $(cat ro.txt)"
    expect "read-only: exit 1 (got $ro_status)" test "$ro_status" -eq 1
    expect "read-only: says why" grep -qE "^rampsim: cannot (create directory|write in) mnt(/out)?: (Read-only file system|Permission denied)$" ro.txt
else
    echo "read-only location: not tested (root without permission to mount)"
fi

summary
