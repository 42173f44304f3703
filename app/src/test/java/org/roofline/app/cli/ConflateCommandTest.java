package org.roofline.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.util.AffineTransformation;
import org.roofline.geometry.crs.Crs;
import org.roofline.geometry.crs.CrsTransform;
import org.roofline.geometry.io.VectorFeature;
import org.roofline.geometry.io.format.VectorIo;
import org.roofline.geometry.io.VectorLayer;
import org.roofline.geometry.io.osm.OsmBuilding;
import org.roofline.geometry.io.osm.OsmChangeWriter;
import org.roofline.geometry.io.osm.OsmType;
import org.roofline.geometry.io.osm.OsmXmlReader;

/**
 * {@code roofline conflate} on the Banepa OpenStreetMap buildings ({@code resources/samples/fair-banepa/osm/}): a
 * reference written as OSM XML with every 10th building left out (so new) and footprints without every 10th (offset
 * by one: not found), shifted by 1.5 m east; and the bundled sample's model footprints against the real OSM map.
 */
class ConflateCommandTest {

    @TempDir
    Path tmp;

    static Path osmSample() {
        return Path.of(System.getProperty("roofline.resources", "../resources"))
                .resolve("samples/fair-banepa/osm/osm_features_ac7e343eb1faacd2.geojson");
    }

    private static Map<String, Integer> classes(VectorLayer layer) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (VectorFeature f : layer.features()) {
            counts.merge((String) f.get("change_class"), 1, Integer::sum);
        }
        return counts;
    }

    @Test
    void osmReferenceWithKnownTruthAndShift() throws IOException, InterruptedException {
        VectorLayer osm = VectorIo.read(osmSample());
        Crs utm = Crs.epsg(32645);
        CrsTransform toUtm = CrsTransform.of(Crs.WGS84, utm);
        CrsTransform back = CrsTransform.of(utm, Crs.WGS84);
        AffineTransformation shift = AffineTransformation.translationInstance(1.5, 0);
        List<OsmChangeWriter.Modify> reference = new ArrayList<>();
        List<VectorFeature> footprints = new ArrayList<>();
        for (int i = 0; i < osm.features().size(); i++) {
            VectorFeature f = osm.features().get(i);
            Polygon p = (Polygon) f.geometry();
            if (i % 10 != 0) {
                reference.add(new OsmChangeWriter.Modify(new OsmBuilding(OsmType.WAY, (Long) f.get("osm_id"), 3,
                        Map.of("building", (String) f.get("building")), p, List.of()), p));
            }
            if (i % 10 != 1) {
                Geometry moved = back.transform(shift.transform(toUtm.transform(p)));
                footprints.add(new VectorFeature(moved, Map.of("id", (long) i)));
            }
        }
        Path ref = tmp.resolve("reference.osm");
        new OsmChangeWriter("test").write(reference, ref);
        Path fp = tmp.resolve("footprints.gpkg");
        VectorIo.write(new VectorLayer("footprints", Crs.WGS84,
                List.of(new org.roofline.geometry.io.FieldDef("id", org.roofline.geometry.io.FieldType.INTEGER)),
                footprints), fp);

        Path out = tmp.resolve("classes.gpkg");
        Path newWays = tmp.resolve("new.osm");
        ConvertCommandTest.Run r = ConvertCommandTest.run("conflate", fp.toString(), "--reference", ref.toString(),
                "--out", out.toString(), "--remove-offset", "--osm-new", newWays.toString(), "--source",
                "Banepa OAM 2019");
        assertEquals(0, r.exit(), r.err());
        System.out.print(r.out());
        Matcher m = Pattern.compile("matched in EPSG:32645 .*offset dx (-?[\\d.]+), dy (-?[\\d.]+) m")
                .matcher(r.out());
        assertTrue(m.find(), r.out());
        assertEquals(1.5, Double.parseDouble(m.group(1)), 0.3);
        assertEquals(0, Double.parseDouble(m.group(2)), 0.3);
        assertTrue(r.out().contains("removed"), r.out());

        VectorLayer written = VectorIo.read(out);
        Map<String, Integer> counts = classes(written);
        int n = osm.features().size();
        int expectedNew = (n + 9) / 10;
        int expectedNotFound = (n + 8) / 10;
        assertEquals(expectedNew, counts.get("new"), counts.toString());
        assertEquals(expectedNotFound, counts.get("not_found"), counts.toString());
        assertTrue(counts.getOrDefault("changed", 0) <= 5, counts.toString());
        assertEquals(footprints.size() + expectedNotFound, written.features().size());
        VectorFeature first = written.features().get(1); // footprint 2, kept on both sides
        assertEquals("unchanged", first.get("change_class"));
        assertEquals(osm.features().get(2).get("osm_id").toString(), first.get("ref_id"));
        assertEquals("one_to_one", first.get("match_kind"));
        assertEquals("footprints", first.get("origin"));
        assertTrue((Double) first.get("match_iou") > 0.99);

        OsmXmlReader.Result created = new OsmXmlReader().readBuildings(newWays);
        assertEquals(expectedNew, created.buildings().size());
        assertTrue(created.buildings().stream().allMatch(b -> b.id() < 0
                && b.tags().equals(Map.of("building", "yes", "source", "Banepa OAM 2019"))));
        if (onPath("ogrinfo")) {
            // GDAL's OSM driver needs its custom node index off for negative (new) node ids
            String gdal = ogrinfo("--config", "OSM_USE_CUSTOM_INDEXING", "NO", "-ro", "-q", newWays.toString(),
                    "multipolygons");
            assertEquals(expectedNew, Pattern.compile("OGRFeature\\(multipolygons\\)").matcher(gdal).results()
                    .count(), gdal);
            String summary = ogrinfo("-ro", "-al", "-so", out.toString());
            assertTrue(summary.contains("change_class: String"), summary);
        }
    }

    static boolean onPath(String program) {
        return java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
    }

    static String ogrinfo(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("ogrinfo"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), text);
        assertFalse(text.contains("ERROR"), text);
        return text;
    }

    @Test
    void bundledSampleAgainstTheRealMap() throws IOException {
        Path fp = Path.of(System.getProperty("roofline.resources", "../resources"))
                .resolve("samples/banepa-2x2/banepa-2x2.footprints.gpkg");
        Path out = tmp.resolve("sample.geojson");
        ConvertCommandTest.Run r = ConvertCommandTest.run("conflate", fp.toString(), "--reference",
                osmSample().toString(), "--out", out.toString(), "--image",
                fp.resolveSibling("banepa-2x2.tif").toString(), "--device", "cpu");
        assertEquals(0, r.exit(), r.err());
        System.out.print("bundled sample: " + r.out());
        VectorLayer written = VectorIo.read(out);
        Map<String, Integer> counts = classes(written);
        assertEquals(144, counts.getOrDefault("new", 0) + counts.getOrDefault("unchanged", 0)
                + counts.getOrDefault("changed", 0));
        assertTrue(counts.getOrDefault("unchanged", 0) > 40, counts.toString());
        // the map reaches far beyond the image: most buildings not found have no model_prob
        long onImage = written.features().stream().filter(f -> f.get("model_prob") != null).count();
        Matcher m = Pattern.compile("(\\d+) likely demolished .*, (\\d+) likely missed .*, (\\d+) between, (\\d+) "
                + "off the image").matcher(r.out());
        assertTrue(m.find(), r.out());
        assertEquals(onImage, Long.parseLong(m.group(1)) + Long.parseLong(m.group(2)) + Long.parseLong(m.group(3)));
        assertEquals(counts.get("not_found") - onImage, Long.parseLong(m.group(4)), r.out());
        assertTrue(onImage > 0 && onImage < 30, r.out());
    }

    @Test
    void errorsAreOneLine() throws IOException {
        Path fp = tmp.resolve("fp.geojson");
        Files.writeString(fp, "{\"type\":\"FeatureCollection\",\"features\":[]}");
        ConvertCommandTest.Run r = ConvertCommandTest.run("conflate", fp.toString(), "--reference",
                fp.toString(), "--out", tmp.resolve("o.geojson").toString(), "--iou", "0");
        assertEquals(1, r.exit());
        assertEquals("roofline: --iou 0.0: the IoU threshold must be in (0, 1], not 0.0", r.err().strip());
        Path csv = tmp.resolve("ref.csv");
        Files.writeString(csv, "x");
        r = ConvertCommandTest.run("conflate", fp.toString(), "--reference", csv.toString(), "--out",
                tmp.resolve("o.geojson").toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().startsWith("roofline: " + csv + ": unknown format: use .geojson"), r.err());
        r = ConvertCommandTest.run("conflate", fp.toString(), "--reference", fp.toString(), "--out",
                fp.toString());
        assertEquals(1, r.exit());
        assertFalse(r.err().contains("Exception"), r.err());
        Path seq = tmp.resolve("ref.geojsonl");
        Files.writeString(seq, "{\"type\":\"Feature\",\"properties\":{\"id\":7},\"geometry\":{\"type\":\"Polygon\","
                + "\"coordinates\":[[[85,27],[85.0001,27],[85.0001,27.0001],[85,27]]]}}\n\n");
        r = ConvertCommandTest.run("conflate", fp.toString(), "--reference", seq.toString(), "--out",
                tmp.resolve("o.geojson").toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("0 new, 0 unchanged, 0 changed, 1 not_found"), r.out());
    }

    /**
     * The bundled sample's model footprints, every 5th left out (so not found, but the model sees them: likely
     * missed), against a reference of all of them plus squares of open ground far from any (not found, and the model
     * sees nothing there: likely demolished); model_prob read back by GDAL from each format.
     */
    @Test
    void notFoundBuildingsGetTheModelsProbability() throws Exception {
        Path sample = Path.of(System.getProperty("roofline.resources", "../resources")).resolve("samples/banepa-2x2");
        Path imageFile = sample.resolve("banepa-2x2.tif");
        VectorLayer extracted = VectorIo.read(sample.resolve("banepa-2x2.footprints.gpkg"));
        List<VectorFeature> reference = new ArrayList<>();
        List<VectorFeature> footprints = new ArrayList<>();
        int dropped = 0;
        for (int i = 0; i < extracted.features().size(); i++) {
            Geometry g = extracted.features().get(i).geometry();
            reference.add(new VectorFeature(g, Map.of("id", "fp-" + i)));
            if (i % 5 == 0) {
                dropped++;
            } else {
                footprints.add(new VectorFeature(g, Map.of("n", (long) i)));
            }
        }
        int ground = 0;
        try (org.roofline.inference.imagery.GeoImage image =
                     org.roofline.inference.imagery.GeoImage.open(imageFile)) {
            org.locationtech.jts.geom.GeometryFactory gf = new org.locationtech.jts.geom.GeometryFactory();
            Geometry near = gf.buildGeometry(extracted.features().stream()
                    .map(f -> image.georef().toPixel(f.geometry())).toList()).buffer(16);
            for (int y = 0; y + 32 <= image.info().height() && ground < 10; y += 32) {
                for (int x = 0; x + 32 <= image.info().width() && ground < 10; x += 32) {
                    Geometry sq = gf.toGeometry(new org.locationtech.jts.geom.Envelope(x, x + 32, y, y + 32));
                    if (!sq.intersects(near)) {
                        reference.add(new VectorFeature(image.georef().toMap(sq), Map.of("id", "ground-" + ground)));
                        ground++;
                    }
                }
            }
        }
        assertEquals(10, ground);
        Path ref = tmp.resolve("reference.gpkg");
        VectorIo.write(new VectorLayer("reference", extracted.crs(), List.of(new org.roofline.geometry.io.FieldDef(
                "id", org.roofline.geometry.io.FieldType.STRING)), reference), ref);
        Path fp = tmp.resolve("footprints.gpkg");
        VectorIo.write(new VectorLayer("footprints", extracted.crs(), List.of(new org.roofline.geometry.io.FieldDef(
                "n", org.roofline.geometry.io.FieldType.INTEGER)), footprints), fp);

        for (String ext : List.of("gpkg", "geojson", "shp")) {
            Path out = tmp.resolve("classes." + ext);
            ConvertCommandTest.Run r = ConvertCommandTest.run("conflate", fp.toString(), "--reference",
                    ref.toString(), "--out", out.toString(), "--image", imageFile.toString(), "--device", "cpu");
            assertEquals(0, r.exit(), r.err());
            System.out.print(ext + ": " + r.out());
            // a left-out footprint that touches a kept neighbour is "changed" (many to one), not "not found"
            Matcher nf = Pattern.compile("(\\d+) not_found;").matcher(r.out());
            assertTrue(nf.find(), r.out());
            int missing = Integer.parseInt(nf.group(1)) - ground;
            assertTrue(missing >= dropped * 3 / 4 && missing <= dropped, r.out());
            Matcher m = Pattern.compile("(\\d+) likely demolished \\(model_prob < 0.2\\), (\\d+) likely missed")
                    .matcher(r.out());
            assertTrue(m.find(), r.out());
            assertEquals(ground, Integer.parseInt(m.group(1)), r.out());
            assertTrue(Integer.parseInt(m.group(2)) >= missing * 9 / 10, r.out());
            if (!onPath("ogrinfo")) {
                continue;
            }
            Map<String, String> prob = modelProb(ogrinfo("-ro", "-al", out.toString()));
            assertEquals(missing + ground, prob.size(), prob.toString());
            for (Map.Entry<String, String> e : prob.entrySet()) {
                double p = Double.parseDouble(e.getValue());
                assertEquals(p, Math.round(p * 1000) / 1000.0, 1e-12, "3 decimals: " + e);
                if (e.getKey().startsWith("ground-")) {
                    assertTrue(p < 0.2, e.toString());
                } else {
                    assertTrue(e.getKey().startsWith("fp-")
                            && Integer.parseInt(e.getKey().substring(3)) % 5 == 0, e.toString());
                }
            }
            long high = prob.entrySet().stream().filter(e -> e.getKey().startsWith("fp-"))
                    .filter(e -> Double.parseDouble(e.getValue()) > 0.5).count();
            assertTrue(high >= missing * 9 / 10, prob.toString());
        }
        Path plain = tmp.resolve("plain.gpkg");
        ConvertCommandTest.Run r = ConvertCommandTest.run("conflate", fp.toString(), "--reference", ref.toString(),
                "--out", plain.toString());
        assertEquals(0, r.exit(), r.err());
        assertFalse(r.out().contains("likely"), r.out());
        if (onPath("ogrinfo")) {
            assertFalse(ogrinfo("-ro", "-al", "-so", plain.toString()).contains("model_prob"));
        }
    }

    /** ref_id -> model_prob of the features of an ogrinfo -al listing that have a model_prob. */
    private static Map<String, String> modelProb(String ogrinfo) {
        Map<String, String> out = new LinkedHashMap<>();
        String refId = null;
        Pattern field = Pattern.compile("^\\s+(ref_id|model_prob) \\(\\w+\\) = (.*)$");
        for (String line : ogrinfo.split("\\R")) {
            if (line.startsWith("OGRFeature")) {
                refId = null;
            }
            Matcher m = field.matcher(line);
            if (m.matches() && m.group(1).equals("ref_id")) {
                refId = m.group(2);
            } else if (m.matches() && !m.group(2).equals("(null)")) {
                out.put(refId, m.group(2));
            }
        }
        return out;
    }

    @Test
    void modelWithoutImageAndAMissingImageAreErrors() {
        ConvertCommandTest.Run r = ConvertCommandTest.run("conflate", "a.geojson", "--reference", "b.geojson",
                "--out", tmp.resolve("o.geojson").toString(), "--model", "m");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("--model") && r.err().contains("needs --image"), r.err());
        Path fp = tmp.resolve("fp.geojson");
        Path missing = tmp.resolve("missing.tif");
        try {
            Files.writeString(fp, "{\"type\":\"FeatureCollection\",\"features\":[]}");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        r = ConvertCommandTest.run("conflate", fp.toString(), "--reference", osmSample().toString(), "--out",
                tmp.resolve("o.geojson").toString(), "--image", missing.toString());
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.err().startsWith("roofline: " + missing + ": "), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertFalse(Files.exists(tmp.resolve("o.geojson")));
    }
}
