#!/usr/bin/env bash
# Builds Roofline's macOS installer (.dmg holding Roofline.app) with JDK 17's jpackage, the way installers/build.sh builds
# the Linux ones. Run on a Mac (jpackage builds installers only for the platform it runs on):
#
#   installers/macos/build.sh [dmg|app-image] [--skip-maven]
#
# Needs: JDK 17 for the Mac's architecture (jpackage, jlink, jdeps), Maven, Xcode's command line tools (sips, iconutil,
# and hdiutil for the .dmg). The pom must select the macOS PyTorch native (see installers/README.md: pytorch-native-cpu's
# classifier osx-aarch64; DJL 0.36 ships no Intel-Mac native); JavaFX's Mac jars are picked by the openjfx parent pom.
# Signing: set ROOFLINE_MAC_SIGNING_IDENTITY to a "Developer ID Application: ..." name in the keychain (notarizing is a
# separate xcrun notarytool step). Not built by CI (no Mac): untested.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
installers="$(dirname "$here")"
root="$(dirname "$installers")"
type=dmg
skip_maven=false
for arg in "$@"; do
    case "$arg" in
        dmg|app-image) type="$arg" ;;
        --skip-maven) skip_maven=true ;;
        *) echo "macos/build.sh: unknown argument '$arg'" >&2; exit 2 ;;
    esac
done
die() { echo "macos/build.sh: $*" >&2; exit 1; }
[ "$(uname -s)" = Darwin ] || die "run on macOS (jpackage builds a .dmg only there)"
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/jpackage" ]; then PATH="$JAVA_HOME/bin:$PATH"; fi

target="$root/app/target"
if ! $skip_maven; then
    rm -rf "$target/lib"
    (cd "$root" && mvn -q -B -DskipTests package)
fi
[ -f "$target/roofline.jar" ] || die "$target/roofline.jar missing: run without --skip-maven"
ls "$target"/lib/pytorch-native-cpu-*-osx-*.jar >/dev/null 2>&1 \
    || die "$target/lib has no macOS PyTorch native (pytorch-native-cpu-*-osx-aarch64.jar): see installers/README.md"
version="$(unzip -p "$target/roofline.jar" org/roofline/app/cli/version.properties | sed -n 's/^version=//p' | tr -d '\r')"
app_version="${version%%-*}"

dest="$installers/target/macos"
work="$dest/work"
rm -rf "$work" "$dest/Roofline.app"
mkdir -p "$work/input/samples"
cp "$target/roofline.jar" "$work/input/"
cp -R "$target/lib" "$work/input/lib"
sample="${ROOFLINE_SAMPLE:-$root/resources/samples/banepa-2x2/banepa-2x2.tif}"
[ -f "$sample" ] || sample="$root/resources/samples/fair-banepa/oam/OAM-386690-220241-19.tif"
stem="$(basename "$sample")"
stem="${stem%.*}"
find "$(dirname "$sample")" -maxdepth 1 -type f -name "$stem*" -exec cp {} "$work/input/samples/" \;
cp "$root/resources/samples/NOTICE.md" "$work/input/samples/"

# The icon: an .icns made from the SVG's PNG with the Mac's own tools.
iconset="$work/roofline.iconset"
mkdir -p "$iconset"
for size in 16 32 64 128 256; do
    sips -z "$size" "$size" "$installers/icon/roofline.png" --out "$iconset/icon_${size}x${size}.png" >/dev/null
    double=$((size * 2))
    [ "$double" -le 256 ] && sips -z "$double" "$double" "$installers/icon/roofline.png" \
        --out "$iconset/icon_${size}x${size}@2x.png" >/dev/null
done
iconutil -c icns "$iconset" -o "$work/roofline.icns"

modules="$(cd "$work/input" && jdeps -q --print-module-deps --ignore-missing-deps --multi-release 17 \
    --class-path 'lib/*' roofline.jar),jdk.zipfs,jdk.charsets,java.naming,jdk.crypto.ec"
jlink --add-modules "$modules" --strip-debug --strip-native-commands --no-header-files --no-man-pages --compress=2 \
    --output "$work/runtime"

# The app bundle: Roofline.app, its launcher Contents/MacOS/Roofline (for the command line, link it as roofline:
# ln -s /Applications/Roofline.app/Contents/MacOS/Roofline /usr/local/bin/roofline).
sign=()
if [ -n "${ROOFLINE_MAC_SIGNING_IDENTITY:-}" ]; then
    sign=(--mac-sign --mac-signing-key-user-name "$ROOFLINE_MAC_SIGNING_IDENTITY")
fi
jpackage --type app-image @"$installers/common.options" \
    --name Roofline \
    --app-version "$app_version" \
    --description "Review building footprints extracted from imagery by a neural network" \
    --icon "$work/roofline.icns" \
    --input "$work/input" \
    --runtime-image "$work/runtime" \
    --mac-package-identifier org.roofline.Roofline \
    --mac-package-name Roofline \
    ${sign[@]+"${sign[@]}"} \
    --dest "$dest"
"$dest/Roofline.app/Contents/MacOS/Roofline" --version

if [ "$type" = dmg ]; then
    rm -f "$dest"/Roofline-*.dmg
    jpackage --type dmg \
        --app-image "$dest/Roofline.app" \
        --name Roofline \
        --app-version "$app_version" \
        --vendor Roofline \
        --copyright "Roofline contributors" \
        --description "Review building footprints extracted from imagery by a neural network" \
        ${sign[@]+"${sign[@]}"} \
        --dest "$dest"
    ls -l "$dest"/Roofline-*.dmg
fi
