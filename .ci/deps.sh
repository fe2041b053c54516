# deps.sh: installs the Debian 12 packages rampsim needs, when missing.
# Sourced by .ci/setup.sh and .ci/test.sh; runs apt-get as root, or through
# sudo when there is one.
RAMPSIM_PACKAGES="gcc make libc6-dev cmake pkg-config libgsl-dev libcmocka-dev libinih-dev
librandom123-dev gnuplot-nox fonts-dejavu-core valgrind"

rampsim_install_deps() {
    local missing=""
    for pkg in $RAMPSIM_PACKAGES; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" ||
            missing="$missing $pkg"
    done
    [ -z "$missing" ] && return 0
    local as_root=""
    if [ "$(id -u)" -ne 0 ]; then
        if command -v sudo >/dev/null; then
            as_root="sudo"
        else
            echo "rampsim: these packages are missing:$missing" >&2
            echo "rampsim: run this script as root (or install sudo) so that it can install them" >&2
            return 1
        fi
    fi
    echo "Installing:$missing"
    $as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
        $as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing \
            >/dev/null
}

# Configures (Release) and builds into build/. The test command sets
# RAMPSIM_WERROR=ON, so a warning fails CI; a user's build only warns.
rampsim_build() {
    cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DRAMPSIM_WERROR="${RAMPSIM_WERROR:-OFF}" >/dev/null &&
        cmake --build build -j "$(nproc)"
}

# Configures and builds into build-sanitize/ with AddressSanitizer and
# UndefinedBehaviorSanitizer (optimised a little: the suite runs its
# statistical tests at full size there too).
rampsim_build_sanitized() {
    cmake -S . -B build-sanitize -DCMAKE_BUILD_TYPE=None -DCMAKE_C_FLAGS=-O1 -DRAMPSIM_SANITIZE=ON \
        -DRAMPSIM_WERROR="${RAMPSIM_WERROR:-OFF}" >/dev/null &&
        cmake --build build-sanitize -j "$(nproc)"
}
