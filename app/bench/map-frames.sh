#!/usr/bin/env bash
# The map's frame times with 100,000 footprints (`roofline bench map`) in a real window: under Xvfb, with the real
# GTK glass (not Monocle), for Prism's software pipeline and es2. Under Xvfb es2 is OpenGL from Mesa's llvmpipe (on
# the CPU), which JavaFX refuses by default: prism.forceGPU=true lets it run. Each pipeline runs twice: pulses paced
# at 60 Hz (what a user sees) and unpaced (javafx.animation.fullspeed: the headroom).
#
#   app/bench/map-frames.sh [bench map options...]      e.g. --footprints 100000 --frames 300
#
# Needs the jar (mvn -q -DskipTests package) and /usr/bin/Xvfb. Prints each run's table; a pipeline that cannot start
# says so and the script goes on.
set -euo pipefail
cd "$(dirname "$0")/../.."
JAR=app/target/roofline.jar
if [ ! -f "$JAR" ]; then
    echo "build the jar first: mvn -q -DskipTests package" >&2
    exit 1
fi
XVFB=${XVFB:-/usr/bin/Xvfb}
DISPLAY_NUMBER=${DISPLAY_NUMBER:-:87}
"$XVFB" "$DISPLAY_NUMBER" -screen 0 1920x1080x24 -nolisten tcp >/dev/null 2>&1 &
XVFB_PID=$!
trap 'kill "$XVFB_PID" 2>/dev/null || true' EXIT
for _ in $(seq 50); do
    [ -e "/tmp/.X11-unix/X${DISPLAY_NUMBER#:}" ] && break
    sleep 0.1
done
export DISPLAY=$DISPLAY_NUMBER
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1)"
for pipeline in sw es2; do
    for fullspeed in false true; do
        echo
        echo "== prism.order=$pipeline, javafx.animation.fullspeed=$fullspeed (load average $(cut -d" " -f1-3 /proc/loadavg))"
        # prism.verbose names the OpenGL renderer (on stdout, with much else): keep only that and the tables
        if java -Xmx3g -Dprism.order="$pipeline" -Dprism.forceGPU=true -Dprism.verbose=true \
            -Djavafx.animation.fullspeed="$fullspeed" \
            -jar "$JAR" bench map "$@" >/tmp/roofline-bench-map.out 2>/tmp/roofline-bench-map.err; then
            grep -E "Renderer:|^bench map|^window|^view|^zoomed-in|^mid|^whole|^baseline" /tmp/roofline-bench-map.out
        else
            echo "(prism.order=$pipeline did not run:)"
            grep -E "^roofline" /tmp/roofline-bench-map.err || tail -3 /tmp/roofline-bench-map.err
        fi
    done
done
