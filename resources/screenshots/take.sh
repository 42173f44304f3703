#!/usr/bin/env bash
# Takes the README's screenshots of the real editor under Xvfb: the bundled sample as it opens, then a review in
# progress driven with xdotool (N, A, D, Tab, A, Shift+D ...), the re-square preview (Q) and the keyboard reference
# (F1). Needs apt xvfb, xdotool, imagemagick, and `mvn -DskipTests package` first. Writes JPEGs beside this script.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=resources/screenshots
tmp=$(mktemp -d)
display=:${ROOFLINE_SHOT_DISPLAY:-93}
Xvfb "$display" -screen 0 1280x900x24 >/dev/null 2>&1 &
xvfb=$!
trap 'kill $app $xvfb 2>/dev/null || true; rm -rf "$tmp"' EXIT
export DISPLAY=$display
sleep 1
java -Dprism.order=sw -Droofline.data.dir="$tmp/data" -Droofline.config.dir="$tmp/config" \
    -jar app/target/roofline.jar >"$tmp/log" 2>&1 &
app=$!
for _ in $(seq 60); do
    win=$(xdotool search --name '^Roofline' 2>/dev/null | head -1 || true)
    [ -n "$win" ] && break
    sleep 0.5
done
[ -n "$win" ] || { echo "take.sh: no Roofline window" >&2; cat "$tmp/log" >&2; exit 1; }
xdotool windowsize "$win" 1280 880 windowmove "$win" 0 0
sleep 4
key() { xdotool key --window "$win" "$@"; sleep 0.5; }
shot() { import -window root "$tmp/shot.png"; convert "$tmp/shot.png" -crop 1280x880+0+0 +repage -quality 85 "$out/$1"; }
xdotool mousemove 640 420
shot editor-sample.jpg
# a review in progress: first tile accepted and rejected by hand, the second accepted in bulk
key n; key a; key a; key d; key Tab; key a; key n; key shift+a; key n; key a; key d
xdotool mousemove 700 460
sleep 1
shot editor-review.jpg
key q
sleep 3
import -window root "$tmp/q.png"; convert "$tmp/q.png" -crop 1280x880+0+0 +repage -quality 85 "$out/editor-resquare.jpg"
key Escape
xdotool key --window "$(xdotool search --name '^Regularize' 2>/dev/null | head -1 || echo "$win")" Escape || true
sleep 0.5
echo "take.sh: screenshots in $out"
