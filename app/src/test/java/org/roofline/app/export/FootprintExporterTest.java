package org.roofline.app.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Polygon;
import org.roofline.geometry.crs.Crs;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.geometry.footprint.ReviewStatus;
import org.roofline.geometry.io.FootprintLayers;
import org.roofline.geometry.io.format.VectorIo;
import org.roofline.geometry.io.VectorLayer;

/** Export of a real session (Banepa OSM buildings with decisions) to each format, checked by GDAL and by reading back. */
class FootprintExporterTest {

    @TempDir
    static Path dir;
    static Path session;
    static List<Footprint> decided;

    @BeforeAll
    static void session() throws Exception {
        session = dir.resolve("banepa-review.gpkg");
        decided = ExportFixtures.createSession(session);
    }

    @ParameterizedTest
    @ValueSource(strings = {"kept.shp", "kept.geojson", "kept.gpkg"})
    void keptFootprintsInEachFormat(String name) throws Exception {
        Path out = dir.resolve(name);
        FootprintSnapshot snap = FootprintSnapshot.fromSession(session);
        assertEquals(decided.size(), snap.footprints().size());
        ExportReport r = FootprintExporter.export(snap, ExportRequest.kept(out), FootprintExporter.Listener.NONE);

        long accepted = ExportFixtures.count(decided, ReviewStatus.ACCEPTED);
        long edited = ExportFixtures.count(decided, ReviewStatus.EDITED);
        assertTrue(accepted > 100 && edited > 50, accepted + " " + edited);
        assertEquals(accepted + edited, r.written());
        assertEquals(r.written(), r.readBack());
        assertEquals(Map.of(ReviewStatus.ACCEPTED, (int) accepted, ReviewStatus.EDITED, (int) edited), r.byStatus());
        assertEquals("Wrote " + (accepted + edited) + " footprints (accepted " + accepted + ", edited " + edited
                + ") to " + out + " (read back: " + (accepted + edited) + ")", r.summary());

        // GDAL, independently
        assertEquals(accepted + edited, ExportFixtures.ogrCount(out));
        assertEquals(4326, ExportFixtures.gdalEpsg(out));

        // our reader: the ids and statuses of the kept footprints, the edited polygons as edited
        List<Footprint> back = FootprintLayers.fromLayer(VectorIo.read(out)).footprints();
        for (Footprint b : back) {
            Footprint d = decided.get((int) b.id() - 1);
            assertEquals(d.id(), b.id());
            assertEquals(d.status(), b.status());
            assertTrue(d.polygon().norm().equalsExact(b.polygon().norm(), 1e-9), "footprint " + b.id());
        }
    }

    @Test
    void statusFilter() throws Exception {
        FootprintSnapshot snap = FootprintSnapshot.fromSession(session);
        Path rejected = dir.resolve("rejected.gpkg");
        ExportReport r = FootprintExporter.export(snap,
                new ExportRequest(rejected, ExportStatuses.parse("rejected"), null), FootprintExporter.Listener.NONE);
        assertEquals(ExportFixtures.count(decided, ReviewStatus.REJECTED), r.written());
        for (Footprint f : FootprintLayers.fromLayer(VectorIo.read(rejected)).footprints()) {
            assertEquals(ReviewStatus.REJECTED, f.status());
            assertEquals(ReviewStatus.REJECTED, ExportFixtures.decision(f.id()));
        }
        Path all = dir.resolve("all.shp");
        ExportReport a = FootprintExporter.export(snap, new ExportRequest(all, ExportStatuses.parse("all"), null),
                FootprintExporter.Listener.NONE);
        assertEquals(decided.size(), a.written());
        assertEquals(decided.size(), ExportFixtures.ogrCount(all));
        assertEquals(4, a.byStatus().size());
    }

    @Test
    void reprojectionToUtm() throws Exception {
        Path out = dir.resolve("utm.gpkg");
        ExportReport r = FootprintExporter.export(FootprintSnapshot.fromSession(session),
                new ExportRequest(out, ExportStatuses.ALL, Crs.epsg(32645)), FootprintExporter.Listener.NONE);
        assertEquals(Crs.epsg(32645), r.crs());
        assertEquals(32645, ExportFixtures.gdalEpsg(out));
        // GDAL/PROJ, independently: a vertex of the first building transformed by gdaltransform is where ogrinfo
        // reads it in the file, to the millimetre (no datum change between WGS 84 and UTM)
        Footprint first = decided.get(0);
        Polygon utm = ExportFixtures.ogrPolygon(out, first.id());
        assertEquals(first.polygon().getNumPoints(), utm.getNumPoints());
        Coordinate v0 = first.polygon().getExteriorRing().getCoordinateN(0);
        double[] expected = ExportFixtures.gdalTransform("EPSG:4326", "EPSG:32645", v0.x, v0.y);
        assertTrue(expected[0] > 300_000 && expected[0] < 400_000 && expected[1] > 3_000_000,
                expected[0] + " " + expected[1]);
        double nearest = Double.MAX_VALUE;
        for (Coordinate c : utm.getCoordinates()) {
            nearest = Math.min(nearest, c.distance(new Coordinate(expected[0], expected[1])));
        }
        assertTrue(nearest < 0.001, "nearest vertex " + nearest + " m away");

        // GeoJSON with a target CRS keeps it (legacy crs member), which GDAL reads
        Path geojson = dir.resolve("utm.geojson");
        FootprintExporter.export(FootprintSnapshot.fromSession(session),
                new ExportRequest(geojson, ExportStatuses.KEPT, Crs.epsg(32645)), FootprintExporter.Listener.NONE);
        assertEquals(32645, ExportFixtures.gdalEpsg(geojson));
    }

    @Test
    void liveModelSnapshotInPixelCoordinatesCannotBeReprojected() throws Exception {
        FootprintSnapshot snap = new FootprintSnapshot(decided, null, "the review");
        ExportException e = assertThrows(ExportException.class, () -> FootprintExporter.export(snap,
                new ExportRequest(dir.resolve("px.gpkg"), ExportStatuses.ALL, Crs.epsg(32645)),
                FootprintExporter.Listener.NONE));
        assertEquals("the review: the footprints are in pixel coordinates (no CRS): they cannot be reprojected to "
                + Crs.epsg(32645), e.getMessage());
        assertFalse(Files.exists(dir.resolve("px.gpkg")));
    }

    @Test
    void errorsNameTheFile() throws Exception {
        Path missing = dir.resolve("nope.gpkg");
        ExportException e = assertThrows(ExportException.class, () -> FootprintSnapshot.fromSession(missing));
        assertEquals(missing + ": no such file", e.getMessage());

        Path plain = dir.resolve("plain.gpkg");
        VectorLayer osm = VectorIo.read(ExportFixtures.OSM);
        VectorIo.write(osm, plain);
        e = assertThrows(ExportException.class, () -> FootprintSnapshot.fromSession(plain));
        assertTrue(e.getMessage().startsWith(plain + ": not a Roofline review session"), e.getMessage());

        Path text = dir.resolve("text.gpkg");
        Files.writeString(text, "hello");
        e = assertThrows(ExportException.class, () -> FootprintSnapshot.fromSession(text));
        assertTrue(e.getMessage().startsWith(text + ": not a GeoPackage"), e.getMessage());

        FootprintSnapshot snap = FootprintSnapshot.fromSession(session);
        Path noDir = dir.resolve("no-such-dir/out.shp");
        e = assertThrows(ExportException.class, () -> FootprintExporter.export(snap, ExportRequest.kept(noDir),
                FootprintExporter.Listener.NONE));
        assertEquals(noDir + ": cannot write: directory " + noDir.getParent() + " does not exist", e.getMessage());

        Path kml = dir.resolve("out.kml");
        e = assertThrows(ExportException.class, () -> FootprintExporter.export(snap, ExportRequest.kept(kml),
                FootprintExporter.Listener.NONE));
        assertEquals(kml + ": unknown vector format: use .shp, .geojson or .gpkg", e.getMessage());
        assertFalse(Files.exists(kml));
    }

    @Test
    void statusParsing() {
        assertEquals(ExportStatuses.ALL, ExportStatuses.parse(" ALL "));
        assertEquals(Set.of(ReviewStatus.ACCEPTED, ReviewStatus.PENDING), ExportStatuses.parse("accepted, pending"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ExportStatuses.parse("accepted,kept"));
        assertEquals("unknown status 'kept': expected all, or a list of pending, accepted, rejected, edited",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ExportStatuses.parse(" , "));
        assertEquals("accepted,edited", ExportStatuses.format(ExportStatuses.KEPT));
    }
}
