package org.roofline.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.roofline.app.AppVersion;
import org.roofline.geometry.text.OneLine;
import org.roofline.inference.imagery.RooflineInputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;

/**
 * The {@code roofline} command line.
 *
 * <p>Exit status: 0 on success, 1 on an error (reported as one line on standard error,
 * {@code roofline: <file>: <problem>}, or the full stack trace with {@code --debug}), 2 on a usage error (one line
 * saying what is wrong and one pointing at the command's {@code --help}).
 */
@Command(name = "roofline",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = {"Turns building segmentation masks into regularized building polygons, and reviews them.",
                "Without a command, opens the review editor on the bundled sample (a Banepa drone mosaic with the "
                        + "footprints the bundled model found there); its session, with every decision, is kept in "
                        + "the user's data directory:%n  ~/.local/share/roofline/sample"},
        subcommands = {OpenCommand.class, PolygonizeCommand.class, ExtractCommand.class, TrainCommand.class,
                EvaluateCommand.class,
                FinetuneCommand.class,
                ExportCommand.class,
                ConvertCommand.class, ConflateCommand.class,
                InfoCommand.class,
                BenchCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"",
                "Exit status: 0 success; 2 usage error; 1 any other error, reported as one line",
                "  roofline: <file>: <problem>",
                "on standard error (the full stack trace with --debug).",
                "Run 'roofline COMMAND --help' for the options of a command."})
public final class Main implements java.util.concurrent.Callable<Integer> {

    /** Exit status of an error other than a usage error. */
    public static final int EXIT_ERROR = 1;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "On an error, print the full stack trace instead of a one-line message.")
    boolean debug;

    /**
     * Libraries that log through java.util.logging (NGA GeoPackage's CRS parser, Apache SIS) would print warnings
     * and stack traces on the user's terminal; Roofline reports problems itself, one line each. Held here so the
     * settings are not garbage-collected.
     */
    private static final java.util.List<java.util.logging.Logger> QUIET_LOGGERS = java.util.stream.Stream
            .of("mil.nga", "org.apache.sis").map(java.util.logging.Logger::getLogger).toList();

    static void quietLibraryLogging() {
        for (java.util.logging.Logger logger : QUIET_LOGGERS) {
            logger.setLevel(java.util.logging.Level.SEVERE);
        }
    }

    /**
     * No command: the editor on the bundled sample, its session created the first time and reopened afterwards.
     * Without a display, one line saying so (exit status 1).
     */
    @Override
    public Integer call() throws IOException {
        OpenCommand.requireDisplay();
        PrintWriter err = spec.commandLine().getErr();
        OpenCommand.launch(OpenCommand.sample(), err);
        return 0;
    }

    public static void main(String[] args) {
        if (JavaFxModules.relaunchInModuleLayer(args)) {
            return; // ran with JavaFX as named modules (no "Unsupported JavaFX configuration" warning)
        }
        quietLibraryLogging();
        int status;
        try {
            status = commandLine().execute(args);
        } catch (OutOfMemoryError e) {
            System.err.println("roofline: not enough memory; raise -Xmx (heap limit "
                    + (Runtime.getRuntime().maxMemory() >> 20) + " MB)");
            status = EXIT_ERROR;
        }
        System.exit(status);
    }

    /**
     * The configured command line: run it with {@link CommandLine#execute}, after {@link CommandLine#setOut} and
     * {@link CommandLine#setErr} to capture its output.
     */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler(new ErrorHandler());
        cl.setParameterExceptionHandler(new UsageErrorHandler());
        return cl;
    }

    /** The version from the filtered {@code version.properties}, as {@code roofline 0.1.0}. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"roofline " + AppVersion.get()};
        }
    }

    /** One line per error, or the stack trace with --debug. */
    static final class ErrorHandler implements IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
            PrintWriter err = cmd.getErr();
            if (debug(parseResult)) {
                ex.printStackTrace(err);
            } else {
                err.println("roofline: " + describe(ex));
            }
            err.flush();
            return EXIT_ERROR;
        }

        private static boolean debug(ParseResult parseResult) {
            for (ParseResult pr = parseResult; pr != null; pr = pr.subcommand()) {
                if (pr.hasMatchedOption("--debug")) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * A usage error, for every command: {@code roofline: <what is wrong>} and a line pointing at the command's
     * {@code --help}, exit status 2, instead of picocli's message followed by the whole usage help.
     */
    static final class UsageErrorHandler implements CommandLine.IParameterExceptionHandler {
        @Override
        public int handleParseException(CommandLine.ParameterException ex, String[] args) {
            CommandLine cmd = ex.getCommandLine();
            PrintWriter err = cmd.getErr();
            err.println("roofline: " + describe(ex.getMessage() == null ? ex.toString() : ex.getMessage()));
            err.println("Run '" + cmd.getCommandSpec().qualifiedName() + " --help' for the options.");
            err.flush();
            return cmd.getCommandSpec().exitCodeOnInvalidInput();
        }

        private static String describe(String message) {
            return OneLine.joinLines(message).trim();
        }
    }

    /** The one-line description of an error, without the {@code roofline: } prefix. */
    static String describe(Throwable ex) {
        Throwable t = ex;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        String line;
        if (t instanceof java.nio.file.FileSystemException fs && fs.getFile() != null
                && (fs.getReason() == null || !fs.getMessage().contains(": "))) {
            // Java's message is then the bare path: say what happened to it
            line = fs.getFile() + ": " + (fs.getReason() != null ? fs.getReason()
                    : t instanceof java.nio.file.NoSuchFileException ? "no such file or directory"
                    : t instanceof java.nio.file.AccessDeniedException ? "permission denied"
                    : t.getClass().getSimpleName().replaceAll("Exception$", "")
                            .replaceAll("(?<=[a-z])(?=[A-Z])", " ").toLowerCase(java.util.Locale.ROOT));
        } else if (t instanceof CliException || t instanceof RooflineInputException
                || t instanceof java.io.IOException || t instanceof java.io.UncheckedIOException) {
            line = t.getMessage();
        } else {
            line = "internal error: " + t + " (run with --debug for the stack trace)";
        }
        return OneLine.joinLines(line).trim();
    }
}
