package org.roofline.app.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.roofline.app.session.SessionStore;

/**
 * The checks that keep a command from writing over what it must not: its own input (whatever the spelling of the
 * path, through symbolic links too) and a Roofline review session (the reviewer's decisions), unless asked to with
 * {@code --overwrite}. Each refusal is one line naming the output.
 */
final class OutputGuard {

    /** The option that allows replacing a review session. */
    static final String OVERWRITE = "--overwrite";

    private OutputGuard() {
    }

    /**
     * Refuses an output that is the input file itself.
     *
     * @param problem the message after the output's name
     */
    static void notTheInput(Path in, Path out, String problem) {
        if (sameFile(in, out)) {
            throw new CliException(out.toString(), problem);
        }
    }

    /** Refuses to replace an existing review session unless {@code overwrite}. */
    static void notASession(Path out, boolean overwrite) {
        if (!overwrite && SessionStore.isSession(out)) {
            throw new CliException(out.toString(), "is a Roofline review session, with the reviewer's decisions; "
                    + "it is not replaced (write to another file, or add " + OVERWRITE + " to replace it)");
        }
    }

    /** Whether two paths name one existing file (links followed, spellings compared by the file system). */
    static boolean sameFile(Path a, Path b) {
        try {
            return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }
}
