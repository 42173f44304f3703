package org.roofline.inference.model;

import java.util.Locale;

/** Where a model runs: {@link #AUTO} takes the GPU when the engine sees one, else the CPU. */
public enum ComputeDevice {
    AUTO, CPU, GPU;

    /**
     * @param text {@code auto}, {@code cpu} or {@code gpu} (any case)
     * @return the device choice
     * @throws IllegalArgumentException for any other text
     */
    public static ComputeDevice parse(String text) {
        if (text != null) {
            switch (text.trim().toLowerCase(Locale.ROOT)) {
                case "auto": return AUTO;
                case "cpu": return CPU;
                case "gpu": case "cuda": return GPU;
                default: break;
            }
        }
        throw new IllegalArgumentException("device must be auto, cpu or gpu, was " + text);
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
