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
