#!/usr/bin/env bash
# test_install.sh BUILD_DIR SOURCE_DIR [sanitized]: `cmake --install` into a
# staging prefix, then run the installed binary as a user would and build a
# program that embeds rampsim through the installed headers and pkg-config
# file alone (tests/install/embed.c).
set -uo pipefail
build=${1:?usage: test_install.sh BUILD_DIR SOURCE_DIR [sanitized]}
src=${2:?usage: test_install.sh BUILD_DIR SOURCE_DIR [sanitized]}
sanitized=${3:-}
. "$src/tests/expect.sh"
use_scratch_dir
stage=$WORK/stage

expect "cmake --install into a staging prefix" cmake --install "$build" --prefix "$stage"
for f in bin/rampsim include/rampsim/engine.h include/rampsim/scenario.h include/rampsim/status.h \
         include/rampsim/version.h share/rampsim/plots/fan.gp; do
    expect "installs $f" test -f "$stage/$f"
done
pc=$(find "$stage" -name rampsim.pc | head -1)
expect "installs rampsim.pc" test -n "$pc"
for private in rng.h samplers.h model.h params.h ramp.h; do
    expect "keeps the private $private uninstalled" test ! -e "$stage/include/rampsim/$private"
done

expect "the installed binary prints its version" bash -c '"$1" --version | grep -q "^rampsim [0-9]"' _ "$stage/bin/rampsim"
expect "the installed binary runs the default scenario" "$stage/bin/rampsim" run "$src/scenarios/default.ini" -n 100 -q -o res
expect "the installed binary wrote summary.csv" test -s res/summary.csv

export PKG_CONFIG_PATH=${pc%/*}
flags=$(pkg-config --cflags --libs --static rampsim)
expect "pkg-config knows rampsim" test -n "$flags"
sanitize=""
[ "$sanitized" = sanitized ] && sanitize="-fsanitize=address,undefined"
# shellcheck disable=SC2086 # flags are words
if ! cc -std=c11 -Wall -Wextra -Wpedantic -Werror $sanitize -o embed "$src/tests/install/embed.c" $flags > cc.log 2>&1; then
    cat cc.log
fi
expect "a program builds on the installed headers and pkg-config alone" test -x embed
expect "the embedding program runs and prints a median" \
    bash -c './embed "$1" | grep -q "200 replications, median first-year attainment [0-9]"' _ "$src/scenarios/default.ini"
echo "install: $passed passed, $failed failed"
exit $((failed > 0))
