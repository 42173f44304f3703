#!/usr/bin/env bash
# The README's before/after pictures of separating touching roofs: the held-out Banepa tile OAM-386693-220243-19 with
# the outlines 'roofline extract' finds with the previous model (resources/models/previous), with the bundled model,
# and the OpenStreetMap buildings, burnt into the image with GDAL (apt gdal-bin).
# Needs 'mvn -q -DskipTests package' first. Run from anywhere.
set -euo pipefail
cd "$(dirname "$0")/../.."
t=OAM-386693-220243-19
img=resources/samples/fair-banepa/oam/$t.tif
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
burn() { # name, vector file, layer, r g b
    ogr2ogr -f GPKG "$tmp/$1-lines.gpkg" "$2" -dialect sqlite -sql "SELECT ST_Boundary(geom) AS geom FROM \"$3\"" \
        -nln lines -nlt MULTILINESTRING
    gdal_translate -q -of GTiff "$img" "$tmp/$1.tif"
    gdal_rasterize -q -b 1 -b 2 -b 3 -burn "$4" -burn "$5" -burn "$6" -l lines "$tmp/$1-lines.gpkg" "$tmp/$1.tif"
    gdal_translate -q -of JPEG -co QUALITY=85 "$tmp/$1.tif" "resources/screenshots/split-$1.jpg"
    rm -f "resources/screenshots/split-$1.jpg.aux.xml"
}
java -jar app/target/roofline.jar extract "$img" --model resources/models/previous -o "$tmp/before.gpkg" --device cpu
java -jar app/target/roofline.jar extract "$img" -o "$tmp/after.gpkg" --device cpu
burn before "$tmp/before.gpkg" before 255 255 0
burn after "$tmp/after.gpkg" after 255 255 0
ogr2ogr -f GPKG "$tmp/osm.gpkg" resources/samples/fair-banepa/osm/osm_features_ac7e343eb1faacd2.geojson -nln osm
burn osm "$tmp/osm.gpkg" osm 0 255 255
