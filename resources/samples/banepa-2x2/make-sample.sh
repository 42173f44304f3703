#!/bin/sh
# Rebuilds the bundled sample from the four Banepa tiles in ../fair-banepa/oam (see ../NOTICE.md):
# a 2 x 2 mosaic (1024 x 1024, EPSG:4326, ~0.13 m), tiled JPEG-in-GeoTIFF (YCbCr, quality 90), and the footprints the
# bundled model extracts from it, with their outlines before regularization (table original_outlines).
# Needs gdal-bin and the jar: mvn -q -DskipTests package (from the repository root).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
gdalbuildvrt -q "$tmp/banepa.vrt" "$here"/../fair-banepa/oam/OAM-38669[01]-22024[12]-19.tif
gdal_translate -q -co COMPRESS=JPEG -co PHOTOMETRIC=YCBCR -co JPEG_QUALITY=90 -co TILED=YES \
    "$tmp/banepa.vrt" "$here/banepa-2x2.tif"
rm -f "$here/banepa-2x2.footprints.gpkg"
java -jar "$root/app/target/roofline.jar" extract "$here/banepa-2x2.tif" \
    --out "$here/banepa-2x2.footprints.gpkg" --keep-originals
