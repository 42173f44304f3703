package org.roofline.app.cli;

import org.roofline.geometry.crs.Crs;

/** A {@code --crs} value: {@code EPSG:XXXX}, a bare code or WKT; one that cannot be parsed is a one-line error. */
final class CrsArgument {

    private CrsArgument() {
    }

    static Crs parse(String text) {
        try {
            return Crs.parse(text);
        } catch (IllegalArgumentException e) {
            throw new CliException("--crs " + text, e.getMessage());
        }
    }
}
