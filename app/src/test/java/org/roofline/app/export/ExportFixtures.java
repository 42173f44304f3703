package org.roofline.app.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.util.AffineTransformation;
import org.roofline.app.session.SessionStore;
import org.roofline.geometry.crs.Crs;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.geometry.footprint.ReviewStatus;
import org.roofline.geometry.io.FootprintLayers;
import org.roofline.geometry.io.format.VectorIo;

/**
 * A real review session for export tests: the 1,466 OpenStreetMap buildings of the Banepa sample (WGS 84), with
 * decisions: ids divisible by 3 accepted, else by 5 rejected, else by 7 edited (moved 1e-6 degrees east), the rest
 * pending.
 */
public final class ExportFixtures {

    public static final Path RESOURCES = Path.of(System.getProperty("roofline.resources", "../resources"));
    public static final Path OSM = RESOURCES.resolve("samples/fair-banepa/osm/osm_features_ac7e343eb1faacd2.geojson");
    public static final Path BANEPA_IMAGE = RESOURCES.resolve("samples/fair-banepa/oam/OAM-386690-220241-19.tif");

    private ExportFixtures() {
    }

    /** The OSM buildings as pending footprints, ids 1..n. */
    public static List<Footprint> osmFootprints() throws IOException {
        FootprintLayers.Imported imported = FootprintLayers.fromLayer(VectorIo.read(OSM));
        assertEquals(Crs.WGS84, imported.crs());
        return imported.footprints();
    }

    /** The decision the fixture makes for an id (see the class comment). */
    public static ReviewStatus decision(long id) {
        return id % 3 == 0 ? ReviewStatus.ACCEPTED : id % 5 == 0 ? ReviewStatus.REJECTED
                : id % 7 == 0 ? ReviewStatus.EDITED : ReviewStatus.PENDING;
    }

    /** Creates the session at {@code file}, makes the decisions through the store and closes it. */
    public static List<Footprint> createSession(Path file) throws IOException {
        List<Footprint> fps = osmFootprints();
        List<Footprint> decided = new ArrayList<>();
        Instant when = Instant.parse("2026-11-28T12:00:00Z");
        try (SessionStore store = SessionStore.create(file, BANEPA_IMAGE, Crs.WGS84, fps, 4)) {
            for (Footprint f : fps) {
                ReviewStatus s = decision(f.id());
                Footprint d = f;
                if (s == ReviewStatus.EDITED) {
                    d = f.withPolygon((Polygon) AffineTransformation.translationInstance(1e-6, 0)
                            .transform(f.polygon()));
                }
                if (s != ReviewStatus.PENDING) {
                    d = d.withStatus(s, when);
                    store.footprintsChanged(List.of(d));
                }
                decided.add(d);
            }
        }
        return decided;
    }

    public static long count(List<Footprint> fps, ReviewStatus... statuses) {
        return fps.stream().filter(f -> List.of(statuses).contains(f.status())).count();
    }

    /** Runs a program and returns its standard output and error; fails the test on a non-zero exit. */
    public static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), String.join(" ", command));
        assertEquals(0, p.exitValue(), text);
        return text;
    }

    /** The feature count {@code ogrinfo -so -al} reports. */
    public static int ogrCount(Path file) throws IOException, InterruptedException {
        String text = run("/usr/bin/ogrinfo", "-so", "-al", file.toString());
        var m = java.util.regex.Pattern.compile("Feature Count: (\\d+)").matcher(text);
        assertTrue(m.find(), text);
        return Integer.parseInt(m.group(1));
    }

    /** The EPSG code GDAL identifies for the file's layer ({@code gdalsrsinfo -o epsg}), or -1. */
    public static int gdalEpsg(Path file) throws IOException, InterruptedException {
        String text = run("/usr/bin/gdalsrsinfo", "-o", "epsg", file.toString());
        var m = java.util.regex.Pattern.compile("EPSG:(\\d+)").matcher(text);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    /** The polygon of the feature whose {@code id} field is {@code id}, as {@code ogrinfo} prints it. */
    public static Polygon ogrPolygon(Path file, long id) throws Exception {
        String text = run("/usr/bin/ogrinfo", "-al", "-q", "-where", "id = " + id, file.toString());
        String wkt = text.lines().map(String::strip).filter(l -> l.startsWith("POLYGON")).findFirst()
                .orElseThrow(() -> new AssertionError(text));
        return (Polygon) new org.locationtech.jts.io.WKTReader().read(wkt);
    }

    /** A point transformed by GDAL's {@code gdaltransform} (PROJ), x = easting or longitude. */
    public static double[] gdalTransform(String from, String to, double x, double y) throws Exception {
        Process p = new ProcessBuilder("/usr/bin/gdaltransform", "-s_srs", from, "-t_srs", to, "-output_xy")
                .redirectErrorStream(true).start();
        p.getOutputStream().write((x + " " + y + "\n").getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), text);
        String[] v = text.lines().reduce((a, b) -> b).orElseThrow().strip().split("\\s+");
        return new double[] {Double.parseDouble(v[0]), Double.parseDouble(v[1])};
    }
}
