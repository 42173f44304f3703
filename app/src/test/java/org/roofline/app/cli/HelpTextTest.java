package org.roofline.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every command's {@code --help}, as a user's 80-column terminal shows it: rendered without picocli's format warnings,
 * and with every file path of the descriptions in one piece (picocli wraps long lines at any line-break opportunity,
 * which includes the middle of a path: "~/." on one line, "local/share/..." on the next).
 */
class HelpTextTest {

    private static final Pattern PATH = Pattern.compile("[~\\w.-]*/[\\w.~/-]*[\\w~/]");

    @Test
    void everyUsageRendersWithoutWarningsAndKeepsPathsWhole() {
        List<String> broken = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        visit(Main.commandLine(), broken, warnings);
        assertEquals(List.of(), warnings, "picocli warned while rendering --help");
        assertEquals(List.of(), broken, "file paths split across lines in --help");
    }

    @Test
    void readmeDescribesEveryCommand() throws java.io.IOException {
        String readme = java.nio.file.Files.readString(
                java.nio.file.Path.of(System.getProperty("roofline.resources")).getParent().resolve("README.md"));
        List<String> missing = new ArrayList<>();
        for (CommandLine sub : Main.commandLine().getSubcommands().values()) {
            String name = sub.getCommandSpec().name();
            if (name.equals("help")) {
                continue;
            }
            List<String> names = new ArrayList<>();
            if (sub.getSubcommands().isEmpty()) {
                names.add(name);
            }
            for (String child : sub.getSubcommands().keySet()) {
                if (!child.equals("help")) {
                    names.add(name + " " + child);
                }
            }
            for (String n : names) {
                if (!readme.contains("### `" + n + "`")) {
                    missing.add(n);
                }
            }
        }
        assertEquals(List.of(), missing, "commands of --help without a section in the README's Command line");
    }

    @Test
    void pathCheckNoticesASplitPath() {
        // the check itself: a path wrapped at its dot is reported
        assertTrue(splitPaths("default ~/.local/share/roofline/sample", "default ~/.\n  local/share/roofline/sample")
                .contains("~/.local/share/roofline/sample"));
    }

    private static void visit(CommandLine cl, List<String> broken, List<String> warnings) {
        PrintStream oldErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String usage;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            usage = cl.getUsageMessage(CommandLine.Help.Ansi.OFF);
        } finally {
            System.setErr(oldErr);
        }
        String name = cl.getCommandSpec().qualifiedName();
        if (err.size() > 0) {
            warnings.add(name + ": " + err.toString(StandardCharsets.UTF_8).strip());
        }
        for (String path : splitPaths(descriptions(cl.getCommandSpec()), usage)) {
            broken.add(name + ": " + path);
        }
        for (CommandLine sub : cl.getSubcommands().values()) {
            if (!sub.getCommandSpec().name().equals("help")) {
                visit(sub, broken, warnings);
            }
        }
    }

    private static String descriptions(CommandSpec spec) {
        StringBuilder text = new StringBuilder();
        for (String s : spec.usageMessage().description()) {
            text.append(s).append('\n');
        }
        for (String s : spec.usageMessage().header()) {
            text.append(s).append('\n');
        }
        for (String s : spec.usageMessage().footer()) {
            text.append(s).append('\n');
        }
        for (OptionSpec o : spec.options()) {
            for (String s : o.description()) {
                text.append(s).append('\n');
            }
            if (o.defaultValue() != null) {
                text.append(o.defaultValue()).append('\n');
            }
        }
        return text.toString();
    }

    /** @return the paths of {@code source} that {@code rendered} does not hold in one piece */
    static List<String> splitPaths(String source, String rendered) {
        List<String> split = new ArrayList<>();
        Matcher m = PATH.matcher(source);
        while (m.find()) {
            String path = m.group();
            if (path.length() > 3 && path.chars().filter(c -> c == '/').count() >= 1 && !rendered.contains(path)
                    && !path.contains("%n")) {
                split.add(path);
            }
        }
        return split;
    }
}
