# expect.sh: the assertion helper of the shell tests. Source it, then call
# `expect DESCRIPTION COMMAND...` for each check and end with
# `exit $((failed > 0))`.
passed=0
failed=0
expect() {
    local what=$1
    shift
    if "$@" >/dev/null 2>&1; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "FAIL: $what"
    fi
}

# use_scratch_dir: makes a temporary directory and enters it; it is removed
# at exit, after unmounting $MOUNTED when a test mounted something there.
use_scratch_dir() {
    WORK=$(mktemp -d)
    MOUNTED=""
    trap 'if [ -n "$MOUNTED" ]; then umount "$MOUNTED" 2>/dev/null; fi; rm -rf "$WORK"' EXIT
    cd "$WORK" || exit 1
}

# expect_shown DESCRIPTION COMMAND...: as expect, but shows what the
# command printed when it fails
expect_shown() {
    local what=$1 out
    shift
    if out=$("$@" 2>&1); then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "FAIL: $what"
        printf '%s\n' "$out" | head -n 40
    fi
}

# case_dir NAME: a fresh directory of its own for one test case, under the
# scratch directory ($WORK), entered; nothing an earlier case left is there.
# NAME is made of letters, digits, '.', '_' and '-'.
case_dir() {
    cd "$WORK" || exit 1
    mkdir -p cases
    CASE=$(mktemp -d "cases/$1.XXXX") || exit 1
    cd "$CASE" || exit 1
}

# wait_until SECONDS COMMAND...: polls COMMAND (every 10 ms) until it
# succeeds, at most SECONDS; returns 1 if it never did. For a condition
# only, never as a fixed delay.
wait_until() {
    local deadline=$((SECONDS + $1))
    shift
    until "$@"; do
        [ "$SECONDS" -le "$deadline" ] || return 1
        sleep 0.01
    done
}

# catches_interrupts PID: the process has its handlers for SIGHUP, SIGINT
# and SIGTERM in place (the SigCgt mask of /proc/PID/status), so a signal
# sent now is one it handles, not one that kills it unannounced.
catches_interrupts() {
    local mask
    mask=$(sed -n 's/^SigCgt:[[:space:]]*//p' "/proc/$1/status" 2>/dev/null) || return 1
    [ -n "$mask" ] && [ $((16#$mask & 0x4003)) -eq $((0x4003)) ]
}

# computing PID: the process runs more than one thread, as rampsim's engine
# does while replications run (with --threads 2 or more)
computing() {
    local threads
    threads=$(sed -n 's/^Threads:[[:space:]]*//p' "/proc/$1/status" 2>/dev/null)
    [ -n "$threads" ] && [ "$threads" -gt 1 ]
}

# under_way PID: rampsim catches the interrupting signals and its
# replications are running
under_way() { catches_interrupts "$1" && computing "$1"; }

# summary: prints the counts and exits 1 if any check failed
summary() {
    echo "$passed passed, $failed failed"
    exit $((failed > 0))
}
