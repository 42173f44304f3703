package org.roofline.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A bad option value, for every command, is a usage error: exit status 2, one line saying what is wrong and one
 * pointing at the command's {@code --help}, nothing on standard output and no output file; never the usage dump.
 */
class UsageErrorTest {

    @TempDir
    static Path tmp;

    record Case(List<String> args, String problem, String command) {
        @Override
        public String toString() {
            return String.join(" ", args);
        }
    }

    static Stream<Case> cases() {
        String image = ExtractCommandTest.kampalaChip().toString();
        String model = ExtractCommandTest.fixture().toString();
        String out = tmp.resolve("never.geojson").toString();
        return Stream.of(
                new Case(List.of("extract", image, "--model", model, "-o", out, "--tile", "0"),
                        "Invalid value for option '--tile': 0 is not positive", "roofline extract"),
                new Case(List.of("extract", image, "--model", model, "-o", out, "--tile", "-5"),
                        "Invalid value for option '--tile': -5 is not positive", "roofline extract"),
                new Case(List.of("extract", image, "--model", model, "-o", out, "--overlap", "-10"),
                        "Invalid value for option '--overlap': -10 is negative", "roofline extract"),
                new Case(List.of("extract", image, "--model", model, "-o", out, "--tile", "64", "--overlap", "32"),
                        "Invalid value for option '--overlap': 32 leaves no tile interior: it must be less than half "
                                + "the tile size (64)", "roofline extract"),
                new Case(List.of("extract", image, "-o", out, "--tile", "abc"),
                        "Invalid value for option '--tile': 'abc' is not an int", "roofline extract"),
                new Case(List.of("polygonize", image, "-o", out, "--threshold", "x"),
                        "Invalid value for option '--threshold': 'x' is not a double", "roofline polygonize"),
                new Case(List.of("polygonize", image, "-o", out, "--tolerance", "fast"),
                        "Invalid value for option '--tolerance': fast is neither auto nor a positive number of pixels",
                        "roofline polygonize"),
                new Case(List.of("extract", image, "--model", model, "-o", out, "--tolerance", "0"),
                        "Invalid value for option '--tolerance': 0 is neither auto nor a positive number of pixels",
                        "roofline extract"),
                new Case(List.of("info"), "Missing required parameter: 'FILE'", "roofline info"),
                new Case(List.of("convert", "--no-such-option", image, out),
                        "Unknown option: '--no-such-option'", "roofline convert"));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void oneLineAndAPointerToHelp(Case c) {
        ConvertCommandTest.Run r = ConvertCommandTest.run(c.args().toArray(String[]::new));
        assertEquals(2, r.exit(), r.toString());
        assertEquals("", r.out());
        assertEquals(List.of("roofline: " + c.problem(), "Run '" + c.command() + " --help' for the options."),
                r.err().lines().toList());
        assertFalse(Files.exists(tmp.resolve("never.geojson")), "no output file");
    }
}
