#!/usr/bin/env bash
# CPU inference cost per km² of the bundled model against the previous one (resources/models/previous), on the
# bundled sample (1024 x 1024 px at 0.132 m, 0.0183 km²): 'roofline extract' run alternately, medians of N runs each.
#   resources/models/compare-inference-cost.sh [N]      (needs 'mvn -q -DskipTests package' first)
set -euo pipefail
cd "$(dirname "$0")/../.."
n=${1:-3}
image=resources/samples/banepa-2x2/banepa-2x2.tif
km2=0.0183
out=$(mktemp -d)
declare -A times
for i in $(seq "$n"); do
    for m in previous current; do
        dir=resources/models; [ "$m" = previous ] && dir=resources/models/previous
        s=$(date +%s.%N)
        java -jar app/target/roofline.jar extract "$image" --model "$dir" -o "$out/$m.gpkg" --device cpu >/dev/null 2>&1
        times[$m]="${times[$m]:-} $(echo "$(date +%s.%N) - $s" | bc)"
    done
done
median() { tr ' ' '\n' <<<"$1" | grep . | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
p=$(median "${times[previous]}"); c=$(median "${times[current]}")
printf 'previous model: %.2f s (%.0f s/km²)\ncurrent model:  %.2f s (%.0f s/km²)\nratio current/previous: %.2f\n' \
    "$p" "$(echo "$p/$km2" | bc -l)" "$c" "$(echo "$c/$km2" | bc -l)" "$(echo "$c/$p" | bc -l)"
rm -rf "$out"
