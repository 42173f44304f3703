#!/usr/bin/env bash
# Building-level figures of a model on the images the bundled model holds out, per area, through the whole
# extraction ('roofline extract') and 'roofline evaluate' (IoU >= 0.5, one-to-one, clipped to each image).
#
#   resources/models/evaluate-held-out.sh [MODEL_DIR] [DATA_DIR] [OUT_DIR]
#
# MODEL_DIR: a model trained by 'roofline train' (default: resources/models, the bundled one).
# DATA_DIR:  a folder with fair-banepa/ and fair-kampala/ as in resources/samples (default: resources/samples, which
#            holds the six held-out Banepa tiles, their OpenStreetMap buildings and the two held-out Kampala chips).
# Needs 'mvn -q -DskipTests package' first. Prints a table per area; JSON reports go to OUT_DIR (default target/held-out).
set -euo pipefail
cd "$(dirname "$0")/../.."
model=${1:-resources/models}
data=${2:-resources/samples}
out=${3:-target/held-out}
mkdir -p "$out"
roofline() { java -jar app/target/roofline.jar "$@"; }

banepa=(OAM-386690-220241-19 OAM-386690-220242-19 OAM-386691-220241-19 OAM-386691-220242-19 OAM-386693-220243-19
        OAM-386695-220245-19)
kampala=(OAM-309613-261633-19 OAM-309614-261633-19)

preds=(); images=()
for t in "${banepa[@]}"; do
    roofline extract "$data/fair-banepa/oam/$t.tif" --model "$model" -o "$out/$t.gpkg" --device cpu > /dev/null 2>&1
    preds+=("$out/$t.gpkg"); images+=("$data/fair-banepa/oam/$t.tif")
done
echo "== Banepa: 6 held-out tiles against their OpenStreetMap buildings"
roofline evaluate "${preds[@]}" --truth "$data/fair-banepa/osm/osm_features_ac7e343eb1faacd2.geojson" \
    $(printf -- '--image %s ' "${images[@]}") --json "$out/banepa.json"

preds=(); images=(); truths=()
for t in "${kampala[@]}"; do
    roofline extract "$data/fair-kampala/chips/$t.tif" --model "$model" -o "$out/$t.gpkg" --device cpu > /dev/null 2>&1
    preds+=("$out/$t.gpkg"); images+=("$data/fair-kampala/chips/$t.tif"); truths+=("$data/fair-kampala/labels/$t.geojson")
done
echo "== Kampala: 2 held-out z19 chips against their labels"
roofline evaluate "${preds[@]}" $(printf -- '--truth %s ' "${truths[@]}") $(printf -- '--image %s ' "${images[@]}") \
    --json "$out/kampala.json"
