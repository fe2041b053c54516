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
