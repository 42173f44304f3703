package org.roofline.geometry.io.reference;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.roofline.geometry.conflate.ChangeClass;
import org.roofline.geometry.conflate.Conflation;
import org.roofline.geometry.conflate.Match;
import org.roofline.geometry.io.FieldDef;
import org.roofline.geometry.io.FieldType;
import org.roofline.geometry.io.VectorFeature;
import org.roofline.geometry.io.VectorLayer;

/**
 * The result of a conflation as one layer, for files: every footprint with its own attributes and its {@value
 * ChangeClass#ATTRIBUTE}, then every reference building not found, with {@code not_found}.
 *
 * <p>Fields, after the footprints' own: {@value ChangeClass#ATTRIBUTE} ({@code new}, {@code unchanged}, {@code
 * changed}, {@code not_found}), {@value #CARDINALITY} ({@code none}, {@code one_to_one}, {@code one_to_many}, {@code
 * many_to_one}, {@code many_to_many}), {@value #IOU} (with the one-to-one partner, null without one), {@value #REF_ID}
 * (the partner's id, or the reference building's own for {@code not_found}: its {@linkplain #referenceIdField id
 * field}, else its feature number from 1) and {@value #ORIGIN} ({@code footprints} or {@code reference}; not {@code
 * source}, which Roofline footprints have already). A footprint field of one of these names is replaced. With the
 * model's probabilities, one more: {@value #MODEL_PROB}.
 */
public final class ConflationLayer {

    public static final String CARDINALITY = "match_kind";
    public static final String IOU = "match_iou";
    public static final String REF_ID = "ref_id";
    public static final String ORIGIN = "origin";
    /** The model's mean building probability over a reference building not found. */
    public static final String MODEL_PROB = "model_prob";

    /** Reference fields taken as the building's id, the first present wins. */
    public static final List<String> ID_FIELDS = List.of("osm_id", "id", "ID", "fid", "FID", "gid");

    private ConflationLayer() {
    }

    /**
     * @param footprints the footprints as matched (same order), in the output CRS
     * @param references the reference buildings as matched (same order), in the same CRS
     * @throws IllegalArgumentException if the conflation's sizes are not the layers'
     */
    public static VectorLayer of(VectorLayer footprints, VectorLayer references, Conflation conflation) {
        return of(footprints, references, conflation, null);
    }

    /**
     * As {@link #of(VectorLayer, VectorLayer, Conflation)}, with one more field when {@code referenceProbability} is
     * given: {@value #MODEL_PROB}, the model's mean building probability over each reference building not found,
     * rounded to 3 decimals (null for a NaN: no imagery under it); null on the footprints.
     *
     * @param referenceProbability one value per reference building (same order), or null for no such field
     * @throws IllegalArgumentException if the conflation's sizes, or the probabilities', are not the layers'
     */
    public static VectorLayer of(VectorLayer footprints, VectorLayer references, Conflation conflation,
                                 double[] referenceProbability) {
        Objects.requireNonNull(footprints, "footprints");
        Objects.requireNonNull(references, "references");
        Objects.requireNonNull(conflation, "conflation");
        if (conflation.footprints().size() != footprints.features().size()
                || conflation.references().size() != references.features().size()) {
            throw new IllegalArgumentException("the conflation has " + conflation.footprints().size()
                    + " footprints and " + conflation.references().size() + " references, the layers "
                    + footprints.features().size() + " and " + references.features().size());
        }
        if (referenceProbability != null && referenceProbability.length != references.features().size()) {
            throw new IllegalArgumentException(referenceProbability.length + " probabilities for "
                    + references.features().size() + " references");
        }
        List<String> added = List.of(ChangeClass.ATTRIBUTE, CARDINALITY, IOU, REF_ID, ORIGIN, MODEL_PROB);
        List<FieldDef> fields = new ArrayList<>();
        for (FieldDef f : footprints.fields()) {
            if (!added.contains(f.name())) {
                fields.add(f);
            }
        }
        fields.add(new FieldDef(ChangeClass.ATTRIBUTE, FieldType.STRING));
        fields.add(new FieldDef(CARDINALITY, FieldType.STRING));
        fields.add(new FieldDef(IOU, FieldType.REAL));
        fields.add(new FieldDef(REF_ID, FieldType.STRING));
        fields.add(new FieldDef(ORIGIN, FieldType.STRING));
        if (referenceProbability != null) {
            fields.add(new FieldDef(MODEL_PROB, FieldType.REAL));
        }
        String idField = referenceIdField(references);
        List<VectorFeature> out = new ArrayList<>();
        for (int i = 0; i < footprints.features().size(); i++) {
            VectorFeature f = footprints.features().get(i);
            Match m = conflation.footprint(i);
            Map<String, Object> a = new LinkedHashMap<>();
            for (FieldDef field : fields) {
                a.put(field.name(), f.get(field.name()));
            }
            put(a, m, m.hasPartner() ? referenceId(references, idField, m.partner()) : null, "footprints");
            out.add(new VectorFeature(f.geometry(), a));
        }
        for (int r = 0; r < references.features().size(); r++) {
            Match m = conflation.reference(r);
            if (m.changeClass() != ChangeClass.NOT_FOUND) {
                continue;
            }
            Map<String, Object> a = new LinkedHashMap<>();
            for (FieldDef field : fields) {
                a.put(field.name(), null);
            }
            put(a, m, referenceId(references, idField, r), "reference");
            if (referenceProbability != null && !Double.isNaN(referenceProbability[r])) {
                a.put(MODEL_PROB, Math.round(referenceProbability[r] * 1000) / 1000.0);
            }
            out.add(new VectorFeature(references.features().get(r).geometry(), a));
        }
        return new VectorLayer(footprints.name(), footprints.crs(), fields, out);
    }

    private static void put(Map<String, Object> a, Match m, String refId, String source) {
        a.put(ChangeClass.ATTRIBUTE, m.changeClass().label());
        a.put(CARDINALITY, m.cardinality().name().toLowerCase(Locale.ROOT));
        a.put(IOU, m.hasPartner() ? m.iou() : null);
        a.put(REF_ID, refId);
        a.put(ORIGIN, source);
    }

    /** @return the first of {@link #ID_FIELDS} the layer has, or null */
    public static String referenceIdField(VectorLayer references) {
        for (String name : ID_FIELDS) {
            if (references.fields().stream().anyMatch(f -> f.name().equals(name))) {
                return name;
            }
        }
        return null;
    }

    /** @return the reference building's id: its id field's value as text, else its feature number from 1 */
    public static String referenceId(VectorLayer references, String idField, int index) {
        Object v = idField == null ? null : references.features().get(index).get(idField);
        return v != null ? v.toString() : Integer.toString(index + 1);
    }
}
