package org.roofline.inference.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a segmentation model expects and produces, in the spirit of QGIS Deepness's model metadata; stored as JSON
 * beside the model file.
 *
 * @param name            a human-readable name
 * @param tileSize        input tile width and height in pixels
 * @param overlap         pixels by which neighbouring tiles overlap
 * @param metresPerPixel  ground resolution the model was trained at; imagery is resampled to it
 * @param bandOrder       1-based image bands fed to the model, in order (e.g. [1, 2, 3] for RGB)
 * @param normalization   how band values are scaled before the model
 * @param output          whether the output channel is already a probability or logits (sigmoid applied)
 * @param buildingChannel index of the building class in the output channels
 * @param threshold       probability at or above which a pixel is a building
 * @param channels        the roles of the output channels in order ({@link #FOOTPRINT}, {@link #BOUNDARY},
 *                        {@link #CONTACT}), or empty when the model does not name them: then channel
 *                        {@code buildingChannel} is the footprint and there are no instance channels
 */
public record ModelMetadata(String name, int tileSize, int overlap, double metresPerPixel, List<Integer> bandOrder,
                            Normalization normalization, Output output, int buildingChannel, double threshold,
                            List<String> channels) {

    /** The role of the channel that gives the probability of a building pixel. */
    public static final String FOOTPRINT = "footprint";
    /** The role of the channel that marks the inner ring of each building. */
    public static final String BOUNDARY = "boundary";
    /** The role of the channel that marks where two buildings meet or nearly meet. */
    public static final String CONTACT = "contact";
    /** The roles a model may name. */
    public static final List<String> ROLES = List.of(FOOTPRINT, BOUNDARY, CONTACT);

    public ModelMetadata {
        Objects.requireNonNull(name, "name");
        if (tileSize < 16) {
            throw new IllegalArgumentException("tile size must be at least 16 pixels, was " + tileSize);
        }
        if (overlap < 0 || overlap * 2 >= tileSize) {
            throw new IllegalArgumentException("overlap must be in 0.." + (tileSize / 2 - 1) + ", was " + overlap);
        }
        if (!(metresPerPixel > 0)) {
            throw new IllegalArgumentException("metres per pixel must be positive, was " + metresPerPixel);
        }
        bandOrder = List.copyOf(bandOrder);
        if (bandOrder.isEmpty()) {
            throw new IllegalArgumentException("the band order names no band");
        }
        Objects.requireNonNull(normalization, "normalization");
        Objects.requireNonNull(output, "output");
        if (buildingChannel < 0) {
            throw new IllegalArgumentException("building channel must not be negative, was " + buildingChannel);
        }
        if (!(threshold > 0 && threshold < 1)) {
            throw new IllegalArgumentException("threshold must be in (0, 1), was " + threshold);
        }
        channels = List.copyOf(channels);
        if (!channels.isEmpty()) {
            for (String c : channels) {
                if (!ROLES.contains(c)) {
                    throw new IllegalArgumentException("unknown channel role \"" + c + "\" (known: "
                            + String.join(", ", ROLES) + ")");
                }
                if (channels.indexOf(c) != channels.lastIndexOf(c)) {
                    throw new IllegalArgumentException("channel role \"" + c + "\" named twice");
                }
            }
            if (channels.indexOf(FOOTPRINT) != buildingChannel) {
                throw new IllegalArgumentException("the footprint channel must be the building channel "
                        + buildingChannel + "; channels are " + channels);
            }
        }
    }

    /** Metadata of a model that does not name its channels: channel {@code buildingChannel} is the footprint. */
    public ModelMetadata(String name, int tileSize, int overlap, double metresPerPixel, List<Integer> bandOrder,
                         Normalization normalization, Output output, int buildingChannel, double threshold) {
        this(name, tileSize, overlap, metresPerPixel, bandOrder, normalization, output, buildingChannel, threshold,
                List.of());
    }

    /** @return the index of the output channel with that role, or -1 (the footprint is always found) */
    public int channelIndex(String role) {
        if (channels.isEmpty()) {
            return FOOTPRINT.equals(role) ? buildingChannel : -1;
        }
        return channels.indexOf(role);
    }

    /** @return whether the model outputs boundary and contact channels, so touching buildings can be separated */
    public boolean separatesInstances() {
        return channels.contains(BOUNDARY) && channels.contains(CONTACT);
    }

    /**
     * @return how many probability planes {@link SegmentationModel#predict} gives per tile: one per named channel
     *         ({@link #channels()}, in that order), else one (the building channel)
     */
    public int planes() {
        return channels.isEmpty() ? 1 : channels.size();
    }

    /** @return the number of output channels the model is known to give (at least {@code buildingChannel + 1}) */
    public int outputChannels() {
        return channels.isEmpty() ? buildingChannel + 1 : channels.size();
    }

    /** @return the number of input bands */
    public int bands() {
        return bandOrder.size();
    }

    /**
     * Whether an image of {@code imageBands} bands has every band the model reads; the one check the command line and
     * the editor make before extracting.
     *
     * @return empty when it has, else the problem for a one-line error after the image's name: {@code has 1 band but
     *         the model NAME reads band 2 (band order [1, 2, 3])}
     */
    public Optional<String> missingBand(int imageBands) {
        for (int b : bandOrder) {
            if (b < 1 || b > imageBands) {
                return Optional.of("has " + imageBands + " band" + (imageBands == 1 ? "" : "s") + " but the model "
                        + name + " reads band " + b + " (band order " + bandOrder + ")");
            }
        }
        return Optional.empty();
    }

    /** Whether the model's last layer gives probabilities or logits. */
    public enum Output { SIGMOID, LOGITS }

    /**
     * Per-band scaling: {@code (v - mean) / std} ({@link Kind#MEAN_STD}) or {@code (v - min) / (max - min)}
     * ({@link Kind#MIN_MAX}), one value per band in {@link #bandOrder()} order.
     */
    public record Normalization(Kind kind, List<Double> a, List<Double> b) {
        public enum Kind { MEAN_STD, MIN_MAX }

        public Normalization {
            Objects.requireNonNull(kind, "kind");
            a = List.copyOf(a);
            b = List.copyOf(b);
            if (a.size() != b.size() || a.isEmpty()) {
                throw new IllegalArgumentException("normalization needs one pair of values per band");
            }
        }

        public static Normalization meanStd(List<Double> mean, List<Double> std) {
            return new Normalization(Kind.MEAN_STD, mean, std);
        }

        public static Normalization minMax(List<Double> min, List<Double> max) {
            return new Normalization(Kind.MIN_MAX, min, max);
        }

        /** @return band {@code i}'s value {@code v} normalized */
        public float apply(int i, double v) {
            return kind == Kind.MEAN_STD ? (float) ((v - a.get(i)) / b.get(i))
                    : (float) ((v - a.get(i)) / (b.get(i) - a.get(i)));
        }
    }
}
