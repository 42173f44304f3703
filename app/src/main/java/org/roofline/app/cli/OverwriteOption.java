package org.roofline.app.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@value OutputGuard#OVERWRITE}: whether a command may replace a Roofline review session, for the commands that write
 * a GeoPackage a session could be ({@code @Mixin}).
 */
final class OverwriteOption {

    @Option(names = OutputGuard.OVERWRITE,
            description = "Replace OUT even when it is a Roofline review session (with the reviewer's decisions).")
    boolean overwrite;

    /** Refuses {@code out} when it is a review session and the option was not given; see {@link OutputGuard}. */
    void guard(Path out) {
        OutputGuard.notASession(out, overwrite);
    }
}
