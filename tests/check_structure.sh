#!/usr/bin/env bash
# check_structure.sh SOURCE_DIR: the limits docs/architecture.md sets on the
# code's shape, checked on every build of the suite:
#   - no source file over 500 lines, no function in src/ over 60 lines;
#   - the #include edges between modules (x.c and x.h are one module) form
#     no cycle, and no public header (include/rampsim/) includes a private
#     one, and nothing outside src/cli/ includes the command line's headers;
#   - no test compares doubles with cmocka's assert_float_equal (it casts
#     to float).
# Prints each include edge with --edges. Exit 1 on any breach, listing all.
set -uo pipefail
root=${1:?usage: check_structure.sh SOURCE_DIR [--edges]}
cd "$root" || exit 2
failures=0
breach() { echo "structure: $*"; failures=$((failures + 1)); }

max_file_lines=500
max_function_lines=60
sources=$(find src include -name '*.[ch]' | sort)

for f in $sources; do
    n=$(wc -l < "$f")
    [ "$n" -le "$max_file_lines" ] || breach "$f has $n lines (at most $max_file_lines)"
done

# A function's body runs from a '{' in column 0 to the next '}' in column 0
# (the project's style: see any src/*.c). The name is the last line before
# the '{' that starts in column 0 with an identifier.
long_functions=$(for f in $(find src -name '*.c' | sort); do
    awk -v limit="$max_function_lines" -v file="$f" '
        /^[A-Za-z_]/ && !open { head = $0 }
        /^\{/ { open = FNR; next }
        /^\}/ && open {
            body = FNR - open - 1
            if (body > limit) printf "%s:%d: %s has %d lines (at most %d)\n", file, open, head, body, limit
            open = 0
        }' "$f"
done)
while IFS= read -r line; do [ -z "$line" ] || breach "$line"; done <<< "$long_functions"

# Module of a file: its base name without extension, with src/cli/ files
# all one module "cli" (the command line is one layer).
module_of() {
    case $1 in
        src/cli/*|src/cli.[ch]|src/main.c) echo cli ;;
        *) basename "$1" | sed 's/\.[ch]$//' ;;
    esac
}
edges=$(for f in $sources; do
    from=$(module_of "$f")
    grep -o '^#include "[^"]*"' "$f" | sed 's/^#include "//; s/"$//' | while read -r inc; do
        to=$(module_of "$inc")
        case $inc in cli/*) to=cli ;; esac
        [ "$from" = "$to" ] || echo "$from $to"
    done
done | sort -u)
if [ "${2:-}" = "--edges" ]; then echo "$edges"; fi
if ! cycle=$(echo "$edges" | tsort 2>&1 > /dev/null); then
    breach "the modules include each other in a cycle: $(echo "$cycle" | tr '\n' ' ')"
fi

upward=$(for h in include/rampsim/*.h; do
    grep -o '^#include "[^"]*"' "$h" | sed 's/^#include "//; s/"$//' | while read -r inc; do
        case $inc in rampsim/*) ;; *) echo "$h includes the private header $inc" ;; esac
    done
done)
while IFS= read -r line; do [ -z "$line" ] || breach "$line"; done <<< "$upward"

for f in $(find src -name '*.[ch]' -not -path 'src/cli/*' -not -name main.c | sort); do
    if grep -q '^#include "\(cli/\|cli\.h\)' "$f"; then breach "$f (a library module) includes the command line's headers"; fi
done

if grep -n 'assert_float_equal(' tests/*.c > /dev/null; then
    breach "tests use assert_float_equal, which compares doubles as floats: $(grep -ln 'assert_float_equal(' tests/*.c | tr '\n' ' ')"
fi

if [ "$failures" -gt 0 ]; then
    echo "structure: $failures breaches"
    exit 1
fi
echo "structure: every file within $max_file_lines lines, every function within $max_function_lines, no include cycle"
