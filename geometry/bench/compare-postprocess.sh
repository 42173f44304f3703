#!/usr/bin/env bash
# Compares Roofline's post-processing with GDAL and OpenCV on one synthetic 4096 x 4096 mask with 10,000 noisy
# buildings. Needs: a built jar (mvn -DskipTests package), apt gdal-bin python3-gdal python3-opencv, bc.
# Usage: geometry/bench/compare-postprocess.sh [SIZE] [BUILDINGS] [ROUNDS]
#
# The command lines run on the mask as a network writes it: a DEFLATE GeoTIFF in UTM (EPSG:32636, 0.15 m pixels), so
# Roofline's GeoJSON is reprojected to WGS 84 (RFC 7946). Each round runs every command line once, in turn
# (alternating, so that the machine's changing load falls on all of them alike); the medians of ROUNDS rounds
# (default 5) are compared. Wall time, and user+sys CPU time beside it (on a shared machine the CPU time is steadier).
# The in-process cores (Roofline's bench postprocess, GDAL's and OpenCV's Python bindings) alternate the same way.
# Roofline runs three ways: plain `java -jar`; with an application class-data sharing archive (-XX:SharedArchiveFile,
# made once here by a training run with -XX:ArchiveClassesAtExit, as the installers do); and with the archive and the
# JIT limited to its quick first tier (-XX:TieredStopAtLevel=1), as suits a short batch job.
set -euo pipefail
cd "$(dirname "$0")/../.."
SIZE=${1:-4096}
BUILDINGS=${2:-10000}
ROUNDS=${3:-5}
JAR=app/target/roofline.jar
OUT=target/bench
mkdir -p "$OUT"
PY=/usr/bin/python3

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
spread() { printf '%s\n' "$@" | sort -g | awk 'NR==1{lo=$1} {hi=$1} END {printf "%.2f-%.2f", lo, hi}'; }
# runs a command; appends "wall cpu" (seconds) to the named arrays
timed() {
    local -n walls=$1 cpus=$2
    shift 2
    local t
    /usr/bin/time -f '%e %U %S' -o "$OUT/time.txt" "$@" >/dev/null 2>&1
    t=$(tail -1 "$OUT/time.txt")
    walls+=("$(echo "$t" | awk '{print $1}')")
    cpus+=("$(echo "$t" | awk '{print $2 + $3}')")
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/{print $2}') GiB, java $(java -version 2>&1 | head -1 | cut -d'"' -f2), load average $(cut -d' ' -f1-3 /proc/loadavg)"

echo "== Roofline in-process (bench postprocess) and the mask"
java -jar "$JAR" bench postprocess --size "$SIZE" --buildings "$BUILDINGS" --repeat 5 \
    --save-mask "$OUT/mask.png" --save-truth "$OUT/truth.geojson" | tee "$OUT/roofline-inprocess.txt"
MASK=$OUT/mask.tif
extent=$(echo "$SIZE * 0.15" | bc)
gdal_translate -q -co COMPRESS=DEFLATE -a_srs EPSG:32636 \
    -a_ullr 450000 40000 "$(echo "450000 + $extent" | bc)" "$(echo "40000 - $extent" | bc)" "$OUT/mask.png" "$MASK"
echo "mask: $MASK ($(du -k "$MASK" | cut -f1) KB, DEFLATE GeoTIFF, EPSG:32636)"

echo "== class-data sharing archive: one training run"
rm -f "$OUT/roofline.jsa"
java -XX:ArchiveClassesAtExit="$OUT/roofline.jsa" -jar "$JAR" polygonize "$MASK" --out "$OUT/train.geojson" \
    --threads 1 >/dev/null 2>&1
CDS=(-XX:SharedArchiveFile="$OUT/roofline.jsa")
echo "archive: $OUT/roofline.jsa ($(du -m "$OUT/roofline.jsa" | cut -f1) MB)"

echo "== command lines, $ROUNDS rounds in turn (JVM/Python start, reading and writing included)"
rw=(); rc=(); cw=(); cc=(); tw=(); tc=(); gw=(); gc=()
polygonize=(polygonize "$MASK" --out "$OUT/roofline.geojson" --threads 1)
for ((i = 1; i <= ROUNDS; i++)); do
    timed rw rc java -jar "$JAR" "${polygonize[@]}"
    timed cw cc java "${CDS[@]}" -jar "$JAR" "${polygonize[@]}"
    timed tw tc java "${CDS[@]}" -XX:TieredStopAtLevel=1 -jar "$JAR" "${polygonize[@]}"
    rm -f "$OUT/gdal.gpkg" "$OUT/gdal-simple.gpkg"
    timed gw gc bash -c "gdal_polygonize.py -q -mask '$MASK' '$MASK' -f GPKG '$OUT/gdal.gpkg' && ogr2ogr -simplify 1 '$OUT/gdal-simple.gpkg' '$OUT/gdal.gpkg'"
done
java -jar "$JAR" "${polygonize[@]}" --timings 2>&1 | grep timings | sed 's/^/roofline (one more run) /'
r=$(median "${rw[@]}"); c=$(median "${cw[@]}"); t=$(median "${tw[@]}"); g=$(median "${gw[@]}")
rcpu=$(median "${rc[@]}"); ccpu=$(median "${cc[@]}"); tcpu=$(median "${tc[@]}"); gcpu=$(median "${gc[@]}")
printf '%-58s wall %6.2f s (%s)  cpu %6.2f s\n' "roofline polygonize --threads 1" "$r" "$(spread "${rw[@]}")" "$rcpu"
printf '%-58s wall %6.2f s (%s)  cpu %6.2f s\n' "  the same with the CDS archive" "$c" "$(spread "${cw[@]}")" "$ccpu"
printf '%-58s wall %6.2f s (%s)  cpu %6.2f s\n' "  the same with the archive and -XX:TieredStopAtLevel=1" "$t" "$(spread "${tw[@]}")" "$tcpu"
printf '%-58s wall %6.2f s (%s)  cpu %6.2f s\n' "gdal_polygonize.py + ogr2ogr -simplify 1" "$g" "$(spread "${gw[@]}")" "$gcpu"

echo "== in-process cores, $ROUNDS rounds in turn: Roofline (bench postprocess, median of 3), GDAL and OpenCV (median of 3)"
vs=(); rs=(); p1=(); pn=(); gs=(); cs=()
for ((i = 1; i <= ROUNDS; i++)); do
    java -jar "$JAR" bench postprocess --size "$SIZE" --buildings "$BUILDINGS" --repeat 3 --no-quality \
        > "$OUT/roofline-inprocess.txt"
    $PY geometry/bench/compare_cores.py "$OUT/mask.png" 3 > "$OUT/cores.txt"
    vs+=("$(awk '/vectorize +1 thread/{print $4}' "$OUT/roofline-inprocess.txt")")
    rs+=("$(awk '/regularize +1 thread/{print $4}' "$OUT/roofline-inprocess.txt")")
    p1+=("$(awk '/postprocess +1 thread/{print $4}' "$OUT/roofline-inprocess.txt")")
    pn+=("$(awk '/postprocess +[0-9]+ threads/{print $4}' "$OUT/roofline-inprocess.txt")")
    gs+=("$(awk '/gdal-inprocess/{print $2}' "$OUT/cores.txt")")
    cs+=("$(awk '/opencv/{print $2}' "$OUT/cores.txt")")
done
vec=$(median "${vs[@]}"); reg=$(median "${rs[@]}"); pp1=$(median "${p1[@]}"); ppn=$(median "${pn[@]}")
gin=$(median "${gs[@]}"); cv=$(median "${cs[@]}")
printf '%-58s %6.3f s (%s)\n' "Roofline vectorize, 1 thread" "$vec" "$(spread "${vs[@]}")"
printf '%-58s %6.3f s (%s)\n' "Roofline regularize (auto tolerance), 1 thread" "$reg" "$(spread "${rs[@]}")"
printf '%-58s %6.3f s (%s)\n' "Roofline post-processor, 1 thread" "$pp1" "$(spread "${p1[@]}")"
printf '%-58s %6.3f s (%s)\n' "Roofline post-processor, $(nproc) threads" "$ppn" "$(spread "${pn[@]}")"
printf '%-58s %6.3f s (%s)\n' "GDAL gdal.Polygonize + GEOS simplify" "$gin" "$(spread "${gs[@]}")"
printf '%-58s %6.3f s (%s)\n' "OpenCV findContours + approxPolyDP" "$cv" "$(spread "${cs[@]}")"
echo "== ratios (same machine, same mask)"
printf 'GDAL command line / Roofline command line (1 thread), wall       %5.1fx  (target >= 5x; cpu %.1fx)\n' "$(echo "$g / $r" | bc -l)" "$(echo "$gcpu / $rcpu" | bc -l)"
printf '  with the CDS archive                                           %5.1fx  (cpu %.1fx)\n' "$(echo "$g / $c" | bc -l)" "$(echo "$gcpu / $ccpu" | bc -l)"
printf '  with the archive and -XX:TieredStopAtLevel=1                   %5.1fx  (cpu %.1fx)\n' "$(echo "$g / $t" | bc -l)" "$(echo "$gcpu / $tcpu" | bc -l)"
printf 'Roofline vectorize+regularize (1 thread) / OpenCV core         %5.2fx  (target <= 1.5x)\n' "$(echo "($vec + $reg) / $cv" | bc -l)"
printf 'Roofline post-processor (1 thread) / OpenCV core               %5.2fx\n' "$(echo "$pp1 / $cv" | bc -l)"
printf 'Roofline post-processor (%s threads) / OpenCV core              %5.2fx\n' "$(nproc)" "$(echo "$ppn / $cv" | bc -l)"
printf 'GDAL in-process core / Roofline vectorize+regularize (1 thread) %5.1fx\n' "$(echo "$gin / ($vec + $reg)" | bc -l)"
