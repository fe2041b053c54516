#!/usr/bin/env bash
# mutate.sh: the mutation check. Applies each small change to the source
# listed in a mutation list (tests/mutations.txt) to a copy of the source
# tree, one at a time, builds the copy incrementally, runs the fast tests
# and reports every mutant they do not kill. Run by hand (it takes about
# twelve minutes on two cores; docs/testing.md):
#
#   tests/mutate.sh [-c] [-l LIST] [-j JOBS] [-k] [ID...]
#
#   -c       check only that every mutation applies (no build, a second)
#   -l LIST  the mutation list (default: tests/mutations.txt beside this script)
#   -j JOBS  parallel build and test jobs (default: the online cores)
#   -k       keep the temporary copy and print where it is
#   ID...    only these mutations (default: all of them)
#
# The fast tests are the cmocka unit-test programs, CTest label "unit"
# (`ctest -L unit`): every module's tests, well under a minute in all. The
# shell tests (cli, extremes, faults, outdir, plot, scenarios, install,
# valgrind), claims_hold and the fuzz replays are left out: they take
# minutes and test the binary's behaviour rather than the model's figures.
#
# The list holds one mutation per block, blocks separated by blank lines,
# lines starting with # ignored:
#
#   @ ID: what the mutant changes, in one line
#   file src/model.c
#   - exact original text
#   + its replacement
#   (more - and + pairs: all are applied together)
#   accept why this mutant may survive       (optional)
#
# Each original text must occur exactly once in its file: a text found
# nowhere or more than once is reported as a stale mutation (the list must
# follow the source) and makes the check fail. A mutant is "killed" when a
# fast test fails (a timeout counts), "survived" when all pass, "no build"
# when the copy does not compile. The score is killed / (killed + survived).
# The exit status is 0 when every survivor is accepted and the list is not
# stale, 1 otherwise, 2 on bad usage or when the unmutated copy fails.
#
# The working tree is never written: the mutants live in a copy under a
# temporary directory, removed at exit and on SIGINT, SIGTERM or SIGHUP.
set -u
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/.." && pwd)
list=$here/mutations.txt
jobs=$(nproc 2>/dev/null || echo 2)
keep=0
check_only=0
usage() {
    sed -n '/^#   tests\/mutate.sh/,/^#   ID/p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
}
while getopts "cl:j:kh" opt; do
    case $opt in
    c) check_only=1 ;;
    l) list=$OPTARG ;;
    j) jobs=$OPTARG ;;
    k) keep=1 ;;
    *) usage ;;
    esac
done
shift $((OPTIND - 1))
only=("$@")
[ -r "$list" ] || { echo "mutate.sh: cannot read the mutation list $list" >&2; exit 2; }
command -v perl >/dev/null || { echo "mutate.sh: needs perl" >&2; exit 2; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/rampsim-mutate.XXXXXX")
cleanup() {
    if [ "$keep" = 1 ]; then echo "the copy is kept in $tmp" >&2; else rm -rf "$tmp"; fi
}
trap cleanup EXIT
trap 'echo "mutate.sh: interrupted" >&2; exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

# --- the list, parsed into arrays: one entry a mutation
ids=() descs=() files=() accepts=() edits=() # edits: file of "-orig\n+repl" lines
parse_error() { echo "mutate.sh: $list:$1: $2" >&2; exit 2; }
n=-1
lineno=0
while IFS= read -r line || [ -n "$line" ]; do
    lineno=$((lineno + 1))
    case $line in
    '#'* | '') continue ;;
    '@ '*)
        n=$((n + 1))
        rest=${line#@ }
        ids[n]=${rest%%:*}
        descs[n]=$(sed 's/^ *//' <<<"${rest#*:}")
        files[n]=""
        accepts[n]=""
        edits[n]=$tmp/edit-$n
        : >"${edits[n]}"
        ;;
    'file '*) [ "$n" -ge 0 ] || parse_error $lineno "file before any @ line"; files[n]=${line#file } ;;
    'accept '*) [ "$n" -ge 0 ] || parse_error $lineno "accept before any @ line"; accepts[n]=${line#accept } ;;
    '- '* | '+ '*)
        [ "$n" -ge 0 ] || parse_error $lineno "an edit before any @ line"
        printf '%s\n' "${line:0:1}${line:2}" >>"${edits[n]}"
        ;;
    *) parse_error $lineno "expected @, file, -, + or accept, got: $line" ;;
    esac
done <"$list"
[ "$n" -ge 0 ] || parse_error "$lineno" "no mutation in the list"

# apply FILE EDITS: applies every - / + pair of EDITS to FILE in place;
# exit 3 (and a message) when an original is not found exactly once
apply() {
    perl -e '
        my ($file, $edits) = @ARGV;
        open my $f, "<", $file or die "cannot read $file: $!\n";
        local $/; my $text = <$f>; close $f;
        open my $e, "<", $edits or die; my @lines = split /\n/, <$e>; close $e;
        for (my $i = 0; $i < @lines; $i += 2) {
            my ($orig, $repl) = ($lines[$i], $lines[$i + 1] // "");
            die "an edit without its + line\n" unless $orig =~ s/^-// and $repl =~ s/^\+//;
            my ($count, $at) = (0, -1);
            for (my $p = index($text, $orig); $p >= 0; $p = index($text, $orig, $p + 1)) { $count++; $at = $p; }
            if ($count != 1) { print STDERR "found $count times: $orig\n"; exit 3; }
            substr($text, $at, length $orig) = $repl;
        }
        open $f, ">", $file or die "cannot write $file: $!\n"; print $f $text; close $f;
    ' "$@"
}

# --- the copy: the source tree as it is on disk, without build trees or .git
copy=$tmp/src
mkdir "$copy"
tar -C "$src" --exclude=./.git --exclude='./build*' -cf - . | tar -C "$copy" -xf -
build=$copy/build
log=$tmp/log
if [ "$check_only" = 1 ]; then
    bad=0
    for i in $(seq 0 "$n"); do
        if [ ! -f "$copy/${files[i]}" ]; then
            echo "${ids[i]}: no file ${files[i]:-given}"
            bad=$((bad + 1))
        elif ! cp "$copy/${files[i]}" "$tmp/scratch" || ! why=$(apply "$tmp/scratch" "${edits[i]}" 2>&1); then
            echo "${ids[i]}: stale: $why"
            bad=$((bad + 1))
        fi
    done
    echo "$((n + 1)) mutations, $bad stale"
    exit $((bad > 0))
fi
echo "configuring and building the unmutated copy in $tmp ..."
# without link-time optimisation: the unit tests do not use it, and it
# makes every rebuild several times slower
if ! cmake -S "$copy" -B "$build" -DCMAKE_BUILD_TYPE=Release -DRAMPSIM_LTO=OFF >"$log" 2>&1 ||
    ! cmake --build "$build" -j "$jobs" >>"$log" 2>&1; then
    cat "$log" >&2
    echo "mutate.sh: the unmutated copy does not build" >&2
    exit 2
fi
# only the fast tests' programs are rebuilt for each mutant, not the binary
targets=$(cd "$build" && ctest -L unit -N -V | sed -n 's|.*Test command: \([^ ]*\).*|\1|p' | xargs -n1 basename | sort -u)
[ -n "$targets" ] || { echo "mutate.sh: no test has the label unit" >&2; exit 2; }
rebuild() { # rebuild: the fast tests' programs, incrementally
    # shellcheck disable=SC2086 # one word a target
    cmake --build "$build" -j "$jobs" --target $targets >"$log" 2>&1
}
fast_tests() { # fast_tests: the unit tests of the copy; their failures on stdout
    (cd "$build" && ctest -L unit -j "$jobs" --timeout 120 --stop-on-failure 2>&1) >"$log"
    local status=$?
    grep -oE '[0-9]+ - [a-z_]+ \((Failed|Timeout|SEGFAULT|Subprocess aborted|Child aborted|Exception)[^)]*\)' "$log" |
        sed -E 's/^[0-9]+ - //' | tr '\n' ' '
    return $status
}
start=$(date +%s)
if ! failures=$(fast_tests); then
    echo "mutate.sh: the fast tests fail without any mutation: $failures" >&2
    exit 2
fi
echo "the fast tests pass unmutated in $(($(date +%s) - start)) s"

selected() { # selected ID: whether ID is to be run
    [ ${#only[@]} -eq 0 ] && return 0
    local id
    for id in "${only[@]}"; do [ "$id" = "$1" ] && return 0; done
    return 1
}

killed=0 survived=0 unbuilt=0 stale=0 unaccepted=0
results=$tmp/results
: >"$results"
total=$((n + 1))
for i in $(seq 0 "$n"); do
    id=${ids[i]} file=${files[i]}
    selected "$id" || continue
    target=$copy/$file
    if [ -z "$file" ] || [ ! -f "$target" ]; then
        result="stale" detail="no file ${file:-given}"
        stale=$((stale + 1))
    else
        cp "$target" "$tmp/pristine"
        if ! why=$(apply "$target" "${edits[i]}" 2>&1); then
            result="stale" detail=$why
            stale=$((stale + 1))
        elif ! rebuild; then
            result="no build" detail=""
            unbuilt=$((unbuilt + 1))
        elif failures=$(fast_tests); then
            result="SURVIVED" detail=""
            survived=$((survived + 1))
            if [ -n "${accepts[i]}" ]; then
                result="survived" detail="accepted: ${accepts[i]}"
            else
                unaccepted=$((unaccepted + 1))
            fi
        else
            result="killed" detail="by ${failures:-a failing test}"
            killed=$((killed + 1))
            [ -n "${accepts[i]}" ] && detail+=" (listed as accepted: the accept line can go)"
        fi
        # restore with a fresh time stamp, so that the next build recompiles it
        cat "$tmp/pristine" >"$target"
        touch "$target"
    fi
    printf '%-28s %-18s %-9s %s\n' "$id" "${file#src/}" "$result" "$detail" | tee -a "$results"
    printf '%28s %s\n' "" "${descs[i]}" >>"$results"
done

echo
echo "=== mutation check: $(basename "$list"), $total mutations listed, $(($(date +%s) - start)) s"
printf '%-28s %-18s %-9s %s\n' "mutation" "file" "result" "detail"
cat "$results"
echo
scored=$((killed + survived))
if [ "$scored" -gt 0 ]; then
    score=$(awk -v k="$killed" -v s="$scored" 'BEGIN { printf "%.1f", 100 * k / s }')
else
    score="n/a"
fi
echo "killed $killed, survived $survived ($((survived - unaccepted)) accepted), did not build $unbuilt, stale $stale"
echo "score: killed / (killed + survived) = $killed / $scored = $score %"
if [ "$unaccepted" -gt 0 ] || [ "$stale" -gt 0 ]; then
    [ "$unaccepted" -gt 0 ] && echo "FAIL: $unaccepted mutant(s) survived that are not accepted"
    [ "$stale" -gt 0 ] && echo "FAIL: $stale mutation(s) no longer match the source: update $list"
    exit 1
fi
exit 0
