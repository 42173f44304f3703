package org.roofline.inference.imagery;

import java.awt.Rectangle;

/** The pieces the readers of this package build their one-line messages from. */
final class ImageMessages {

    private ImageMessages() {
    }

    /** "(x, y) w x h" */
    static String window(Rectangle r) {
        return "(" + r.x + ", " + r.y + ") " + r.width + " x " + r.height;
    }

    /** The messages of an exception and its causes, without repeats, on one line. */
    static String of(Throwable e) {
        StringBuilder sb = new StringBuilder();
        int depth = 0;
        for (Throwable t = e; t != null && depth < 4; t = t.getCause() == t ? null : t.getCause(), depth++) {
            String m = t.getLocalizedMessage();
            if (m == null || m.isBlank()) {
                continue;
            }
            // "java.io.EOFException: ..." (a wrapper's default message) -> "..."; no full stop before the next part
            m = RooflineInputException.oneLine(m).replaceFirst("^([a-z][\\w$]*\\.)+[A-Z][\\w$]*: ", "")
                    .replaceFirst("[.\\s]+$", "");
            if (m.isEmpty() || sb.indexOf(m) >= 0) {
                continue;
            }
            if (sb.length() > 0) {
                sb.append(": ");
            }
            sb.append(m);
        }
        return sb.length() == 0 ? e.getClass().getSimpleName() : sb.toString();
    }
}
