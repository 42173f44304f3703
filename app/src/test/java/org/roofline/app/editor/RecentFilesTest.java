package org.roofline.app.editor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The recent files: most recent first, ten at most, no duplicates, missing files skipped, written atomically. */
class RecentFilesTest {

    @TempDir
    Path tmp;

    @AfterEach
    void clearProperty() {
        System.clearProperty(RecentFiles.CONFIG_DIR_PROPERTY);
    }

    private List<Path> files(int n) throws IOException {
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(Files.writeString(tmp.resolve("f" + i + ".gpkg"), "x"));
        }
        return out;
    }

    @Test
    void mostRecentFirstTenAtMostNoDuplicates() throws Exception {
        System.setProperty(RecentFiles.CONFIG_DIR_PROPERTY, tmp.resolve("config").toString());
        RecentFiles recent = RecentFiles.standard();
        assertEquals(tmp.resolve("config").resolve("recent.txt").toAbsolutePath(), recent.file());
        assertEquals(List.of(), recent.list(), "no list yet: empty");
        List<Path> f = files(12);
        for (Path p : f) {
            recent.add(p);
        }
        List<Path> expected = new ArrayList<>();
        for (int i = 11; i >= 2; i--) {
            expected.add(f.get(i).toAbsolutePath());
        }
        assertEquals(expected, recent.list());
        assertEquals(RecentFiles.MAX, Files.readAllLines(recent.file()).size());

        // opening one again moves it up, by any spelling of its path
        recent.add(tmp.resolve("config").resolve("..").resolve("f5.gpkg"));
        assertEquals(f.get(5).toAbsolutePath(), recent.list().get(0));
        assertEquals(RecentFiles.MAX, recent.list().size());
        assertEquals(1, recent.list().stream().filter(p -> p.equals(f.get(5).toAbsolutePath())).count());

        // another instance (another window) reads the same list
        assertEquals(recent.list(), new RecentFiles(recent.file()).list());
        try (var left = Files.list(recent.file().getParent())) {
            assertEquals(List.of("recent.txt"), left.map(p -> p.getFileName().toString()).toList(),
                    "no temporary file is left");
        }
    }

    @Test
    void filesThatAreGoneAndGarbageAreSkipped() throws Exception {
        RecentFiles recent = new RecentFiles(tmp.resolve("recent.txt"));
        List<Path> f = files(3);
        for (Path p : f) {
            recent.add(p);
        }
        Files.delete(f.get(1));
        assertEquals(List.of(f.get(2).toAbsolutePath(), f.get(0).toAbsolutePath()), recent.list());
        // the entry of the missing file stays in the file (a disk that is not mounted now may come back)
        assertEquals(3, Files.readAllLines(recent.file()).size());

        Files.write(recent.file(), List.of("", "relative/path.gpkg", "  " + f.get(0).toAbsolutePath() + "  ",
                "\0bad", f.get(0).toAbsolutePath().toString()), StandardCharsets.UTF_8);
        assertEquals(List.of(f.get(0).toAbsolutePath()), recent.list());
        Files.write(recent.file(), new byte[] {(byte) 0xff, (byte) 0xfe, 0, (byte) 0xc3});
        assertEquals(List.of(), recent.list(), "an unreadable list is an empty one");
        recent.add(f.get(2));
        assertEquals(List.of(f.get(2).toAbsolutePath()), recent.list(), "and is replaced on the next add");
    }

    @Test
    void aListThatCannotBeWrittenSaysWhere() throws Exception {
        Path blocker = Files.writeString(tmp.resolve("not-a-folder"), "x");
        RecentFiles recent = new RecentFiles(blocker.resolve("recent.txt"));
        IOException e = assertThrows(IOException.class, () -> recent.add(files(1).get(0)));
        assertTrue(e.getMessage().startsWith(recent.file() + ": cannot record the recent files"), e.getMessage());
        assertEquals(List.of(), recent.list());
    }
}
