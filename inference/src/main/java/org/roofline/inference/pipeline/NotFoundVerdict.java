package org.roofline.inference.pipeline;

/**
 * What the model's mean building probability over a map building that no footprint matched ({@link
 * RegionProbability}) suggests. The thresholds follow the bundled model's figures on the Banepa sample: its extracted
 * buildings average 0.92, open ground 0.01; between {@value #DEMOLISHED_BELOW} and {@value #MISSED_ABOVE} the model
 * is unsure and the reviewer looks.
 */
public enum NotFoundVerdict {
    /** Below {@value #DEMOLISHED_BELOW}: the model sees no building where the map has one. */
    LIKELY_DEMOLISHED("likely demolished"),
    /** Above {@value #MISSED_ABOVE}: the model sees a building the extraction left out. */
    LIKELY_MISSED("likely missed"),
    /** In between: unsure. */
    UNSURE("unsure"),
    /** NaN: the image does not cover the building. */
    OFF_IMAGE("off the image");

    /** Mean probability below which a building not found is likely demolished. */
    public static final double DEMOLISHED_BELOW = 0.2;
    /** Mean probability above which a building not found was likely missed by the extraction. */
    public static final double MISSED_ABOVE = 0.5;

    private final String label;

    NotFoundVerdict(String label) {
        this.label = label;
    }

    /** @param meanProbability the model's mean building probability over the building, or NaN */
    public static NotFoundVerdict of(double meanProbability) {
        if (Double.isNaN(meanProbability)) {
            return OFF_IMAGE;
        }
        return meanProbability < DEMOLISHED_BELOW ? LIKELY_DEMOLISHED
                : meanProbability > MISSED_ABOVE ? LIKELY_MISSED : UNSURE;
    }

    /** @return how people read it: "likely demolished", ... */
    public String label() {
        return label;
    }
}
