package org.roofline.geometry.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path dir;

    @Test
    void writeByPathReplacesTheTargetAndLeavesNoTemporaryFile() throws IOException {
        Path target = dir.resolve("a.txt");
        Files.writeString(target, "old");
        AtomicFiles.writeByPath(target, temp -> {
            assertFalse(Files.exists(temp), "the temporary file does not exist yet");
            Files.writeString(temp, "new");
        });
        assertEquals("new", Files.readString(target));
        assertEquals(List.of(target), list());
    }

    @Test
    void aFailedWriteLeavesTheTargetAndRemovesTheTemporaryFile() throws IOException {
        Path target = dir.resolve("a.txt");
        Files.writeString(target, "old");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.writeByPath(target, temp -> {
            Files.writeString(temp, "half");
            throw new IOException("disk full");
        }));
        assertEquals("disk full", e.getMessage());
        assertEquals("old", Files.readString(target));
        assertEquals(List.of(target), list());
    }

    @Test
    void createByPathCreatesTheTarget() throws IOException {
        Path target = dir.resolve("b.txt");
        AtomicFiles.createByPath(target, temp -> Files.writeString(temp, "b"));
        assertEquals("b", Files.readString(target));
        assertEquals(List.of(target), list());
    }

    @Test
    void replaceRenamesOverAnExistingFile() throws IOException {
        Path from = Files.writeString(dir.resolve("from"), "x");
        Path to = Files.writeString(dir.resolve("to"), "y");
        AtomicFiles.replace(from, to);
        assertEquals("x", Files.readString(to));
        assertFalse(Files.exists(from));
    }

    private List<Path> list() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }
}
