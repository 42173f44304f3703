#!/usr/bin/env bash
# Compares Roofline's vector I/O (GeoPackage, GeoJSON, Shapefile) with GDAL's ogr2ogr on the same machine and the
# same inputs: the real Boulder Shapefile (13,491 footprints, EPSG:4326) and N synthetic footprints in EPSG:32616
# that `roofline bench formats` generates and writes as GeoPackage (default 100,000).
# Needs: a built jar (mvn -DskipTests package), apt gdal-bin, bc.
# Usage: geometry/bench/compare-formats.sh [COUNT]
#
# What is measured differs, and the output says so:
#  - Roofline in-process (`roofline bench formats`): median of 3 after 1 warm-up, in one warmed-up JVM; JVM start is
#    excluded. A "write" starts from the layer in memory (no reading); "read+write" adds the median of reading the same
#    input (the Boulder .shp, or the N-footprint .gpkg) to it. The synthetic writes start from the generated layer,
#    which holds the same features as the .gpkg that ogr2ogr reads.
#  - ogr2ogr: one process per conversion, median wall time of 3; includes process start, driver loading, reading the
#    input and writing the output (GDAL 3, C/C++).
#  - roofline convert: the like-for-like command line, median of 3; includes JVM start and a cold JIT, reading,
#    checking every polygon's validity (repairing the invalid ones) and writing.
# The outputs are not byte-for-byte the same work either: Roofline's GeoJSON writes the shortest digits that read back
# to the same double (up to 17 significant digits), ogr2ogr's RFC7946=YES rounds to 7 decimals; in a Shapefile,
# Roofline writes DateTime fields as 24-character text and ogr2ogr as a Date (the time of day is lost), and the DBF
# text widths differ. The file sizes are printed next to the times.
set -euo pipefail
cd "$(dirname "$0")/../.."
COUNT=${1:-100000}
JAR=app/target/roofline.jar
BOULDER=resources/samples/boulder-mtbf33/boulder_buildings.shp
OUT=target/bench-formats
G=$OUT/ogr2ogr    # what ogr2ogr writes
C=$OUT/convert    # what roofline convert writes
LOG=$OUT/compare-formats.log
mkdir -p "$G" "$C"
: >"$LOG"

now() { date +%s.%N; }
median3() { printf '%s\n' "$@" | sort -g | sed -n 2p; }
# a file, or a Shapefile with its sidecar files
files() { case $1 in *.shp) for e in shp shx dbf prj cpg; do [ -f "${1%.shp}.$e" ] && echo "${1%.shp}.$e"; done; true ;; *) echo "$1" ;; esac; }
rmout() { files "$1" | xargs -r rm -f; }
mb() { files "$1" | xargs -r stat -c %s | awk '{s += $1} END {printf "%.1f", s / 1e6}'; }
# time3 DST COMMAND...: runs COMMAND 3 times, deleting DST before each run (untimed); prints the median seconds
time3() {
    local dst=$1 t=() t0 t1 i
    shift
    for i in 1 2 3; do
        rmout "$dst"
        t0=$(now); "$@" >>"$LOG" 2>&1; t1=$(now)
        t+=("$(echo "$t1 - $t0" | bc)")
    done
    median3 "${t[@]}"
}
inproc() { awk -v k="$1" '$1 == k {print $2}' "$OUT/roofline-inprocess.txt"; }

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/{print $2}') GiB, java $(java -version 2>&1 | head -1 | cut -d'"' -f2), $(ogr2ogr --version | cut -d, -f1)"
echo "load at start: $(uptime | sed 's/^ *//')"

echo "== Roofline in-process (bench formats): JVM start excluded, writes start from the layer in memory"
java -jar "$JAR" bench formats --count "$COUNT" --out "$OUT" --repeat 3 --warmup 1 | tee "$OUT/roofline-inprocess.txt"

echo "== command lines, each run 3 times, median wall time (process/JVM start, reading and writing included)"
SRC_FP=$OUT/footprints.gpkg
labels=(); ogr=(); cli=(); rkey=(); wkey=(); rfile=(); gfile=()
# compare LABEL SRC DST READ_KEY WRITE_KEY OGR2OGR_OPTIONS...
compare() {
    local label=$1 src=$2 dst=$3 rk=$4 wk=$5 o c
    shift 5
    o=$(time3 "$G/$dst" ogr2ogr "$@" "$G/$dst" "$src")
    c=$(time3 "$C/$dst" java -jar "$JAR" convert "$src" "$C/$dst")
    printf '%-32s ogr2ogr %7.3f s %6s MB   roofline convert %7.3f s %6s MB\n' \
        "$label" "$o" "$(mb "$G/$dst")" "$c" "$(mb "$C/$dst")"
    labels+=("$label"); ogr+=("$o"); cli+=("$c"); rkey+=("$rk"); wkey+=("$wk")
    rfile+=("$OUT/$dst"); gfile+=("$G/$dst")
}
compare "boulder .shp -> .gpkg" "$BOULDER" boulder.gpkg boulder-read-shp boulder-write-gpkg -f GPKG
compare "boulder .shp -> .geojson" "$BOULDER" boulder.geojson boulder-read-shp boulder-write-geojson \
    -f GeoJSON -t_srs EPSG:4326 -lco RFC7946=YES
compare "boulder .shp -> .shp" "$BOULDER" boulder.shp boulder-read-shp boulder-write-shp -f "ESRI Shapefile"
compare "$COUNT fp .gpkg -> .geojson" "$SRC_FP" footprints.geojson synthetic-read-gpkg synthetic-write-geojson \
    -f GeoJSON -t_srs EPSG:4326 -lco RFC7946=YES
compare "$COUNT fp .gpkg -> .shp" "$SRC_FP" footprints.shp synthetic-read-gpkg synthetic-write-shp -f "ESRI Shapefile"
compare "$COUNT fp .gpkg -> .gpkg" "$SRC_FP" footprints.gpkg synthetic-read-gpkg synthetic-write-gpkg -f GPKG
echo "(ogr2ogr's warnings, such as the Shapefile field names it cut to 10 characters, are in $LOG)"

echo "== ratios Roofline / ogr2ogr (same machine, same inputs; below 1 means Roofline took less time)"
echo "   write: in-process write alone; read+write: in-process read + write medians; convert: roofline convert command"
printf '%-32s %9s %9s %6s %10s %6s %9s %6s %10s %10s\n' conversion "ogr2ogr" write ratio "read+write" ratio \
    convert ratio "ogr MB" "roofline MB"
for i in "${!labels[@]}"; do
    r=$(inproc "${rkey[$i]}"); w=$(inproc "${wkey[$i]}")
    rw=$(echo "$r + $w" | bc -l)
    printf '%-32s %7.3f s %7.3f s %5.2fx %8.3f s %5.2fx %7.3f s %5.2fx %10s %10s\n' "${labels[$i]}" "${ogr[$i]}" \
        "$w" "$(echo "$w / ${ogr[$i]}" | bc -l)" "$rw" "$(echo "$rw / ${ogr[$i]}" | bc -l)" \
        "${cli[$i]}" "$(echo "${cli[$i]} / ${ogr[$i]}" | bc -l)" "$(mb "${gfile[$i]}")" "$(mb "${rfile[$i]}")"
done
echo "load at end: $(uptime | sed 's/^ *//')"
