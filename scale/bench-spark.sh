#!/bin/sh
# Throughput of the local engine against Spark's local mode on the same images (SparkBench): tiles/s, km²/h, the
# ratio, Spark's overhead, and a scaling estimate from the measured per-tile costs.
#   scale/bench-spark.sh IMAGES... [--rounds N] [--master local[*]]
# Default images: the six Banepa tiles in resources/samples/fair-banepa/oam. Needs: mvn -q -DskipTests package.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
[ -f "$here/target/roofline-scale.jar" ] || { echo "bench-spark: build first: mvn -q -DskipTests package" >&2; exit 1; }
if [ $# -eq 0 ] || [ "${1#--}" != "$1" ]; then
    set -- "$root"/resources/samples/fair-banepa/oam/*.tif "$@"
fi
exec java ${ROOFLINE_JAVA_OPTS:--Xmx4g} -Dslf4j.provider=org.slf4j.nop.NOPServiceProvider -Dai.djl.offline=true \
    -cp "$here/target/roofline-scale.jar:$here/target/lib/*:$here/target/lib-spark/*" org.roofline.scale.SparkBench "$@"
