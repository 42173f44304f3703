package org.roofline.app.editor.extract;

import org.roofline.geometry.text.OneLine;

/**
 * Why an extraction could not run or stopped, as one line for the user: {@code <file>: <problem>} (the image, the
 * model, or the session the footprints go to). No stack trace is meant to reach the user.
 */
public final class ExtractionFailure extends Exception {

    private static final long serialVersionUID = 1L;

    public ExtractionFailure(String subject, String problem, Throwable cause) {
        super(oneLine(subject + ": " + problem), cause);
    }

    public ExtractionFailure(String subject, String problem) {
        this(subject, problem, null);
    }

    static String oneLine(String text) {
        return OneLine.of(text);
    }

    /** The problem part of an exception's message, without a leading {@code <subject>: }. */
    static String problem(Throwable e, String subject) {
        if (e instanceof java.io.UncheckedIOException u && u.getCause() != null) {
            e = u.getCause(); // its own message is the cause's toString, class name included
        }
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            return e.getClass().getSimpleName();
        }
        m = oneLine(m);
        return m.startsWith(subject + ": ") ? m.substring(subject.length() + 2) : m;
    }
}
