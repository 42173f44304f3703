package org.roofline.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roofline.geometry.io.format.VectorIo;

/**
 * {@code roofline extract} never passes a run with failed tiles off as a good one: on a truncated copy of a real
 * GeoTIFF every tile failing is one error and no file; some failing is an error listing them, its last line saying how
 * many, unless {@code --allow-failed-tiles}; and the progress line counts the buildings that are written (merged
 * across seams), not the candidates before the merge.
 */
class ExtractFailedTilesTest {

    @TempDir
    Path tmp;

    /** The Kampala chip (uncompressed, strips in row order) cut to {@code fraction} of its bytes. */
    private Path truncatedChip(String name, double fraction) throws IOException {
        byte[] all = Files.readAllBytes(ExtractCommandTest.kampalaChip());
        Path file = tmp.resolve(name);
        Files.write(file, Arrays.copyOf(all, (int) (all.length * fraction)));
        return file;
    }

    private static ConvertCommandTest.Run extract(Path image, Path out, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("extract", image.toString(), "--model",
                ExtractCommandTest.fixture().toString(), "--device", "cpu", "-o", out.toString(), "--threads", "2"));
        args.addAll(List.of(extra));
        return ConvertCommandTest.run(args.toArray(String[]::new));
    }

    private static List<String> errorLines(ConvertCommandTest.Run r) {
        // the progress line is rewritten with \r; the messages are the lines after it
        return r.err().lines().filter(l -> l.startsWith("roofline: ")).toList();
    }

    @Test
    void everyTileFailingIsOneErrorAndNoFile() throws IOException {
        Path image = truncatedChip("half.tif", 0.5);
        Path out = tmp.resolve("half.geojson");
        ConvertCommandTest.Run r = extract(image, out);
        assertEquals(1, r.exit(), r.toString());
        assertEquals("", r.out());
        List<String> lines = errorLines(r);
        assertEquals(1, lines.size(), r.err());
        assertTrue(lines.get(0).startsWith("roofline: " + image + ": all 9 tiles with data failed (the first: tile 0 "),
                lines.get(0));
        assertTrue(lines.get(0).contains("truncated or corrupt") && lines.get(0).endsWith("; nothing written"),
                lines.get(0));
        assertFalse(Files.exists(out), "no output file");
    }

    @Test
    void someTilesFailingIsAnErrorUnlessAllowed() throws IOException {
        Path image = truncatedChip("part.tif", 0.75);
        Path out = tmp.resolve("part.geojson");
        ConvertCommandTest.Run r = extract(image, out);
        assertEquals(1, r.exit(), r.toString());
        assertEquals("", r.out());
        List<String> lines = errorLines(r);
        Matcher last = Pattern.compile("roofline: " + Pattern.quote(image.toString())
                + ": (\\d+) of 9 tiles with data failed; nothing written \\(--allow-failed-tiles writes the "
                + "footprints of the others\\)").matcher(lines.get(lines.size() - 1));
        assertTrue(last.matches(), r.err());
        int failed = Integer.parseInt(last.group(1));
        assertTrue(failed > 0 && failed < 9, r.err());
        assertEquals(failed + 1, lines.size(), "each failed tile, then the verdict: " + r.err());
        assertFalse(Files.exists(out), "no output file");

        ConvertCommandTest.Run allowed = extract(image, out, "--allow-failed-tiles");
        assertEquals(0, allowed.exit(), allowed.toString());
        assertTrue(allowed.out().matches("(?s)extract: \\d+ buildings? from 9 tiles \\(0 skipped as nodata, " + failed
                + " failed\\).*"), allowed.out());
        assertEquals(failed, errorLines(allowed).size(), allowed.err());
        errorLines(allowed).forEach(l -> assertTrue(l.endsWith("(treated as background)"), l));
        assertTrue(Files.exists(out));
        VectorIo.read(out);
    }

    @Test
    void progressCountsTheBuildingsWritten() throws IOException {
        // with the fixture the 1024 px Banepa mosaic gives buildings cut by block seams: more candidates than buildings
        Path image = ExtractCommandTest.root().resolve("resources/samples/banepa-2x2/banepa-2x2.tif");
        Path out = tmp.resolve("banepa.geojson");
        ConvertCommandTest.Run r = extract(image, out);
        assertEquals(0, r.exit(), r.toString());
        Matcher summary = Pattern.compile("extract: (\\d+) buildings? from .*").matcher(r.out().strip());
        assertTrue(summary.matches(), r.out());
        int written = VectorIo.read(out).features().size();
        assertEquals(written, Integer.parseInt(summary.group(1)));
        String[] states = r.err().strip().split("\r");
        String lastState = states[states.length - 1].strip();
        assertEquals("extract: 25/25 tiles, " + ExtractCommand.buildings(written) + ", 100%", lastState, r.err());
        for (String state : states) {
            Matcher m = Pattern.compile("extract: \\d+/25 tiles, (\\d+) buildings?, +\\d+%").matcher(state.strip());
            assertTrue(m.matches(), state);
            assertTrue(Integer.parseInt(m.group(1)) <= written, "never more than are written: " + state);
        }
    }
}
