package org.roofline.geometry.io;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.util.GeometryFixer;

/**
 * Repairs the invalid geometries of a layer with JTS's {@link GeometryFixer} (self-intersecting rings are split,
 * duplicate and collapsed vertices removed, rings re-nested), and says which features it repaired. Valid geometries
 * are left as they are; no feature is dropped, and attributes are kept.
 *
 * <p>A repaired Polygon may become a MultiPolygon (a figure-eight ring gives its two lobes). When the fixer yields an
 * empty geometry (a polygon collapsed to a line, with {@code keepCollapsed} false), the original invalid geometry is
 * kept and the feature counted as unrepairable, so that the caller can report or drop it deliberately.
 *
 * <pre>{@code
 * GeometryRepair.Result r = GeometryRepair.repair(layer);
 * log("repaired " + r.repaired() + " geometries, " + r.unrepairable() + " left invalid");
 * }</pre>
 *
 * Instances are immutable and thread-safe.
 */
public final class GeometryRepair {

    /**
     * @param layer                the layer with repaired geometries
     * @param repairedFeatures     the indexes of the features whose geometry was invalid and is now repaired
     * @param unrepairableFeatures the indexes of the features whose geometry is invalid and was kept as it was
     */
    public record Result(VectorLayer layer, List<Integer> repairedFeatures, List<Integer> unrepairableFeatures) {
        public Result {
            repairedFeatures = List.copyOf(repairedFeatures);
            unrepairableFeatures = List.copyOf(unrepairableFeatures);
        }

        /** @return the number of geometries repaired */
        public int repaired() {
            return repairedFeatures.size();
        }

        /** @return the number of invalid geometries left as they were */
        public int unrepairable() {
            return unrepairableFeatures.size();
        }
    }

    private final boolean keepCollapsed;

    /** A repairer that drops collapsed parts (the JTS default). */
    public GeometryRepair() {
        this(false);
    }

    /**
     * @param keepCollapsed whether the fixer keeps parts that collapse to a lower dimension (a polygon to a line) as
     *                      such, rather than dropping them; see {@link GeometryFixer#setKeepCollapsed}
     */
    public GeometryRepair(boolean keepCollapsed) {
        this.keepCollapsed = keepCollapsed;
    }

    /** Repairs a layer with the default settings. */
    public static Result repair(VectorLayer layer) {
        return new GeometryRepair().apply(layer);
    }

    /** @return the indexes of the features whose geometry is not valid (by JTS {@link Geometry#isValid()}) */
    public static List<Integer> invalidFeatures(VectorLayer layer) {
        List<Integer> out = new ArrayList<>();
        List<VectorFeature> features = layer.features();
        for (int i = 0; i < features.size(); i++) {
            if (!features.get(i).geometry().isValid()) {
                out.add(i);
            }
        }
        return out;
    }

    /** Repairs the invalid geometries of a layer. */
    public Result apply(VectorLayer layer) {
        Objects.requireNonNull(layer, "layer");
        List<VectorFeature> features = layer.features();
        List<VectorFeature> out = new ArrayList<>(features.size());
        List<Integer> repaired = new ArrayList<>();
        List<Integer> unrepairable = new ArrayList<>();
        for (int i = 0; i < features.size(); i++) {
            VectorFeature f = features.get(i);
            Geometry g = f.geometry();
            if (g.isValid()) {
                out.add(f);
                continue;
            }
            GeometryFixer fixer = new GeometryFixer(g);
            fixer.setKeepCollapsed(keepCollapsed);
            Geometry fixed = fixer.getResult();
            if (fixed == null || fixed.isEmpty() || !fixed.isValid()) {
                unrepairable.add(i);
                out.add(f);
            } else {
                repaired.add(i);
                out.add(new VectorFeature(fixed, f.attributes()));
            }
        }
        return new Result(layer.withFeatures(out), repaired, unrepairable);
    }
}
