package org.roofline.geometry.conflate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.util.AffineTransformation;
import org.locationtech.jts.index.strtree.STRtree;
import org.roofline.geometry.crs.Crs;
import org.roofline.geometry.crs.CrsTransform;
import org.roofline.geometry.crs.ExternalTools;
import org.roofline.geometry.io.geojson.GeoJsonReader;
import org.roofline.geometry.io.VectorFeature;
import org.roofline.geometry.io.VectorLayer;
import org.roofline.geometry.io.osm.OsmBuilding;
import org.roofline.geometry.io.osm.OsmChangeWriter;
import org.roofline.geometry.io.osm.OsmType;
import org.roofline.geometry.io.osm.OsmXmlReader;

/**
 * Conflation on real buildings: the 1466 OpenStreetMap buildings of the Banepa tiles ({@code
 * resources/samples/fair-banepa/osm/}, (c) OpenStreetMap contributors, ODbL) in UTM zone 45N, made into a reference
 * and a set of "extracted" footprints with a known truth: every 20th building is dropped from the reference (a new
 * footprint), every 20th (offset by one) from the footprints (a reference building not found), every 20th (offset by
 * two) grown to 1.5 times its size in each direction (changed), and every 20th (offset by three) merged with its
 * nearest neighbour into their convex hull (one footprint over two references: all three changed); growing and merging
 * are done only where the result overlaps no third building, so the truth stays what the construction says. Every
 * footprint is then traced as a model would: moved by its own random shift (normal, 0.2 m per axis) and each vertex
 * jittered by up to 0.15 m, so pairs never fit exactly and small buildings may fall under the IoU threshold.
 */
class ConflateBanepaTest {

    private static final Crs UTM45N = Crs.epsg(32645);
    private static final int PERIOD = 20;

    private static final List<Long> IDS = new ArrayList<>();
    private static final List<String> BUILDING = new ArrayList<>();
    private static final List<Polygon> WGS84 = new ArrayList<>();
    private static final List<Polygon> METRES = new ArrayList<>();

    /** The scene: footprints, references (indexes into the buildings), and the truth of each. */
    record Scene(List<Geometry> footprints, List<ChangeClass> footprintTruth, List<Integer> referenceBuildings,
            List<ChangeClass> referenceTruth) {
        List<Geometry> references() {
            return referenceBuildings.stream().map(i -> (Geometry) METRES.get(i)).toList();
        }
    }

    private static Scene scene;

    @BeforeAll
    static void load() throws IOException {
        Path file = ExternalTools.samples().resolve("fair-banepa/osm/osm_features_ac7e343eb1faacd2.geojson");
        assertTrue(Files.isRegularFile(file), "sample missing: " + file);
        VectorLayer layer = new GeoJsonReader().read(file);
        CrsTransform toUtm = CrsTransform.of(Crs.WGS84, UTM45N);
        for (VectorFeature f : layer.features()) {
            IDS.add((Long) f.get("osm_id"));
            BUILDING.add((String) f.get("building"));
            WGS84.add((Polygon) f.geometry());
            METRES.add((Polygon) toUtm.transform(f.geometry()));
        }
        assertEquals(1466, METRES.size());
        scene = scene();
    }

    private static Scene scene() {
        int n = METRES.size();
        STRtree index = new STRtree();
        for (int i = 0; i < n; i++) {
            index.insert(METRES.get(i).getEnvelopeInternal(), i);
        }
        String[] role = new String[n];
        Arrays.fill(role, "same");
        int[] mergedWith = new int[n];
        Arrays.fill(mergedWith, -1);
        Map<Integer, Geometry> grownOrMerged = new HashMap<>();
        for (int i = 0; i < n; i++) {
            if (!role[i].equals("same")) {
                continue;
            }
            switch (i % PERIOD) {
                case 0 -> role[i] = "new";
                case 1 -> role[i] = "not_found";
                case 2 -> {
                    Polygon p = METRES.get(i);
                    Coordinate c = p.getCentroid().getCoordinate();
                    Geometry grown = AffineTransformation.scaleInstance(1.5, 1.5, c.x, c.y).transform(p);
                    if (touchesOnly(grown, index, i, -1)) {
                        role[i] = "grown";
                        grownOrMerged.put(i, grown);
                    }
                }
                case 3 -> {
                    int j = nearest(i, index, role);
                    if (j >= 0) {
                        Geometry hull = METRES.get(i).union(METRES.get(j)).convexHull();
                        if (touchesOnly(hull, index, i, j)) {
                            role[i] = "merged";
                            role[j] = "merged-into";
                            mergedWith[i] = j;
                            grownOrMerged.put(i, hull);
                        }
                    }
                }
                default -> {
                }
            }
        }
        List<Geometry> footprints = new ArrayList<>();
        List<ChangeClass> fpTruth = new ArrayList<>();
        List<Integer> refs = new ArrayList<>();
        List<ChangeClass> refTruth = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            switch (role[i]) {
                case "new" -> {
                    footprints.add(METRES.get(i));
                    fpTruth.add(ChangeClass.NEW);
                }
                case "not_found" -> {
                    refs.add(i);
                    refTruth.add(ChangeClass.NOT_FOUND);
                }
                case "grown", "merged" -> {
                    footprints.add(grownOrMerged.get(i));
                    fpTruth.add(ChangeClass.CHANGED);
                    refs.add(i);
                    refTruth.add(ChangeClass.CHANGED);
                }
                case "merged-into" -> {
                    refs.add(i);
                    refTruth.add(ChangeClass.CHANGED);
                }
                default -> {
                    footprints.add(METRES.get(i));
                    fpTruth.add(ChangeClass.UNCHANGED);
                    refs.add(i);
                    refTruth.add(ChangeClass.UNCHANGED);
                }
            }
        }
        java.util.SplittableRandom random = new java.util.SplittableRandom(14);
        List<Geometry> traced = new ArrayList<>();
        for (Geometry g : footprints) {
            double dx = 0.2 * gaussian(random);
            double dy = 0.2 * gaussian(random);
            Coordinate[] ring = ((Polygon) g).getExteriorRing().getCoordinates();
            Coordinate[] moved = new Coordinate[ring.length];
            for (int k = 0; k < ring.length - 1; k++) {
                moved[k] = new Coordinate(ring[k].x + dx + random.nextDouble(-0.15, 0.15),
                        ring[k].y + dy + random.nextDouble(-0.15, 0.15));
            }
            moved[ring.length - 1] = moved[0].copy();
            Geometry copy = g.getFactory().createPolygon(moved); // the Banepa buildings have no holes
            traced.add(copy);
        }
        return new Scene(traced, fpTruth, refs, refTruth);
    }

    private static double gaussian(java.util.SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    /** Whether a shape overlaps no building but i and j (a touch along a wall is no overlap). */
    private static boolean touchesOnly(Geometry shape, STRtree index, int i, int j) {
        @SuppressWarnings("unchecked")
        List<Integer> near = index.query(shape.getEnvelopeInternal());
        for (int k : near) {
            if (k != i && k != j && shape.intersection(METRES.get(k)).getArea() > 0.01) {
                return false;
            }
        }
        return true;
    }

    /** The nearest building within 2 m still in the role "same", or -1. */
    private static int nearest(int i, STRtree index, String[] role) {
        Polygon p = METRES.get(i);
        @SuppressWarnings("unchecked")
        List<Integer> near = index.query(p.getEnvelopeInternal().copy());
        org.locationtech.jts.geom.Envelope e = p.getEnvelopeInternal().copy();
        e.expandBy(2);
        near = index.query(e);
        int best = -1;
        double bestDistance = 2;
        for (int k : near) {
            if (k != i && role[k].equals("same") && k % PERIOD > 3) {
                double d = p.distance(METRES.get(k));
                if (d <= bestDistance) {
                    bestDistance = d;
                    best = k;
                }
            }
        }
        return best;
    }

    /** The share of footprints and references whose class is the truth's; and the counts of each truth. */
    private static double shareRight(Conflation c, Scene s, String what) {
        int right = 0;
        Map<String, int[]> confusion = new LinkedHashMap<>();
        for (int i = 0; i < s.footprints().size(); i++) {
            ChangeClass got = c.footprint(i).changeClass();
            right += got == s.footprintTruth().get(i) ? 1 : 0;
            confusion.computeIfAbsent("footprint " + s.footprintTruth().get(i).label() + " -> " + got.label(),
                    k -> new int[1])[0]++;
        }
        for (int r = 0; r < s.referenceBuildings().size(); r++) {
            ChangeClass got = c.reference(r).changeClass();
            right += got == s.referenceTruth().get(r) ? 1 : 0;
            confusion.computeIfAbsent("reference " + s.referenceTruth().get(r).label() + " -> " + got.label(),
                    k -> new int[1])[0]++;
        }
        int total = s.footprints().size() + s.referenceBuildings().size();
        double share = right / (double) total;
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "Banepa %s: %d of %d classed right (%.1f %%):",
                what, right, total, 100 * share));
        confusion.forEach((k, v) -> line.append(' ').append(k).append(' ').append(v[0]).append(';'));
        System.out.println(line);
        return share;
    }

    @Test
    void classesAgainstTheKnownTruth() {
        Scene s = scene;
        long changed = s.footprintTruth().stream().filter(t -> t == ChangeClass.CHANGED).count();
        assertTrue(changed > 20, "grown and merged buildings: " + changed);
        Conflation c = new ReferenceMatcher().match(s.footprints(), s.references());
        double share = shareRight(c, s, "as built");
        assertTrue(share >= 0.97, "share classed right " + share);
    }

    @Test
    void estimatesKnownShiftsWithin30Centimetres() {
        for (double[] shift : new double[][] {{0.6, -0.8}, {1.5, 2.0}, {-2.5, 0}}) {
            AffineTransformation t = AffineTransformation.translationInstance(shift[0], shift[1]);
            List<Geometry> shifted = scene.footprints().stream().map(t::transform).toList();
            Conflation before = new ReferenceMatcher().match(shifted, scene.references());
            double shareBefore = shareRight(before, scene, String.format(Locale.ROOT, "shifted %.1f m, not corrected",
                    Math.hypot(shift[0], shift[1])));
            long start = System.nanoTime();
            ImageryOffset o = new OffsetEstimator().estimate(shifted, scene.references(), new ReferenceMatcher());
            double error = Math.hypot(o.dx() - shift[0], o.dy() - shift[1]);
            System.out.printf(Locale.ROOT, "Banepa shift (%.2f, %.2f) m: %s, error %.3f m, %.2f s%n", shift[0],
                    shift[1], o, error, (System.nanoTime() - start) / 1e9);
            assertTrue(error < 0.3, "offset error " + error + " m: " + o);
            assertTrue(o.significant(), o.toString());
            List<Geometry> corrected = scene.references().stream().map(o::applyTo).toList();
            double shareAfter = shareRight(new ReferenceMatcher().match(shifted, corrected), scene,
                    "shift corrected");
            assertTrue(shareAfter >= 0.97 && shareAfter >= shareBefore, shareBefore + " -> " + shareAfter);
        }
    }

    @Test
    void osmXmlOfTheReferenceReadsBackAndGdalAgrees(@TempDir Path dir) throws IOException, InterruptedException {
        List<OsmChangeWriter.Change> changes = new ArrayList<>();
        for (int i : scene.referenceBuildings()) {
            OsmBuilding b = new OsmBuilding(OsmType.WAY, IDS.get(i), 1, Map.of("building", BUILDING.get(i)),
                    WGS84.get(i), List.of());
            changes.add(new OsmChangeWriter.Modify(b, WGS84.get(i)));
        }
        Path osm = dir.resolve("banepa-reference.osm");
        new OsmChangeWriter("Banepa test").write(changes, osm);

        OsmXmlReader.Result read = new OsmXmlReader().readBuildings(osm);
        assertEquals(0, read.incomplete());
        assertEquals(scene.referenceBuildings().size(), read.buildings().size());
        CrsTransform toUtm = CrsTransform.of(Crs.WGS84, UTM45N);
        List<Geometry> references = new ArrayList<>();
        for (int k = 0; k < read.buildings().size(); k++) {
            OsmBuilding b = read.buildings().get(k);
            int i = scene.referenceBuildings().get(k);
            assertEquals(IDS.get(i), b.id());
            assertEquals(1, b.version());
            assertEquals(BUILDING.get(i), b.tags().get("building"));
            assertTrue(b.geometry().equalsExact(WGS84.get(i), 1e-9), "way " + b.id());
            references.add(toUtm.transform(b.geometry()));
        }
        Conflation fromOsm = new ReferenceMatcher().match(scene.footprints(), references);
        Conflation fromGeoJson = new ReferenceMatcher().match(scene.footprints(), scene.references());
        assertEquals(fromGeoJson.footprints().stream().map(Match::changeClass).toList(),
                fromOsm.footprints().stream().map(Match::changeClass).toList());
        assertEquals(fromGeoJson.references().stream().map(Match::changeClass).toList(),
                fromOsm.references().stream().map(Match::changeClass).toList());

        assumeTrue(ExternalTools.onPath("ogrinfo"), "GDAL's ogrinfo is not installed");
        String gdal = ExternalTools.run(null, "ogrinfo", "--config", "OSM_USE_CUSTOM_INDEXING", "NO", "-ro", "-q",
                osm.toString(), "multipolygons");
        assertEquals(scene.referenceBuildings().size(),
                Pattern.compile("OGRFeature\\(multipolygons\\)").matcher(gdal).results().count());
        assertTrue(gdal.contains("osm_way_id (String) = " + IDS.get(scene.referenceBuildings().get(0))));
    }
}
