#!/usr/bin/env bash
# Compares Roofline's post-processing with GDAL and OpenCV on one synthetic 4096 x 4096 mask with 10,000 noisy
# buildings. Needs: a built jar (mvn -DskipTests package), apt gdal-bin python3-gdal python3-opencv.
# Usage: geometry/bench/compare-postprocess.sh [SIZE] [BUILDINGS]
set -euo pipefail
cd "$(dirname "$0")/../.."
SIZE=${1:-4096}
BUILDINGS=${2:-10000}
JAR=app/target/roofline.jar
OUT=target/bench
mkdir -p "$OUT"
PY=/usr/bin/python3

now() { date +%s.%N; }
median3() { printf '%s\n' "$@" | sort -g | sed -n 2p; }

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/{print $2}') GiB, java $(java -version 2>&1 | head -1 | cut -d'"' -f2)"

echo "== Roofline in-process (bench postprocess) and the mask"
java -jar "$JAR" bench postprocess --size "$SIZE" --buildings "$BUILDINGS" --repeat 5 \
    --save-mask "$OUT/mask.png" --save-truth "$OUT/truth.geojson" | tee "$OUT/roofline-inprocess.txt"

echo "== command lines, each run 3 times, median wall time (JVM/Python start, reading and writing included)"
r=(); c=(); g=()
for i in 1 2 3; do
    t0=$(now); java -jar "$JAR" polygonize "$OUT/mask.png" --out "$OUT/roofline.geojson" --threads 1 >/dev/null 2>&1; t1=$(now)
    r+=("$(echo "$t1 - $t0" | bc)")
    # the same with the JIT limited to its quick first tier, as suits a short batch job
    t0=$(now); java -XX:TieredStopAtLevel=1 -jar "$JAR" polygonize "$OUT/mask.png" --out "$OUT/roofline.geojson" --threads 1 >/dev/null 2>&1; t1=$(now)
    c+=("$(echo "$t1 - $t0" | bc)")
    rm -f "$OUT/gdal.gpkg" "$OUT/gdal-simple.gpkg"
    t0=$(now)
    gdal_polygonize.py -q -mask "$OUT/mask.png" "$OUT/mask.png" -f GPKG "$OUT/gdal.gpkg" >/dev/null
    ogr2ogr -simplify 1 "$OUT/gdal-simple.gpkg" "$OUT/gdal.gpkg"
    t1=$(now)
    g+=("$(echo "$t1 - $t0" | bc)")
done
rcli=$(median3 "${r[@]}"); ccli=$(median3 "${c[@]}"); gcli=$(median3 "${g[@]}")
printf 'roofline polygonize --method right-angles --threads 1   %.3f s\n' "$rcli"
printf '  the same, java -XX:TieredStopAtLevel=1                %.3f s\n' "$ccli"
printf 'gdal_polygonize.py + ogr2ogr -simplify 1               %.3f s\n' "$gcli"

echo "== in-process cores of GDAL and OpenCV (median of 3)"
$PY geometry/bench/compare_cores.py "$OUT/mask.png" 3 | tee "$OUT/cores.txt"

vec=$(awk '/vectorize +1 thread/{print $4}' "$OUT/roofline-inprocess.txt")
reg=$(awk '/regularize +1 thread/{print $4}' "$OUT/roofline-inprocess.txt")
pp1=$(awk '/postprocess +1 thread/{print $4}' "$OUT/roofline-inprocess.txt")
ppn=$(awk '/postprocess +[0-9]+ threads/{print $4}' "$OUT/roofline-inprocess.txt")
gin=$(awk '/gdal-inprocess/{print $2}' "$OUT/cores.txt")
cv=$(awk '/opencv/{print $2}' "$OUT/cores.txt")
echo "== ratios (same machine, same mask)"
printf 'GDAL command line / Roofline command line (1 thread)          %5.1fx  (target >= 5x)\n' "$(echo "$gcli / $rcli" | bc -l)"
printf '  with java -XX:TieredStopAtLevel=1                           %5.1fx\n' "$(echo "$gcli / $ccli" | bc -l)"
printf 'Roofline vectorize+regularize (1 thread) / OpenCV core         %5.2fx  (target <= 1.5x)\n' "$(echo "($vec + $reg) / $cv" | bc -l)"
printf 'Roofline post-processor (1 thread) / OpenCV core               %5.2fx\n' "$(echo "$pp1 / $cv" | bc -l)"
printf 'Roofline post-processor (%s threads) / OpenCV core              %5.2fx\n' "$(nproc)" "$(echo "$ppn / $cv" | bc -l)"
printf 'GDAL in-process core / Roofline vectorize+regularize (1 thread) %5.1fx\n' "$(echo "$gin / ($vec + $reg)" | bc -l)"
