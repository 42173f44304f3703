package org.roofline.app.export;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.geometry.io.FieldDef;
import org.roofline.geometry.io.FieldType;
import org.roofline.geometry.io.VectorFeature;
import org.roofline.geometry.io.VectorLayer;

/**
 * The export's {@value #NAME} attribute: why a rejected footprint was rejected ({@code RejectReason#code()}, such as
 * {@code wrong-shape}), null for every other footprint and for a plain reject. Its name fits a Shapefile's 10
 * characters, so it is the same in all three formats.
 */
final class ReasonField {

    /** The attribute's name. */
    static final String NAME = "reason";

    private ReasonField() {
    }

    /** A copy of a layer made by {@code FootprintLayers.toLayer} from {@code footprints} (same order) with the field. */
    static VectorLayer added(VectorLayer layer, List<Footprint> footprints) {
        if (layer.features().size() != footprints.size()) {
            throw new IllegalArgumentException("layer and footprints differ in size");
        }
        List<FieldDef> fields = new ArrayList<>(layer.fields());
        fields.add(new FieldDef(NAME, FieldType.STRING));
        List<VectorFeature> features = new ArrayList<>(footprints.size());
        for (int i = 0; i < footprints.size(); i++) {
            VectorFeature f = layer.features().get(i);
            Map<String, Object> a = new LinkedHashMap<>(f.attributes());
            Footprint fp = footprints.get(i);
            a.put(NAME, fp.rejectReason() == null ? null : fp.rejectReason().code());
            features.add(new VectorFeature(f.geometry(), a));
        }
        return new VectorLayer(layer.name(), layer.crs(), fields, features);
    }

    /**
     * Checks that a file read back holds each written footprint's reason (features matched by their {@code id}).
     *
     * @throws ExportException naming the file and the first footprint whose reason differs
     */
    static void compare(List<Footprint> written, VectorLayer read, Path out) throws ExportException {
        String field = null;
        String idField = null;
        for (FieldDef d : read.fields()) {
            String n = d.name().toLowerCase(Locale.ROOT);
            if (n.equals(NAME)) {
                field = d.name();
            } else if (n.equals("id")) {
                idField = d.name();
            }
        }
        if (field == null || idField == null) {
            throw new ExportException(out.toString(), "read back without the " + NAME + " attribute");
        }
        Map<Long, Object> byId = new HashMap<>();
        for (VectorFeature f : read.features()) {
            if (f.get(idField) instanceof Number n) {
                byId.put(n.longValue(), f.get(field));
            }
        }
        for (Footprint w : written) {
            String expected = w.rejectReason() == null ? null : w.rejectReason().code();
            Object got = byId.get(w.id());
            String back = got == null || got.toString().isEmpty() ? null : got.toString();
            if (!Objects.equals(expected, back)) {
                throw new ExportException(out.toString(), "footprint " + w.id() + " read back with reason " + back
                        + ", written with " + expected);
            }
        }
    }
}
