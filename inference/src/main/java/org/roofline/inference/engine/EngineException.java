package org.roofline.inference.engine;

import java.util.Objects;

/** A run that could not start or did not complete: {@code subject} (a file, an option) and a one-line problem. */
public class EngineException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String subject;
    private final String problem;

    public EngineException(String subject, String problem, Throwable cause) {
        super(subject + ": " + problem, cause);
        this.subject = Objects.requireNonNull(subject, "subject");
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    public EngineException(String subject, String problem) {
        this(subject, problem, null);
    }

    /** What the problem is about: a file, an option, the engine. */
    public String subject() {
        return subject;
    }

    /** The problem, one line. */
    public String problem() {
        return problem;
    }
}
