#!/usr/bin/env bash
# test_outdir.sh: what -o may replace and how. A result directory is
# rampsim's only when its manifest lists everything in it; a link is never
# followed; concurrent runs, signals, a file-size limit and a directory that
# cannot be renamed each end with the results published whole or not at
# all, and no hidden .NAME.tmp-* or .NAME.old-* left; a refused command
# creates nothing. Each group of cases runs in a directory of its own, and
# concurrent commands are lined up by what they are doing, never by a
# delay. Usage: test_outdir.sh RAMPSIM SOURCE_DIR [sanitized]
set -u
RAMPSIM=$1
SRC=$2
SANITIZED=${3:-}
SMALL=$SRC/tests/data/small.ini
. "$SRC/tests/expect.sh"
use_scratch_dir
umask 022
run() { "$RAMPSIM" run "$SMALL" -n 32 -q "$@"; }
no_leftovers() { # no_leftovers [PARENT]: no hidden temporary or old directory
    expect "no .*.tmp-* or .*.old-* left in ${1:-.} ($(ls -A "${1:-.}" | grep '^\.' | tr '\n' ' '))" \
        bash -c "! ls -A '${1:-.}' | grep -qE '^\..*\.(tmp|old)-'"
}
# the names a result directory holds, its manifest aside, against the list
# in its manifest: both sorted
listed_matches() {
    diff <(ls -A "$1" | grep -vxF .rampsim-manifest | sort) <(grep -v '^#' "$1/.rampsim-manifest" | sort)
}
refused() { # refused WHAT MESSAGE: exit 2 and exactly MESSAGE on stderr
    expect "$1: exit 2 (got $status)" test "$status" -eq 2
    expect "$1: says why ($(cat stderr.txt))" grep -qxF "$2" stderr.txt
}

# --- every result directory carries its manifest, listing exactly its files
case_dir manifest
run -o first
expect "a run writes a manifest" test -f first/.rampsim-manifest
expect "the manifest names the version" grep -qE '^# rampsim [0-9]+\.[0-9]+\.[0-9]+ wrote this directory' \
    first/.rampsim-manifest
expect "the manifest lists exactly what the run wrote" listed_matches first
expect "results are as readable as any new directory (umask 022)" test "$(stat -c %a first)" = 755
"$RAMPSIM" compare "$SMALL" "$SMALL" -n 32 -q -o compared >/dev/null
expect "compare's manifest lists its scenario files too" listed_matches compared
"$RAMPSIM" sweep "$SMALL" -n 32 -q --vary coaching.hours_per_month=1,2 -o swept >/dev/null
expect "sweep's manifest lists its files" listed_matches swept
run -o first
expect "a run replaces its own earlier results" listed_matches first
mkdir empty
run -o empty
status=$?
expect "an empty directory is replaced (exit $status)" test "$status" -eq 0 -a -f empty/summary.csv
run -o deep/new/parents
expect "missing parents are made" test -f deep/new/parents/summary.csv
no_leftovers

# --- directories rampsim did not write, or not wholly: refused, untouched
case_dir foreign
run -o mine
cp -r mine mine-before
echo "[team]" >mine/scenario-handwritten.ini
run -o mine 2>stderr.txt
status=$?
refused "a user's file named like a result" \
    "rampsim: mine holds scenario-handwritten.ini, which rampsim did not write; choose another -o"
expect "a user's file named like a result: kept" test -s mine/scenario-handwritten.ini
rm mine/scenario-handwritten.ini
expect "a user's file named like a result: the results untouched" diff -r mine-before mine
rm mine/summary.csv
mkdir mine/summary.csv
touch mine/summary.csv/mine.txt
run -o mine 2>stderr.txt
status=$?
refused "a directory where the manifest lists a file" \
    "rampsim: mine holds summary.csv, which is a directory where rampsim wrote a file; choose another -o"
expect "a directory where the manifest lists a file: its content kept" test -f mine/summary.csv/mine.txt
mkdir handmade && cp mine-before/*.csv handmade/
run -o handmade 2>stderr.txt
status=$?
expect "result files without a manifest: refused, exit 2 (got $status)" test "$status" -eq 2
expect "result files without a manifest: says why ($(cat stderr.txt))" \
    grep -qE "^rampsim: handmade was not written by rampsim \(it has no \.rampsim-manifest, as results from before manifests have none either\) and holds [a-z]+\.csv; choose another -o$" stderr.txt
expect "result files without a manifest: kept" test "$(ls handmade | wc -l)" -eq 7
cp -r mine-before damaged
echo "../../etc/passwd" >>damaged/.rampsim-manifest
run -o damaged 2>stderr.txt
status=$?
refused "a manifest naming a path" \
    "rampsim: damaged has a damaged .rampsim-manifest (line 12 is not a file name); choose another -o"
expect "a manifest naming a path: nothing removed" diff <(ls mine-before) <(ls damaged)

cp -r mine-before reserved
rm reserved/.rampsim-manifest.part 2>/dev/null
mkdir reserved/.rampsim-manifest.part && touch reserved/.rampsim-manifest.part/mine.txt
run -o reserved 2>stderr.txt
status=$?
refused "a directory where rampsim keeps its manifest" \
    "rampsim: reserved holds .rampsim-manifest.part, which is a directory where rampsim keeps its manifest; choose another -o"
expect "a directory where rampsim keeps its manifest: kept" test -f reserved/.rampsim-manifest.part/mine.txt
cp -r mine-before long
seq -f 'f%g.csv' 1 5000 >>long/.rampsim-manifest
run -o long 2>stderr.txt
status=$?
refused "a manifest longer than any rampsim writes" \
    "rampsim: long has a damaged .rampsim-manifest (it lists more than 4096 files); choose another -o"
run -o mine-before/inside 2>stderr.txt
status=$?
refused "an output inside a result directory" \
    "rampsim: mine-before is a rampsim result directory: results go beside it, not inside it; choose another -o"
expect "an output inside a result directory: nothing made there" test ! -e mine-before/inside
run -o "$(printf 'n%.0s' $(seq 201))" 2>stderr.txt
status=$?
refused "a last name of 201 characters" \
    "rampsim: the output directory path is too long: at most 3800 characters, the last name at most 200"

# --- a symbolic link is never followed to remove anything
case_dir links
run -o target
cp -r target target-before
ln -s target link
run -o link 2>stderr.txt
status=$?
refused "-o naming a link" \
    "rampsim: link is a symbolic link; rampsim replaces neither a link nor what it points to: name the directory itself, or a new one"
run -o link/ 2>stderr.txt
status=$?
refused "-o naming a link with a trailing slash" \
    "rampsim: link is a symbolic link; rampsim replaces neither a link nor what it points to: name the directory itself, or a new one"
expect "-o LINK: the link is still a link" test -L link
expect "-o LINK: its target untouched" diff -r target-before target
ln -s nowhere dangling
run -o dangling 2>stderr.txt
status=$?
expect "-o naming a dangling link: exit 2, nothing created" test "$status" -eq 2 -a ! -e nowhere
ln -s target-before/summary.csv file-link
run -o file-link 2>stderr.txt
status=$?
expect "-o naming a link to a file: exit 2" test "$status" -eq 2
mkdir real && ln -s real via
run -o via/out
expect "a link among the parents is followed to write" test -f real/out/summary.csv
run -o via/out
expect "and the results under it replaced" listed_matches real/out
no_leftovers

# --- concurrent runs into one -o: each publishes whole, the last one stays
concurrent_runs() { # concurrent_runs WHAT SEED...: one run a seed, all at once into shared/
    local what=$1 pids=() failures=0 seed
    shift
    for seed in "$@"; do
        "$RAMPSIM" run "$SMALL" -n 32 -q --seed "$seed" -o shared 2>"concurrent-$seed.txt" &
        pids+=($!)
    done
    for pid in "${pids[@]}"; do
        wait "$pid" || failures=$((failures + 1))
    done
    expect "$what: every one exits 0 ($failures failed: $(cat concurrent-*.txt))" test "$failures" -eq 0
    expect "$what: the directory is whole" listed_matches shared
    seed=$(sed -n 's/^seed *= *//p' shared/scenario.ini)
    rm -rf alone
    run --seed "$seed" -o alone
    expect "$what: every file from one run (seed $seed)" diff -r alone shared
    no_leftovers
}
case_dir concurrent
concurrent_runs "6 concurrent runs into one -o" 1 2 3 4 5 6
# and with replacements under way: a second round into the existing one
concurrent_runs "4 concurrent replacements" 7 8 9 10

# a plot drawing into the directory while a run replaces it, and a run
# under way when a plot starts: each waits for the other, so both succeed
# and the directory stays replaceable
if command -v gnuplot >/dev/null; then
    case_dir plot-and-run
    run -o drawn --plot
    failures=0
    drawing() { ls -A drawn | grep -q '\.part$'; }
    # the run publishes while the plot draws (a chart's part is there)
    "$RAMPSIM" plot drawn >/dev/null 2>plot.txt &
    pid=$!
    wait_until 30 drawing
    # still at it (a chart's part is gone between two charts, the process is not)
    expect "plot and run into one directory at once: the plot was drawing when the run began" kill -0 "$pid"
    run -o drawn 2>>both.txt || failures=$((failures + 1))
    wait "$pid" || failures=$((failures + 1))
    cat plot.txt >>both.txt
    # the plot starts while the run's replications are running
    "$RAMPSIM" run "$SMALL" -n 4000 --threads 2 -q -o drawn 2>>both.txt &
    pid=$!
    wait_until 30 computing "$pid"
    expect "plot and run into one directory at once: the run was computing when the plot began" computing "$pid"
    "$RAMPSIM" plot drawn >/dev/null 2>>both.txt || failures=$((failures + 1))
    wait "$pid" || failures=$((failures + 1))
    expect "plot and run into one directory at once: all succeed ($(cat both.txt))" test "$failures" -eq 0
    expect "plot and run into one directory at once: it stays whole" listed_matches drawn
    no_leftovers
fi

# --- SIGHUP (a closed terminal) stops a run as SIGINT does: sent once
# rampsim catches it and its replications run
case_dir sighup
run -o earlier
cp -r earlier earlier-before
"$RAMPSIM" run "$SMALL" -n 2000000 --threads 2 -q -o earlier 2>stderr.txt &
pid=$!
wait_until 60 under_way "$pid"
expect "SIGHUP: the signal comes while replications run" under_way "$pid"
kill -HUP "$pid"
wait "$pid"
status=$?
expect "SIGHUP: exit 129 (got $status)" test "$status" -eq 129
expect "SIGHUP: says so ($(cat stderr.txt))" grep -qxF \
    "rampsim: interrupted by SIGHUP; no results written (earlier/ holds the earlier results, unchanged)" stderr.txt
expect "SIGHUP: the earlier results unchanged" diff -r earlier-before earlier
no_leftovers

# --- a file-size limit: SIGXFSZ would kill rampsim mid-write; it is ignored,
# so the write fails with EFBIG, is reported and cleaned up
case_dir file-size-limit
run -o earlier
cp -r earlier earlier-before
(ulimit -f 8; exec "$RAMPSIM" run "$SMALL" -n 32 -q -o earlier) 2>stderr.txt
status=$?
expect "a file-size limit: exit 1 (got $status)" test "$status" -eq 1
expect "a file-size limit: names the file ($(cat stderr.txt))" \
    grep -qxE "rampsim: cannot write earlier/[a-z_]+\.(csv|ini): File too large" stderr.txt
expect "a file-size limit: the earlier results unchanged" diff -r earlier-before earlier
no_leftovers

# --- a directory that cannot be renamed (a mount point, for root; for
# anyone else the test says it did not run)
case_dir busy
run -o earlier-before
mkdir busy
if [ "$(id -u)" -eq 0 ] && mount -t tmpfs -o size=4m tmpfs busy 2>/dev/null; then
    MOUNTED=$PWD/busy
    cp -r earlier-before/. busy/
    run -o busy 2>stderr.txt
    status=$?
    expect "a directory that cannot be renamed: exit 1 (got $status)" test "$status" -eq 1
    expect "a directory that cannot be renamed: says why ($(cat stderr.txt))" \
        grep -qxF "rampsim: cannot replace busy: Device or resource busy" stderr.txt
    expect "a directory that cannot be renamed: its results unchanged" diff -r earlier-before busy
    no_leftovers
    umount busy && MOUNTED=""
else
    echo "a directory that cannot be renamed: not tested (needs root to mount one)"
fi

# --- a refused command creates nothing, not even the parents of -o
nothing_created() { # nothing_created WHAT: exit 2, and no new/ at all
    expect "$1: exit 2 (got $status)" test "$status" -eq 2
    expect "$1: creates nothing ($(ls -A new 2>/dev/null))" test ! -e new
}
case_dir refused
"$RAMPSIM" run "$SMALL" --seed abc -o new/parent/dir -q 2>stderr.txt
status=$?
nothing_created "run with a bad --seed"
"$RAMPSIM" run "$SMALL" --set team.reps=x -o new/parent/dir -q 2>stderr.txt
status=$?
nothing_created "run with a bad --set"
"$RAMPSIM" sweep "$SMALL" --vary coaching.hours_per_month=1,x -o new/parent/dir -q 2>stderr.txt
status=$?
nothing_created "sweep with a bad --vary"
"$RAMPSIM" sweep "$SMALL" --vary team.reps=2,1000 -n 32 -o new/parent/dir -q 2>stderr.txt
status=$?
nothing_created "sweep with a point out of range"
"$RAMPSIM" compare "$SMALL" missing.ini -o new/parent/dir -q 2>stderr.txt
status=$?
nothing_created "compare with a missing scenario"
"$RAMPSIM" tornado "$SMALL" --metric no_such_metric -o new/parent/dir -q 2>stderr.txt
status=$?
nothing_created "tornado with a bad metric"
"$RAMPSIM" calibrate --set no.such=1 -o new/parent/dir 2>stderr.txt >/dev/null
status=$?
nothing_created "calibrate with a bad --set"
if [ "$SANITIZED" != sanitized ]; then
    heavy=(--set pipeline.leads_per_week=1000 --set pipeline.cycle_weeks=260 --set team.reps=500)
    (ulimit -v 1000000; exec "$RAMPSIM" run "$SMALL" "${heavy[@]}" -o new/parent/dir -q) 2>stderr.txt
    status=$?
    nothing_created "a run refused for memory"
else
    echo "a run refused for memory: not run under AddressSanitizer (it needs the address space ulimit -v takes away)"
fi

summary
