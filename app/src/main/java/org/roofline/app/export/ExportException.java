package org.roofline.app.export;

import java.util.Objects;

/**
 * An export that could not be done, as one line for the user: {@code <subject>: <problem>}, the subject being the file
 * concerned (the session, the output) or the option at fault ({@code --crs EPSG:99999}).
 */
public final class ExportException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String subject;
    private final String problem;

    public ExportException(String subject, String problem, Throwable cause) {
        super(Objects.requireNonNull(subject, "subject") + ": " + Objects.requireNonNull(problem, "problem"), cause);
        this.subject = subject;
        this.problem = problem;
    }

    public ExportException(String subject, String problem) {
        this(subject, problem, null);
    }

    /** The file or option concerned. */
    public String subject() {
        return subject;
    }

    /** What is wrong, without the subject. */
    public String problem() {
        return problem;
    }
}
