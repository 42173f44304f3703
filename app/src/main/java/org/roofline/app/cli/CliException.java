package org.roofline.app.cli;

/**
 * An error to report to the user as one line, {@code roofline: <subject>: <problem>}, where the subject is usually
 * the file concerned.
 */
final class CliException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String subject;
    private final String problem;

    CliException(String subject, String problem, Throwable cause) {
        super(subject + ": " + problem, cause);
        this.subject = subject;
        this.problem = problem;
    }

    CliException(String subject, String problem) {
        this(subject, problem, null);
    }

    String subject() {
        return subject;
    }

    String problem() {
        return problem;
    }
}
