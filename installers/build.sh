#!/usr/bin/env bash
# Builds Roofline's Linux installers with JDK 17's jpackage: an app-image (a folder that runs anywhere: bin/roofline,
# a jlinked Java runtime, the jars, the samples) and a .deb that installs it to /opt/roofline.
#
#   installers/build.sh [app-image|deb|all] [--skip-maven] [--gpu] [--dest DIR]
#
#   app-image     only the app-image (DEST/roofline)
#   deb, all      the app-image and the .deb built from it (DEST/roofline_VERSION-1_amd64.deb); the default
#   --skip-maven  reuse app/target (roofline.jar and lib/) from an earlier build instead of running Maven
#   --gpu         the CUDA build: Maven profile cuda; the package roofline-gpu (same launcher, /opt/roofline; it
#                 conflicts with roofline) and the app-image in DEST/gpu
#   --dest DIR    where the results go (default installers/target)
#
# Environment: MVN (default mvn), MVN_ARGS (extra Maven arguments, e.g. "-o" or "-o -pl app" where the other modules
# are already installed), ROOFLINE_SAMPLE (the sample image shipped as plain files in lib/app/samples, with its
# sidecars; default resources/samples/banepa-2x2/banepa-2x2.tif, else a fAIr Banepa tile).
# Needs: JDK 17 (jpackage, jlink, jdeps: JAVA_HOME's, else the PATH's), unzip; for the .deb also dpkg-deb and fakeroot.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"

kind=all
skip_maven=false
gpu=false
dest="$here/target"
while [ $# -gt 0 ]; do
    case "$1" in
        app-image|deb|all) kind="$1" ;;
        --skip-maven) skip_maven=true ;;
        --gpu) gpu=true ;;
        --dest) [ $# -ge 2 ] || { echo "build.sh: --dest needs a directory" >&2; exit 2; }; dest="$2"; shift ;;
        -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
        *) echo "build.sh: unknown argument '$1' (try --help)" >&2; exit 2 ;;
    esac
    shift
done

die() { echo "build.sh: $*" >&2; exit 1; }
step() { echo "== $* ($(date -u +%H:%M:%S))" >&2; }

# The JDK's tools: JAVA_HOME's when it has jpackage, else the PATH's.
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/jpackage" ]; then
    PATH="$JAVA_HOME/bin:$PATH"
fi
for tool in jpackage jlink jdeps unzip; do
    command -v "$tool" >/dev/null 2>&1 || die "$tool not found: a full JDK 17 (jpackage, jlink, jdeps) and unzip are needed"
done
jdk_major="$(jpackage --version | cut -d. -f1)"
[ "$jdk_major" -ge 17 ] || die "jpackage $jdk_major found; JDK 17 or later is needed"
if [ "$kind" != app-image ]; then
    for tool in dpkg-deb fakeroot; do
        command -v "$tool" >/dev/null 2>&1 || die "$tool not found: the .deb needs dpkg-deb and fakeroot (apt install fakeroot)"
    done
fi

name=roofline # the launcher, the app-image folder and /opt/roofline, whichever build
if $gpu; then
    package=roofline-gpu
    other_package=roofline
    profile=(-Pcuda)
    dest="$dest/gpu"
    description="Review building footprints extracted from imagery by a neural network (CUDA 12.4 build)"
else
    package=roofline
    other_package=roofline-gpu
    profile=()
    description="Review building footprints extracted from imagery by a neural network"
fi

# --- the jar and its dependencies -------------------------------------------------------------------------------------
target="$root/app/target"
if ! $skip_maven; then
    step "Maven: package ${profile[*]:-(CPU build)}"
    # copy-dependencies never deletes: jars of the other build (CPU or CUDA, other DJL versions) would stay in lib/
    rm -rf "$target/lib"
    # shellcheck disable=SC2086 # MVN_ARGS is a list of arguments
    (cd "$root" && ${MVN:-mvn} -q -B -DskipTests ${MVN_ARGS:-} "${profile[@]}" package) >&2 # stdout: only the path
fi
[ -f "$target/roofline.jar" ] && [ -d "$target/lib" ] \
    || die "$target/roofline.jar or lib/ missing: run without --skip-maven (or mvn -DskipTests package) first"
cuda_jars=("$target"/lib/pytorch-native-cu*.jar)
if $gpu && [ ! -e "${cuda_jars[0]}" ]; then
    die "$target/lib has no CUDA native jar: the GPU installer needs a -Pcuda build (run without --skip-maven)"
fi
if ! $gpu && [ -e "${cuda_jars[0]}" ]; then
    die "$target/lib holds a CUDA build (${cuda_jars[0]##*/}); rebuild without -Pcuda for the CPU installer"
fi

version="$(unzip -p "$target/roofline.jar" org/roofline/app/cli/version.properties | sed -n 's/^version=//p' | tr -d '\r')"
[ -n "$version" ] || die "no version in $target/roofline.jar (org/roofline/app/cli/version.properties)"
app_version="${version%%-*}" # jpackage takes numbers only: 0.1.0-SNAPSHOT -> 0.1.0

sample="${ROOFLINE_SAMPLE:-}"
if [ -z "$sample" ]; then
    sample="$root/resources/samples/banepa-2x2/banepa-2x2.tif"
    [ -f "$sample" ] || sample="$root/resources/samples/fair-banepa/oam/OAM-386690-220241-19.tif"
fi
[ -f "$sample" ] || die "$sample: sample image not found (set ROOFLINE_SAMPLE)"

work="$dest/work-$package"
rm -rf "$work" "$dest/$name"
mkdir -p "$work/input/samples" "$dest"

# --- the application files: lib/app in the app-image ------------------------------------------------------------------
step "staging roofline.jar, $(find "$target/lib" -name '*.jar' | wc -l) jars and the sample ${sample##*/}"
cp "$target/roofline.jar" "$work/input/"
cp -r "$target/lib" "$work/input/lib" # roofline.jar's manifest names lib/*.jar relative to itself
# The sample image with its sidecars (.aux.xml, world file, footprints) and the notice of its source and licence.
stem="$(basename "$sample")"
stem="${stem%.*}"
find "$(dirname "$sample")" -maxdepth 1 -type f -name "$stem*" -exec cp {} "$work/input/samples/" \;
notice="$root/resources/samples/NOTICE.md"
[ -f "$notice" ] && cp "$notice" "$work/input/samples/"

# --- a lean Java runtime ----------------------------------------------------------------------------------------------
# jdeps finds what the code uses; the rest is loaded by name at run time, which jdeps cannot see: jdk.zipfs (jar and
# zip file systems), jdk.charsets (Shapefile code pages beyond ISO-8859/UTF/Windows-1252, e.g. CP936), java.naming
# (JDBC data sources), jdk.crypto.ec (TLS, should a user's model URL ever be https). JavaFX needs java.desktop and
# jdk.unsupported, SQLite java.sql, DJL jdk.unsupported: jdeps reports all three.
step "jdeps + jlink"
modules="$(cd "$work/input" && jdeps -q --print-module-deps --ignore-missing-deps --multi-release 17 \
    --class-path 'lib/*' roofline.jar)"
[ -n "$modules" ] || die "jdeps reported no modules"
modules="$modules,jdk.zipfs,jdk.charsets,java.naming,jdk.crypto.ec"
echo "runtime modules: $modules" >&2
# --generate-cds-archive: the runtime's own class-data sharing archive (lib/server/classes.jsa, as a JDK has), which
# saves each start loading and verifying the JDK's classes; it runs the new runtime's java to dump the archive, so the
# commands are removed afterwards rather than by --strip-native-commands (the archive does not depend on them).
jlink --add-modules "$modules" --strip-debug --no-header-files --no-man-pages --compress=2 --generate-cds-archive \
    --output "$work/runtime"
[ -f "$work/runtime/lib/server/classes.jsa" ] || die "jlink made no CDS archive (lib/server/classes.jsa)"
rm -rf "$work/runtime/bin"

# --- the app-image ----------------------------------------------------------------------------------------------------
# common.options holds what every platform shares: main class, JVM options (offline DJL, heap). No default arguments:
# without any, Roofline itself opens the editor on the sample bundled in its jar, with the review session in the user's
# data directory (~/.local/share/roofline/sample); the plain copy in lib/app/samples is for the command line.
step "jpackage app-image $name $app_version"
jpackage --type app-image @"$here/common.options" \
    --name "$name" \
    --app-version "$app_version" \
    --description "$description" \
    --input "$work/input" \
    --runtime-image "$work/runtime" \
    --icon "$here/icon/roofline.png" \
    --dest "$dest"
app="$dest/$name"
"$app/bin/$name" --version >/dev/null || die "$app/bin/$name --version failed"
echo "app-image: $app ($(du -sh "$app" | cut -f1))" >&2

# --- the .deb ---------------------------------------------------------------------------------------------------------
if [ "$kind" != app-image ]; then
    step "jpackage deb"
    resources="$work/deb-resources"
    mkdir -p "$resources"
    # jpackage looks for <name>.desktop in the resource folder; its placeholders (APPLICATION_LAUNCHER, ...) are kept.
    cp "$here/linux/roofline.desktop" "$resources/$name.desktop"
    cp "$here/icon/roofline.png" "$resources/$name.png"
    # jpackage's postinst/prerm with the menu entry made optional (a system without a desktop has no menu directory)
    cp "$here/linux/postinst" "$here/linux/prerm" "$resources/"
    # jpackage's control file, plus a conflict with the other build (both install /opt/roofline)
    sed "s/ROOFLINE_OTHER_PACKAGE/$other_package/" "$here/linux/control" >"$resources/control"
    rm -f "$dest/${package}_${app_version}"-*.deb
    # gzip unless told otherwise: the payload is mostly jars (already compressed), so dpkg-deb's default xz saves 2 %
    # (191 vs 195 MB) at five times the time (2.3 min vs 26 s on 2 cores); gzip also installs on every dpkg.
    export DPKG_DEB_COMPRESSOR_TYPE="${DPKG_DEB_COMPRESSOR_TYPE:-gzip}"
    # libgtk-3-0: JavaFX's natives live in its jars, so jpackage's own dependency scan (of the runtime's libraries)
    # does not see that the editor needs GTK 3.
    jpackage --type deb \
        --app-image "$app" \
        --name "$name" \
        --app-version "$app_version" \
        --vendor "Roofline" \
        --copyright "Roofline contributors" \
        --description "$description" \
        --icon "$here/icon/roofline.png" \
        --resource-dir "$resources" \
        --linux-package-name "$package" \
        --linux-deb-maintainer "roofline@users.noreply.github.com" \
        --linux-app-category science \
        --linux-menu-group "Graphics;Science;Geography;" \
        --linux-package-deps libgtk-3-0 \
        --linux-shortcut \
        --dest "$dest"
    deb="$(ls "$dest/${package}_${app_version}"-*.deb)"
    echo "deb: $deb ($(du -h "$deb" | cut -f1))" >&2
fi
echo "$app"
