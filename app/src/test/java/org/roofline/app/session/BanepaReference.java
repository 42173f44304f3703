package org.roofline.app.session;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.util.AffineTransformation;
import org.roofline.geometry.crs.Crs;
import org.roofline.geometry.crs.CrsTransform;
import org.roofline.geometry.io.VectorFeature;
import org.roofline.geometry.io.VectorLayer;
import org.roofline.geometry.io.format.VectorIo;

/**
 * Real test data for reviewing against a map: the bundled Banepa sample (its drone image and the 144 footprints the
 * bundled model extracted) and the OpenStreetMap buildings of the same place ({@code
 * resources/samples/fair-banepa/osm/}, (c) OpenStreetMap contributors, ODbL) written as the OSM XML that JOSM saves:
 * ways with positive ids, version 3, nodes with positive ids and version 2, tagged as in the source. Optionally with
 * every n-th building left out (so the footprints over it are new) and shifted by a known amount (metres, in UTM 45N).
 */
public final class BanepaReference {

    public static final Path RESOURCES = Path.of(System.getProperty("roofline.resources", "../resources"));
    public static final Path SAMPLE = RESOURCES.resolve("samples/banepa-2x2");
    public static final Path OSM = RESOURCES.resolve("samples/fair-banepa/osm/osm_features_ac7e343eb1faacd2.geojson");
    /** The id of a way's first node is {@code NODE_BASE * way index + 1}. */
    private static final long NODE_BASE = 1000;

    private BanepaReference() {
    }

    /** Copies the sample's image and footprints into a folder; @return the image */
    public static Path copySample(Path dir) throws IOException {
        for (String name : new String[] {"banepa-2x2.tif", "banepa-2x2.footprints.gpkg"}) {
            Files.copy(SAMPLE.resolve(name), dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
        return dir.resolve("banepa-2x2.tif");
    }

    /** @return the sample's footprints file in a folder {@link #copySample} filled */
    public static Path footprints(Path dir) {
        return dir.resolve("banepa-2x2.footprints.gpkg");
    }

    /**
     * Writes the OSM buildings as OSM XML.
     *
     * @param dropEvery leave out every n-th building (index % n == 0), 0 for none
     * @param dxMetres  shift east, metres
     * @param dyMetres  shift north, metres
     */
    public static Path writeOsm(Path file, int dropEvery, double dxMetres, double dyMetres) throws IOException {
        VectorLayer osm = VectorIo.read(OSM);
        Crs utm = Crs.epsg(32645);
        CrsTransform toUtm = CrsTransform.of(Crs.WGS84, utm);
        CrsTransform back = CrsTransform.of(utm, Crs.WGS84);
        AffineTransformation shift = AffineTransformation.translationInstance(dxMetres, dyMetres);
        StringBuilder nodes = new StringBuilder();
        StringBuilder ways = new StringBuilder();
        for (int i = 0; i < osm.features().size(); i++) {
            if (dropEvery > 0 && i % dropEvery == 0) {
                continue;
            }
            VectorFeature f = osm.features().get(i);
            Geometry g = back.transform(shift.transform(toUtm.transform(f.geometry())));
            Polygon p = (Polygon) g;
            Coordinate[] c = p.getExteriorRing().getCoordinates();
            ways.append(String.format(Locale.ROOT, "  <way id=\"%d\" version=\"3\">%n", (Long) f.get("osm_id")));
            long first = NODE_BASE * (i + 1) + 1;
            for (int k = 0; k < c.length - 1; k++) {
                nodes.append(String.format(Locale.ROOT,
                        "  <node id=\"%d\" version=\"2\" lat=\"%.7f\" lon=\"%.7f\"/>%n", first + k, c[k].y, c[k].x));
                ways.append(String.format(Locale.ROOT, "    <nd ref=\"%d\"/>%n", first + k));
            }
            ways.append(String.format(Locale.ROOT, "    <nd ref=\"%d\"/>%n", first));
            ways.append(String.format(Locale.ROOT, "    <tag k=\"building\" v=\"%s\"/>%n",
                    f.get("building") == null ? "yes" : f.get("building")));
            ways.append("  </way>\n");
        }
        Files.writeString(file, "<?xml version='1.0' encoding='UTF-8'?>\n<osm version=\"0.6\" generator=\"test\">\n"
                + nodes + ways + "</osm>\n", StandardCharsets.UTF_8);
        return file;
    }

    /**
     * Runs GDAL's {@code ogrinfo} with the arguments: its output, checked for exit code 0 and no ERROR. Skips the
     * test when ogrinfo is missing, unless CI is set (then it fails: {@code .ci/run} installs it).
     */
    public static String ogrinfo(String... args) throws IOException, InterruptedException {
        String ogr = SessionStoreTest.findOgrinfo();
        if (ogr == null) {
            org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("CI") != null, "ogrinfo not installed");
            throw new AssertionError("ogrinfo not installed, and CI is set");
        }
        List<String> command = new ArrayList<>(List.of(ogr));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("ogrinfo did not finish: " + command);
        }
        if (p.exitValue() != 0 || text.contains("ERROR")) {
            throw new AssertionError("ogrinfo " + command + " failed:\n" + text);
        }
        return text;
    }

    /** @return the osm_ids of the OSM buildings, in file order */
    public static List<Long> osmIds() throws IOException {
        List<Long> ids = new ArrayList<>();
        for (VectorFeature f : VectorIo.read(OSM).features()) {
            ids.add((Long) f.get("osm_id"));
        }
        return ids;
    }
}
