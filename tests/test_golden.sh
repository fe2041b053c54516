#!/usr/bin/env bash
# test_golden.sh: every command's results, byte for byte, against the
# checksums in tests/golden/results.sha256. Speed work must not move a
# single number: the checksums were written by the build before the weekly
# loop was reorganised (docs/performance.md), and a change that means to
# change results writes them again, on purpose, with --write.
#   test_golden.sh RAMPSIM SOURCE_DIR [--write]
# The set covers deal help (both styles), coaching.focus = behind, rosters,
# growth and start dates, uncertain inputs and research, a CRM export, and
# every command that simulates: run, compare, sweep, tornado, drivers,
# calibrate and fit.
set -u
RAMPSIM=$(realpath "$1") # the test works in a scratch directory
SRC=$(realpath "$2")
MODE=${3:-check}
. "$SRC/tests/expect.sh"
use_scratch_dir
S=$SRC/scenarios
quiet() { "$RAMPSIM" "$@" -q -j 2 >/dev/null 2>&1; }

quiet run "$S/default.ini" -n 300 -o run-default
quiet run "$S/my-team.ini" -n 200 -o run-my-team
quiet run "$S/make-my-number-take-over.ini" -n 200 -o run-take-over
quiet run "$S/make-my-number-coach.ini" -n 200 -o run-coach
quiet run "$S/four-ways-goran.ini" -n 200 -o run-behind
quiet run "$S/coaching-quality.ini" -n 200 -o run-quality
quiet run "$S/new-hire-cohort.ini" -n 200 -o run-cohort
quiet run "$S/span-of-control.ini" -n 100 -o run-span
quiet run "$S/seed-p2-everything.ini" -n 200 -o run-everything
quiet run "$S/uncertain-research.ini" -n 320 -o run-research
quiet run "$S/reference.ini" -n 200 --set team.reps=50 -o run-fifty
quiet run "$S/fit-example.ini" -n 20 -o run-export --export-crm crm --export-crm-replications 3
quiet compare "$S/reference.ini" "$S/seed-c1-coaching.ini" -n 200 -o compare
quiet sweep "$S/default.ini" --vary coaching.hours_per_month=0:4:1 -n 200 -o sweep
quiet tornado "$S/default.ini" -n 100 -o tornado
quiet drivers "$S/make-my-number-coach.ini" --set effects.uncertainty=research -n 320 -o drivers
quiet calibrate -o calibrate
"$RAMPSIM" fit crm/replication-1/opportunities.csv --roster crm/replication-1/roster.csv -n 40 -o fit -q >/dev/null 2>&1
# every CSV written, and the fitted scenario; scenario.ini and the
# manifests name this run's paths
find . -name '*.csv' -o -name fitted.ini | LC_ALL=C sort | xargs sha256sum >results.sha256

GOLDEN=$SRC/tests/golden/results.sha256
if [ "$MODE" = --write ]; then
    mkdir -p "$(dirname "$GOLDEN")"
    cp results.sha256 "$GOLDEN"
    echo "wrote $(wc -l <"$GOLDEN") checksums to $GOLDEN"
    exit 0
fi
expect "the set wrote as many files as the checksums list ($(wc -l <"$GOLDEN"))" \
    test "$(wc -l <results.sha256)" -eq "$(wc -l <"$GOLDEN")"
while read -r sum path; do
    expect "$path is byte-identical to the golden results" \
        grep -qx "$sum  $path" results.sha256
done <"$GOLDEN"
summary
