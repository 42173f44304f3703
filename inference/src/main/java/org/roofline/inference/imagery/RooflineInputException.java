package org.roofline.inference.imagery;

import java.nio.file.Path;
import java.util.Objects;
import org.roofline.geometry.text.OneLine;

/**
 * An input file that cannot be used: missing, unreadable, not an image, truncated, empty, or too large for the
 * memory available. The message is one line, {@code <file>: <problem>}, fit to show to the user as it is.
 */
public class RooflineInputException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final String problem;

    public RooflineInputException(Path file, String problem) {
        this(file, problem, null);
    }

    public RooflineInputException(Path file, String problem, Throwable cause) {
        super(file + ": " + oneLine(problem), cause);
        this.file = Objects.requireNonNull(file, "file");
        this.problem = oneLine(problem);
    }

    /** @return the file that could not be used */
    public Path file() {
        return file;
    }

    /** @return what is wrong with it, one line, without the file name */
    public String problem() {
        return problem;
    }

    static String oneLine(String s) {
        return s == null ? "" : OneLine.joinLines(s).trim();
    }
}
