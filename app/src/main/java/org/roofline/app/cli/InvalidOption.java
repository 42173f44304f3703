package org.roofline.app.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * A usage error about an option's value, worded as picocli words its own: {@code Invalid value for option '--x':
 * <problem>}. Thrown, it is reported like any usage error (the message and a pointer to {@code --help}, exit status
 * 2).
 */
final class InvalidOption {

    private InvalidOption() {
    }

    /**
     * @param spec    the command the option belongs to
     * @param option  the option as the user types it, such as {@code --tile} (or several, {@code --a/--b})
     * @param problem what is wrong with the value, beginning with the value
     */
    static ParameterException of(CommandSpec spec, String option, String problem) {
        return new ParameterException(spec.commandLine(), "Invalid value for option '" + option + "': " + problem);
    }
}
