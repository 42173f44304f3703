package org.roofline.app.editor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.roofline.geometry.io.AtomicFiles;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.roofline.app.UserDirectories;

/**
 * The files opened last (review sessions and images), most recent first, at most {@value #MAX} of them, kept in a text
 * file with one absolute path a line: {@code recent.txt} in the configuration directory
 * ({@link UserDirectories#config()}).
 *
 * <p>Guarantees: {@link #add} writes a temporary file and renames it over the list, so a crash leaves the old list or
 * the new one, never half of one; {@link #list} skips entries whose file no longer exists (they stay in the file, in
 * case the disk comes back) and lines that are not paths; a missing or unreadable list is an empty one. Both read the
 * file each time, so two Roofline windows share one list (the last writer wins on a simultaneous add). Both do file
 * I/O: call them off the JavaFX thread.
 */
public final class RecentFiles {

    /** The most entries kept. */
    public static final int MAX = 10;
    /** The system property that overrides the configuration directory. */
    public static final String CONFIG_DIR_PROPERTY = UserDirectories.CONFIG_DIR_PROPERTY;

    private final Path file;

    /** A list kept in this file (created by the first {@link #add}). */
    public RecentFiles(Path file) {
        this.file = Objects.requireNonNull(file, "file").toAbsolutePath();
    }

    /** The user's list, {@code recent.txt} in {@link #configDirectory()}. */
    public static RecentFiles standard() {
        return new RecentFiles(configDirectory().resolve("recent.txt"));
    }

    /** Roofline's configuration directory ({@link UserDirectories#config()}); not created here. */
    public static Path configDirectory() {
        return UserDirectories.standard().config();
    }

    /** @return the file the list is kept in */
    public Path file() {
        return file;
    }

    /** The recent files that still exist, most recent first, at most {@value #MAX}. */
    public synchronized List<Path> list() {
        List<Path> out = new ArrayList<>();
        for (Path p : stored()) {
            if (Files.exists(p)) {
                out.add(p);
            }
        }
        return out;
    }

    /**
     * Puts a file first (as an absolute, normalized path; an entry already there moves up) and keeps the
     * {@value #MAX} most recent.
     *
     * @throws IOException naming the list's file if it cannot be written
     */
    public synchronized void add(Path opened) throws IOException {
        Objects.requireNonNull(opened, "opened");
        Path entry = opened.toAbsolutePath().normalize();
        Set<Path> entries = new LinkedHashSet<>();
        entries.add(entry);
        entries.addAll(stored());
        List<String> lines = entries.stream().limit(MAX).map(Path::toString).toList();
        try {
            Files.createDirectories(file.getParent());
            AtomicFiles.write(file, out -> out.write((String.join("\n", lines) + "\n")
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new IOException(file + ": cannot record the recent files (" + e.getMessage() + ")", e);
        }
    }

    /** Every entry in the file, duplicates and lines that are not absolute paths dropped. */
    private List<Path> stored() {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            return List.of(); // an unreadable list (garbled encoding, a folder): start afresh rather than fail
        }
        Set<Path> out = new LinkedHashSet<>();
        for (String line : lines) {
            String t = line.strip();
            if (t.isEmpty()) {
                continue;
            }
            try {
                Path p = Path.of(t);
                if (p.isAbsolute()) {
                    out.add(p.normalize());
                }
            } catch (InvalidPathException e) {
                // not a path: skip it
            }
        }
        return List.copyOf(out);
    }
}
