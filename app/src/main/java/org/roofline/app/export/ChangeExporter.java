package org.roofline.app.export;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.roofline.app.review.ReferenceBuilding;
import org.roofline.app.review.ReferenceState;
import org.roofline.app.session.ReferenceFile;
import org.roofline.app.session.ReferenceNodes;
import org.roofline.geometry.conflate.ChangeClass;
import org.roofline.geometry.crs.Crs;
import org.roofline.geometry.crs.CrsTransform;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.geometry.footprint.ReviewStatus;
import org.roofline.geometry.io.FieldDef;
import org.roofline.geometry.io.FieldType;
import org.roofline.geometry.io.VectorFeature;
import org.roofline.geometry.io.VectorLayer;
import org.roofline.geometry.io.format.VectorFormat;
import org.roofline.geometry.io.format.VectorIo;
import org.roofline.geometry.io.osm.OsmBuilding;
import org.roofline.geometry.io.osm.OsmChangeWriter;
import org.roofline.geometry.io.osm.OsmType;

/**
 * Writes what a review decided to change in the reference map: the change file used by {@code roofline export
 * --changes} and the editor's Export dialog.
 *
 * <p><b>The changes.</b> {@code create}: every footprint accepted or edited whose change class is {@code new} (and
 * that replaces no reference building). {@code modify}: every reference building {@linkplain ReferenceState#REPLACED
 * replaced}, with the outline of the footprint that replaces it (a footprint since deleted or rejected drops the
 * change, counted as skipped) and the reference's id and attributes. {@code delete}: every reference building marked
 * {@linkplain ReferenceState#DEMOLISHED demolished}, with its own outline. Nothing else.
 *
 * <p><b>A vector file</b> (GeoJSON, Shapefile, GeoPackage by extension), one feature per change with the fields
 * {@value #CHANGE} ({@code create}, {@code modify}, {@code delete}), {@value #FOOTPRINT_ID}, {@code ref_id} (the
 * reference's own id), {@code osm_type}, {@code osm_id}, {@value #OSM_VERSION} (for OSM references), {@value #CLASS}
 * (the change class) and {@code ref_tags} (the reference's tags or attributes as JSON), in the session's CRS (GeoJSON: WGS
 * 84). Written under a temporary name, read back (count and changes compared) and only then renamed over the output.
 *
 * <p><b>An OSM change file</b> ({@link OsmChangeWriter}: JOSM opens it and can upload it) for a reference read from
 * OSM XML: new ways with negative ids, {@code building=yes} and {@code source=} the imagery; modified ways with their
 * id, version and tags, their nodes moved to the new outline (new ones added, left-over ones deleted); deleted ways
 * with their removable nodes. A footprint's holes are not carried into a modified way (JOSM's relation editor is the
 * place for that), and multipolygon relations are neither modified nor deleted: both counted as skipped.
 */
public final class ChangeExporter {

    /** The attribute naming the change. */
    public static final String CHANGE = "change";
    /** The attribute of the footprint's id (names fit a Shapefile's 10 characters, so every format has the same). */
    public static final String FOOTPRINT_ID = "fp_id";
    /** The attribute of the OSM version. */
    public static final String OSM_VERSION = "osm_ver";
    /** The attribute of the change class ({@code new}, {@code unchanged}, {@code changed}, {@code not_found}). */
    public static final String CLASS = "class";

    private static final GeometryFactory FACTORY = new GeometryFactory();

    /** What a change does to the map. */
    public enum Kind {
        CREATE, MODIFY, DELETE;

        /** @return {@code create}, {@code modify} or {@code delete} */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One change.
     *
     * @param kind      what it does
     * @param geometry  the new outline (create, modify) or the outline deleted, in the snapshot's CRS
     * @param footprint the footprint (create, modify), or null
     * @param reference the reference building (modify, delete), or null
     * @param cls       the footprint's change class (create, modify) or the reference building's (delete)
     */
    public record Change(Kind kind, Geometry geometry, Footprint footprint, ReferenceBuilding reference,
            ChangeClass cls) {
    }

    /**
     * What was written.
     *
     * @param out      the file
     * @param counts   changes per kind (zeros included)
     * @param skipped  changes left out, with why, one line each
     * @param readBack the features read back from the file (the OSM file: the ways written)
     */
    public record Report(Path out, Map<Kind, Integer> counts, List<String> skipped, int readBack) {
        public Report {
            counts = Map.copyOf(counts);
            skipped = List.copyOf(skipped);
        }

        /** @return {@code Wrote 12 changes (create 9, modify 2, delete 1) to changes.gpkg (read back: 12)} */
        public String summary() {
            int total = counts.values().stream().mapToInt(Integer::intValue).sum();
            return "Wrote " + total + " change" + (total == 1 ? "" : "s") + " (create " + counts.get(Kind.CREATE)
                    + ", modify " + counts.get(Kind.MODIFY) + ", delete " + counts.get(Kind.DELETE) + ") to "
                    + out.getFileName() + " (read back: " + readBack + ")"
                    + (skipped.isEmpty() ? "" : "; " + skipped.size() + " left out: " + String.join("; ", skipped));
        }
    }

    private ChangeExporter() {
    }

    /** @return the changes the review decided (see the class comment), creates first, then modifies, then deletes */
    public static List<Change> changes(ChangeSnapshot s, List<String> skipped) {
        Map<Long, Footprint> byId = new HashMap<>();
        s.footprints().forEach(f -> byId.put(f.id(), f));
        java.util.Set<Long> replacing = new java.util.HashSet<>();
        List<Change> modify = new ArrayList<>();
        List<Change> delete = new ArrayList<>();
        for (ReferenceBuilding r : s.references()) {
            if (r.state() == ReferenceState.REPLACED) {
                Footprint f = byId.get(r.replacedBy());
                if (f == null || f.status() == ReviewStatus.REJECTED || f.status() == ReviewStatus.PENDING) {
                    skipped.add("reference building " + r.sourceId() + ": its replacing footprint " + r.replacedBy()
                            + " is " + (f == null ? "deleted" : f.status().code()));
                    continue;
                }
                replacing.add(f.id());
                modify.add(new Change(Kind.MODIFY, f.polygon(), f, r, s.footprintClasses().get(f.id())));
            } else if (r.state() == ReferenceState.DEMOLISHED) {
                delete.add(new Change(Kind.DELETE, r.geometry(), null, r, s.referenceClasses().get(r.id())));
            }
        }
        List<Change> out = new ArrayList<>();
        for (Footprint f : s.footprints()) {
            boolean kept = f.status() == ReviewStatus.ACCEPTED || f.status() == ReviewStatus.EDITED;
            if (kept && s.footprintClasses().get(f.id()) == ChangeClass.NEW && !replacing.contains(f.id())) {
                out.add(new Change(Kind.CREATE, f.polygon(), f, null, ChangeClass.NEW));
            }
        }
        out.addAll(modify);
        out.addAll(delete);
        return out;
    }

    /**
     * Writes the change file (see the class comment).
     *
     * @throws ExportException one line naming the file: unknown format, cannot write, read back differs
     */
    public static Report write(ChangeSnapshot s, Path out) throws ExportException {
        Objects.requireNonNull(s, "snapshot");
        VectorFormat format = FootprintExporter.checkOutputFormat(out);
        List<String> skipped = new ArrayList<>();
        List<Change> changes = changes(s, skipped);
        List<FieldDef> fields = List.of(new FieldDef(CHANGE, FieldType.STRING),
                new FieldDef(FOOTPRINT_ID, FieldType.INTEGER), new FieldDef("ref_id", FieldType.STRING),
                new FieldDef("osm_type", FieldType.STRING), new FieldDef("osm_id", FieldType.INTEGER),
                new FieldDef(OSM_VERSION, FieldType.INTEGER), new FieldDef(CLASS, FieldType.STRING),
                new FieldDef("ref_tags", FieldType.STRING));
        List<VectorFeature> features = new ArrayList<>();
        Map<Kind, Integer> counts = counts();
        for (Change c : changes) {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put(CHANGE, c.kind().label());
            a.put(FOOTPRINT_ID, c.footprint() == null ? null : c.footprint().id());
            ReferenceBuilding r = c.reference();
            a.put("ref_id", r == null ? null : r.sourceId());
            a.put("osm_type", r == null ? null : r.osmType());
            a.put("osm_id", r == null || !r.isOsm() ? null : r.osmId());
            a.put(OSM_VERSION, r == null || !r.isOsm() ? null : (long) r.osmVersion());
            a.put(CLASS, c.cls() == null ? null : c.cls().label());
            a.put("ref_tags", r == null ? null : r.tags());
            features.add(new VectorFeature(multi(c.geometry()), a));
            counts.merge(c.kind(), 1, Integer::sum);
        }
        VectorLayer layer = new VectorLayer(FootprintExporter.layerName(out), s.crs(), fields, features);
        int[] readBack = new int[1];
        try {
            format.writer().write(layer, out, temp -> {
                VectorLayer read = VectorIo.read(temp);
                Map<Kind, Integer> back = counts();
                for (VectorFeature f : read.features()) {
                    back.merge(Kind.valueOf(String.valueOf(f.get(CHANGE)).toUpperCase(Locale.ROOT)), 1,
                            Integer::sum);
                }
                if (!back.equals(counts)) {
                    throw new IOException(out + ": read back " + back + ", written " + counts);
                }
                readBack[0] = read.features().size();
            });
        } catch (AccessDeniedException e) {
            throw new ExportException(out.toString(), "cannot write: permission denied", e);
        } catch (IOException | RuntimeException e) {
            throw new ExportException(out.toString(), "cannot write: " + Messages.withoutSubject(e.getMessage(), out),
                    e);
        }
        return new Report(out, counts, skipped, readBack[0]);
    }

    /**
     * Writes the OSM change file (see the class comment).
     *
     * @param source the {@code source} tag of new buildings, or null for the snapshot's imagery
     * @throws ExportException one line naming the file: not {@code .osm}, a reference not read from OSM XML, no CRS,
     *                         cannot write
     */
    public static Report writeOsm(ChangeSnapshot s, Path out, String source) throws ExportException {
        Objects.requireNonNull(s, "snapshot");
        if (!out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".osm")) {
            throw new ExportException(out.toString(), "an OSM change file is OpenStreetMap XML: name it .osm");
        }
        if (s.references().stream().noneMatch(ReferenceBuilding::isOsm)) {
            throw new ExportException(out.toString(), "the reference layer" + (s.referenceSource() == null ? ""
                    : " (" + s.referenceSource() + ")") + " was not read from OSM XML, so there are no OSM ids "
                    + "to change; write a change file (.gpkg, .geojson, .shp) instead");
        }
        if (s.crs() == null) {
            throw new ExportException(out.toString(), "the review is in pixel coordinates (no CRS): it cannot be "
                    + "written as OpenStreetMap longitudes and latitudes");
        }
        List<String> skipped = new ArrayList<>();
        CrsTransform toWgs84 = Crs.WGS84.equals(s.crs()) ? null : CrsTransform.of(s.crs(), Crs.WGS84);
        List<OsmChangeWriter.Change> osm = new ArrayList<>();
        Map<Kind, Integer> counts = counts();
        for (Change c : changes(s, skipped)) {
            Geometry g = toWgs84 == null ? c.geometry() : toWgs84.transform(c.geometry());
            ReferenceBuilding r = c.reference();
            if (c.kind() != Kind.CREATE && (!r.isOsm() || !OsmType.WAY.xmlName().equals(r.osmType()))) {
                skipped.add("reference building " + r.sourceId() + ": " + (r.isOsm() ? "a multipolygon relation "
                        + "(edit it in JOSM's relation editor)" : "not from OSM XML"));
                continue;
            }
            switch (c.kind()) {
                case CREATE -> {
                    for (int k = 0; k < g.getNumGeometries(); k++) {
                        osm.add(new OsmChangeWriter.Create((Polygon) g.getGeometryN(k)));
                    }
                }
                case MODIFY -> {
                    Polygon p = (Polygon) g.getGeometryN(0);
                    if (p.getNumInteriorRing() > 0) {
                        skipped.add("footprint " + c.footprint().id() + ": its holes are not carried into way "
                                + r.osmId());
                        p = FACTORY.createPolygon(p.getExteriorRing().getCoordinates());
                    }
                    osm.add(new OsmChangeWriter.Modify(original(r, toWgs84), p));
                }
                case DELETE -> osm.add(new OsmChangeWriter.Delete(original(r, toWgs84)));
            }
            counts.merge(c.kind(), 1, Integer::sum);
        }
        String tag = source != null && !source.isBlank() ? source
                : s.imagery() != null && !s.imagery().isBlank() ? s.imagery() : "Roofline review";
        try {
            new OsmChangeWriter(tag).write(osm, out);
        } catch (AccessDeniedException e) {
            throw new ExportException(out.toString(), "cannot write: permission denied", e);
        } catch (IOException | RuntimeException e) {
            throw new ExportException(out.toString(), "cannot write: " + Messages.withoutSubject(e.getMessage(), out),
                    e);
        }
        return new Report(out, counts, skipped, osm.size());
    }

    /** The reference building as the OSM XML reader gave it: id, version, tags and nodes. */
    private static OsmBuilding original(ReferenceBuilding r, CrsTransform toWgs84) {
        Map<String, String> tags = ReferenceFile.tags(r.tags());
        Geometry g = toWgs84 == null ? r.geometry() : toWgs84.transform(r.geometry());
        return new OsmBuilding(OsmType.WAY, r.osmId(), r.osmVersion(), tags, g, ReferenceNodes.parse(r.osmNodes()));
    }

    private static Geometry multi(Geometry g) {
        return g instanceof Polygon p ? FACTORY.createMultiPolygon(new Polygon[] {p}) : g;
    }

    private static Map<Kind, Integer> counts() {
        Map<Kind, Integer> m = new EnumMap<>(Kind.class);
        for (Kind k : Kind.values()) {
            m.put(k, 0);
        }
        return m;
    }
}
