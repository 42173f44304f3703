#!/usr/bin/env bash
# Smoke test of the Linux installers: builds the app-image and the .deb (installers/build.sh), then, through the
# installed launcher only (no Maven, no system Java, an empty home, no network where a network namespace can be made):
#   1. roofline --version prints the version packed in the jar;
#   2. roofline extract on the bundled sample writes footprints that GDAL's ogrinfo reads (feature count > 0), and the
#      PyTorch native library is extracted from the bundled jar into the empty home (nothing downloaded); on a file
#      that does not exist it exits with 1 and one line naming the file;
#   3. the editor opens under Xvfb: the launcher with no arguments (what the desktop entry runs: the bundled sample, its
#      session in the empty home's data directory) and roofline open SAMPLE --footprints <the extracted footprints>
#      --session S each show a window titled "Roofline - ..." and leave a session GDAL reads with the footprints;
#      a screenshot of the second is kept when ImageMagick's import is there;
#   4. the .deb's control data names libgtk-3-0 among its dependencies, it holds the launcher and the desktop entry,
#      and it installs (dpkg -i as root when its dependencies are there, else dpkg-deb -x into a temporary folder)
#      with /opt/roofline/bin/roofline --version working; a package it installed is removed again.
# Sizes and timings are printed at the end and kept in installers/target/smoke/summary.txt.
#
#   installers/smoke-test.sh [--skip-maven] [--no-deb] [--no-install]
#
#   --skip-maven  reuse app/target from an earlier build (CI runs this after mvn verify)
#   --no-deb      only the app-image
#   --no-install  never dpkg -i, only dpkg-deb -x (for a machine whose packages must not change)
# Needs: JDK 17, GDAL's ogrinfo, Xvfb and xwininfo (apt xvfb x11-utils), for the .deb dpkg-deb and fakeroot.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"

build_args=()
deb=true
install=true
while [ $# -gt 0 ]; do
    case "$1" in
        --skip-maven) build_args+=(--skip-maven) ;;
        --no-deb) deb=false ;;
        --no-install) install=false ;;
        -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
        *) echo "smoke-test.sh: unknown argument '$1' (try --help)" >&2; exit 2 ;;
    esac
    shift
done

fail() { echo "smoke-test: FAIL: $*" >&2; exit 1; }
ok() { echo "smoke-test: ok: $*" >&2; }
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

for tool in ogrinfo Xvfb xwininfo; do
    command -v "$tool" >/dev/null 2>&1 || fail "$tool not found (apt install gdal-bin xvfb x11-utils)"
done

out="$here/target/smoke"
rm -rf "$out"
mkdir -p "$out"
tmp="$(mktemp -d)"
pids=()
installed_by_us=false
cleanup() {
    for pid in "${pids[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    if $installed_by_us; then
        dpkg --purge roofline >/dev/null 2>&1 || echo "smoke-test: could not remove the roofline package" >&2
    fi
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'echo "smoke-test: FAIL: unexpected error at line $LINENO" >&2' ERR
summary=()
note() { summary+=("$*"); echo "smoke-test: $*" >&2; }

# --- build ------------------------------------------------------------------------------------------------------------
t0="$(now)"
if $deb; then
    app="$("$here/build.sh" all "${build_args[@]}" | tail -1)"
else
    app="$("$here/build.sh" app-image "${build_args[@]}" | tail -1)"
fi
note "build ($($deb && echo 'app-image + deb' || echo app-image)): $(secs "$t0") s"
launcher="$app/bin/roofline"
[ -x "$launcher" ] || fail "$launcher: no launcher in the app-image"
for option in -Dai.djl.offline=true -XX:MaxRAMPercentage=; do
    grep -q "^java-options=$option" "$app/lib/app/roofline.cfg" || fail "$app/lib/app/roofline.cfg: no JVM option $option"
done
[ ! -e "$app/lib/runtime/bin/java" ] || fail "$app/lib/runtime/bin/java: the runtime should have no commands (build.sh removes them)"
[ -f "$app/lib/runtime/lib/server/classes.jsa" ] || fail "$app/lib/runtime/lib/server/classes.jsa: no CDS archive (jlink --generate-cds-archive)"
if ls "$app"/lib/app/lib/pytorch-native-cu*.jar >/dev/null 2>&1; then
    fail "$app/lib/app/lib holds CUDA natives: the default installer is the CPU build"
fi

# --- an empty home, no network, nothing from the developer's environment ----------------------------------------------
# The JVM takes user.home from the password database, not from HOME, so it is set for the launcher's JVM too
# (the launcher reads no JDK_JAVA_OPTIONS; the JVM itself reads _JAVA_OPTIONS and says so on stderr).
export HOME="$tmp/home"
mkdir -p "$HOME"
export _JAVA_OPTIONS="-Duser.home=$HOME"
unset ROOFLINE_ENGINE_CACHE ENGINE_CACHE_DIR DJL_CACHE_DIR PYTORCH_LIBRARY_PATH JAVA_HOME JAVA_TOOL_OPTIONS CLASSPATH \
    XDG_DATA_HOME
export PATH=/usr/sbin:/usr/bin:/sbin:/bin # the system's tools only: no Maven, nothing from the developer's PATH
# A network namespace with nothing but a loopback that is down (unshare execs the command: same process id).
# Without root, a user namespace makes one where the kernel allows it (unshare -rn).
offline=()
if [ "$(id -u)" -eq 0 ] && command -v unshare >/dev/null 2>&1 && unshare -n true 2>/dev/null; then
    offline=(unshare -n --)
    note "launcher runs in a network namespace without network (unshare -n)"
elif command -v unshare >/dev/null 2>&1 && unshare -rn true 2>/dev/null; then
    offline=(unshare -rn --)
    note "launcher runs in a user and network namespace without network (unshare -rn)"
else
    note "launcher runs with the machine's network (no network namespace could be made); DJL is offline by configuration"
fi

# --- 1. --version -----------------------------------------------------------------------------------------------------
expected="roofline $(unzip -p "$app/lib/app/roofline.jar" org/roofline/app/cli/version.properties | sed -n 's/^version=//p' | tr -d '\r')"
t0="$(now)"
got="$("${offline[@]}" "$launcher" --version 2>"$out/version.err")" || fail "roofline --version exited with $? ($(cat "$out/version.err"))"
[ "$got" = "$expected" ] || fail "roofline --version printed '$got', expected '$expected'"
note "roofline --version: '$got' in $(secs "$t0") s"

# --- 2. extract on the bundled sample ---------------------------------------------------------------------------------
sample="$(find "$app/lib/app/samples" -maxdepth 1 -type f \( -name '*.tif' -o -name '*.tiff' \) | sort | head -1)"
[ -n "$sample" ] || fail "$app/lib/app/samples: no sample image in the app-image"
t0="$(now)"
"${offline[@]}" "$launcher" extract "$sample" --out "$tmp/extract.gpkg" >"$out/extract.out" 2>"$out/extract.err" \
    || fail "roofline extract ${sample##*/} exited with $?: $(tail -3 "$out/extract.err")"
extract_s="$(secs "$t0")"
count="$(ogrinfo -so -al "$tmp/extract.gpkg" | sed -n 's/^Feature Count: //p' | head -1)"
[ -n "$count" ] && [ "$count" -gt 0 ] || fail "ogrinfo finds no footprints in the output of roofline extract (count '$count')"
[ -d "$HOME/.djl.ai/pytorch" ] || fail "the PyTorch native library was not extracted into the empty home ($HOME/.djl.ai)"
note "roofline extract ${sample##*/}: $count footprints (ogrinfo) in $extract_s s, first run, natives extracted: $(du -sh "$HOME/.djl.ai" | cut -f1)"
t0="$(now)"
"${offline[@]}" "$launcher" extract "$sample" --out "$tmp/extract2.gpkg" >/dev/null 2>&1 || fail "second roofline extract failed"
note "roofline extract again (natives cached): $(secs "$t0") s"

# A file that does not exist: exit status 1 and one line naming it, no stack trace (the JVM's own "Picked up
# _JAVA_OPTIONS" line aside).
missing="$tmp/no-such-image.tif"
status=0
"${offline[@]}" "$launcher" extract "$missing" --out "$tmp/none.gpkg" >/dev/null 2>"$out/missing.err" || status=$?
grep -v '^Picked up _JAVA_OPTIONS' "$out/missing.err" >"$out/missing.msg" || true
[ "$status" -eq 1 ] || fail "roofline extract on a missing file exited with $status, expected 1"
[ "$(wc -l <"$out/missing.msg")" -eq 1 ] && grep -q "^roofline: .*no-such-image.tif" "$out/missing.msg" \
    || fail "roofline extract on a missing file should print one line naming it: $(head -3 "$out/missing.msg")"
[ ! -e "$tmp/none.gpkg" ] || fail "roofline extract on a missing file left $tmp/none.gpkg"
ok "a missing file: exit 1, '$(cat "$out/missing.msg")'"

# --- 3. the editor under Xvfb -----------------------------------------------------------------------------------------
exec 3>"$tmp/display"
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp >"$out/xvfb.log" 2>&1 &
pids+=($!)
exec 3>&-
for _ in $(seq 1 50); do
    [ -s "$tmp/display" ] && break
    sleep 0.2
done
[ -s "$tmp/display" ] || fail "Xvfb did not start: $(cat "$out/xvfb.log")"
export DISPLAY=":$(cat "$tmp/display")"

# Starts the launcher with the given arguments, waits up to 90 s for a top-level window whose name starts with
# "Roofline" (the JavaFX stage; GTK's own leader window is named "roofline"), then stops the launcher.
editor_opens() {
    local label="$1" shot="$2"
    shift 2
    local start pid title=""
    start="$(now)"
    "${offline[@]}" "$launcher" "$@" >"$out/editor-$label.log" 2>&1 &
    pid=$!
    pids+=("$pid")
    for _ in $(seq 1 180); do
        title="$(xwininfo -root -tree | sed -n 's/^ *0x[0-9a-f]* "\(Roofline[^"]*\)".*/\1/p' | head -1)"
        [ -n "$title" ] && break
        kill -0 "$pid" 2>/dev/null || fail "the editor ($label) exited before a window appeared: $(tail -3 "$out/editor-$label.log")"
        sleep 0.5
    done
    [ -n "$title" ] || fail "no window titled Roofline within 90 s ($label)"
    note "editor ($label): window '$title' after $(secs "$start") s"
    if [ -n "$shot" ] && command -v import >/dev/null 2>&1; then
        sleep 4 # the overview is read in the background
        import -window root "$out/$shot" && note "screenshot: $out/$shot"
    fi
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    if grep -E 'Exception|Error:' "$out/editor-$label.log" >/dev/null; then
        fail "the editor ($label) logged an error: $(grep -m 3 -E 'Exception|Error:' "$out/editor-$label.log")"
    fi
}
# The largest feature count among a GeoPackage's layers, as GDAL reads it.
features() {
    ogrinfo -so -al "$1" 2>/dev/null | sed -n 's/^Feature Count: //p' | sort -n | tail -1
}

# No arguments (the desktop entry's command): Roofline copies its bundled sample to the user's data directory and
# opens it with a review session there, created before the window shows.
editor_opens "no-arguments" ""
session="$(find "$HOME/.local/share/roofline" -name '*.roofline.gpkg' 2>/dev/null | head -1 || true)"
[ -n "$session" ] || fail "the editor with no arguments made no review session under $HOME/.local/share/roofline"
session_count="$(features "$session")"
[ -n "$session_count" ] && [ "$session_count" -gt 0 ] || fail "$session: ogrinfo finds no footprints in the session"
note "no arguments: the bundled sample's session ${session#"$HOME"/} holds $session_count footprints (ogrinfo)"

# The sample shipped as plain files, with the footprints extract found, in a session of our own (by default the session
# goes beside the image, which an installed copy in /opt could not write).
editor_opens "open" "editor.png" open "$sample" --footprints "$tmp/extract.gpkg" --session "$tmp/review.roofline.gpkg"
[ -f "$tmp/review.roofline.gpkg" ] || fail "roofline open --session made no session file"
[ "$(features "$tmp/review.roofline.gpkg")" = "$count" ] \
    || fail "the session of roofline open holds $(features "$tmp/review.roofline.gpkg") footprints, not the $count extracted"
ok "open: the session holds the $count extracted footprints (ogrinfo)"

# --- 4. the .deb ------------------------------------------------------------------------------------------------------
if $deb; then
    pkg="$(ls "$(dirname "$app")"/roofline_*_amd64.deb)"
    dpkg-deb -I "$pkg" >"$out/deb-info.txt"
    sed 's/^/    /' "$out/deb-info.txt" >&2
    depends="$(dpkg-deb -f "$pkg" Depends)"
    echo "$depends" | tr ',' '\n' | sed 's/^ *//; s/ .*//' | grep -qx 'libgtk-3-0' \
        || fail "$pkg: Depends does not name libgtk-3-0: $depends"
    [ "$(dpkg-deb -f "$pkg" Package)" = roofline ] || fail "$pkg: package is not named roofline"
    dpkg-deb -c "$pkg" >"$out/deb-contents.txt"
    grep -q ' \./opt/roofline/bin/roofline$' "$out/deb-contents.txt" || fail "$pkg: no /opt/roofline/bin/roofline"
    desktop="$(sed -n 's/.* \.\(\/opt\/roofline\/lib\/.*\.desktop\)$/\1/p' "$out/deb-contents.txt" | head -1)"
    [ -n "$desktop" ] || fail "$pkg: no desktop entry"
    ok "deb: Depends names libgtk-3-0, holds /opt/roofline/bin/roofline and $desktop"

    installed_size_kb="$(dpkg-deb -f "$pkg" Installed-Size)"
    can_install=false
    if $install && [ "$(id -u)" -eq 0 ] && ! dpkg -s roofline >/dev/null 2>&1; then
        can_install=true
        for dep in $(echo "$depends" | tr ',' '\n' | sed 's/^ *//; s/ .*//'); do
            dpkg -s "$dep" 2>/dev/null | grep -q '^Status: install ok installed' || { can_install=false; break; }
        done
    fi
    if $can_install; then
        t0="$(now)"
        dpkg -i "$pkg" >"$out/dpkg-install.log" 2>&1 || { installed_by_us=true; fail "dpkg -i $pkg failed: $(tail -3 "$out/dpkg-install.log")"; }
        installed_by_us=true
        note "dpkg -i: $(secs "$t0") s"
        prefix=""
    else
        prefix="$tmp/deb-root"
        dpkg-deb -x "$pkg" "$prefix"
        note "deb unpacked with dpkg-deb -x (not root, --no-install, a roofline package already there, or a dependency missing)"
    fi
    got="$("${offline[@]}" "$prefix/opt/roofline/bin/roofline" --version 2>/dev/null)" || fail "$prefix/opt/roofline/bin/roofline --version failed"
    [ "$got" = "$expected" ] || fail "installed roofline --version printed '$got', expected '$expected'"
    grep -q '^Exec=/opt/roofline/bin/roofline' "$prefix$desktop" || fail "$desktop: Exec is not /opt/roofline/bin/roofline"
    grep -q '^Categories=.*Geography' "$prefix$desktop" || fail "$desktop: Categories lacks Geography"
    if command -v desktop-file-validate >/dev/null 2>&1; then
        desktop-file-validate "$prefix$desktop" || fail "$desktop: desktop-file-validate complains"
    fi
    ok "installed: $prefix/opt/roofline/bin/roofline --version: '$got'"
    if $installed_by_us; then
        menu_entry="$(find /usr/share/applications /usr/local/share/applications -maxdepth 1 -name '*roofline*.desktop' \
            2>/dev/null | head -1 || true)"
        if [ -n "$menu_entry" ]; then
            note "menu entry installed by xdg-desktop-menu: $menu_entry"
        else
            note "no menu entry installed (no desktop menu on this system: postinst says so and goes on)"
        fi
        dpkg --purge roofline >"$out/dpkg-remove.log" 2>&1 || fail "dpkg --purge roofline failed: $(tail -3 "$out/dpkg-remove.log")"
        installed_by_us=false
        [ ! -e /opt/roofline/bin/roofline ] || fail "dpkg -r left /opt/roofline/bin/roofline"
        ok "dpkg --purge removed /opt/roofline"
    fi
    note "size: deb $(du -h "$pkg" | cut -f1) ($(stat -c %s "$pkg") bytes), installed $((installed_size_kb / 1024)) MiB (Installed-Size)"
fi

note "size: app-image $(du -sh "$app" | cut -f1) (runtime $(du -sh "$app/lib/runtime" | cut -f1), jars $(du -sh "$app/lib/app/lib" | cut -f1)); first run adds $(du -sh "$HOME/.djl.ai" | cut -f1) (PyTorch natives) and $(du -sh "$HOME/.openjfx" 2>/dev/null | cut -f1) (JavaFX natives) to the home"
printf '%s\n' "${summary[@]}" >"$out/summary.txt"
echo "smoke-test: PASSED (summary in $out/summary.txt)" >&2
