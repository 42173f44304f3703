package org.roofline.geometry.io;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Names of temporary files written beside their targets (then renamed over them), which neither an interrupted run
 * nor a killed one leaves lying about.
 *
 * <p>A name is {@value #PREFIX}{@code HOST-PID-RANDOM.TARGETNAME}: hidden, recognisable as Roofline's, tied to the
 * process that made it (the host as 8 hex digits of its name's hash, the pid in decimal) and ending in the target's
 * own name, so the temporary file has the target's extension (a reader picks the same format). Guarantees:
 * <ul>
 *   <li>names handed out by {@link #beside} are deleted, with their SQLite companions ({@code -journal}, {@code -wal},
 *       {@code -shm}), by a shutdown hook when the JVM exits before they were {@link #release released}: SIGTERM,
 *       SIGINT (Ctrl+C) and {@code System.exit} run the hook; SIGKILL and power loss do not;</li>
 *   <li>so {@link #beside} first removes, in that folder, the files of this host whose process is gone (and only
 *       those: another host's files, and a live process's, are never touched).</li>
 * </ul>
 * Thread-safe.
 */
public final class TempFiles {

    /** How every Roofline temporary file's name begins. */
    public static final String PREFIX = ".roofline-tmp-";
    private static final String[] SQLITE_COMPANIONS = {"", "-journal", "-wal", "-shm"};
    private static final String HOST_TAG = String.format(Locale.ROOT, "%08x", ThisProcess.host().hashCode());
    private static final Set<Path> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(TempFiles::deleteLive, "roofline-temp-cleanup"));
    }

    private TempFiles() {
    }

    /**
     * A new temporary name beside a target, registered for deletion at exit; stale files of earlier runs in the
     * folder are removed first.
     *
     * @param target the file the temporary one will replace (its folder must exist)
     * @return an absolute path that does not exist yet
     */
    public static Path beside(Path target) {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        removeStale(dir);
        String tag = Integer.toHexString(ThreadLocalRandom.current().nextInt());
        Path temp = dir.resolve(PREFIX + HOST_TAG + "-" + ThisProcess.pid() + "-" + tag + "."
                + absolute.getFileName());
        LIVE.add(temp);
        return temp;
    }

    /**
     * Registers another file that belongs with a temporary one (a Shapefile's companions), deleted at exit like it.
     *
     * @return the file
     */
    public static Path register(Path companion) {
        LIVE.add(companion.toAbsolutePath());
        return companion.toAbsolutePath();
    }

    /** Forgets a temporary file that was renamed into place (or deleted): the exit hook leaves that name alone. */
    public static void release(Path temp) {
        LIVE.remove(temp.toAbsolutePath());
    }

    /** Deletes a temporary file and its SQLite companions, quietly, and forgets it. */
    public static void discard(Path temp) {
        Path absolute = temp.toAbsolutePath();
        deleteWithCompanions(absolute);
        LIVE.remove(absolute);
    }

    /**
     * Deletes the temporary files in a folder that this host's processes left and whose process is gone.
     *
     * @return how many files were deleted
     */
    public static int removeStale(Path dir) {
        if (dir == null || !Files.isDirectory(dir)) {
            return 0;
        }
        int removed = 0;
        String ours = PREFIX + HOST_TAG + "-";
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, PREFIX + "*")) {
            for (Path p : entries) {
                String name = p.getFileName().toString();
                if (!name.startsWith(ours)) {
                    continue;
                }
                int dash = name.indexOf('-', ours.length());
                if (dash < 0) {
                    continue;
                }
                long pid;
                try {
                    pid = Long.parseLong(name.substring(ours.length(), dash));
                } catch (NumberFormatException e) {
                    continue;
                }
                if (pid == ThisProcess.pid() || ThisProcess.isRunning(pid, null)) {
                    continue;
                }
                try {
                    if (Files.isRegularFile(p) && Files.deleteIfExists(p)) {
                        removed++;
                    }
                } catch (IOException ignored) {
                    // someone else's folder rules: leave it
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // an unreadable folder: nothing to clean
        }
        return removed;
    }

    /**
     * The exit hook: deletes every live temporary file, then once more a moment later, for the companion (an SQLite
     * journal) that a writer still running during the hook may have created meanwhile.
     */
    private static void deleteLive() {
        for (int round = 0; round < 2 && !LIVE.isEmpty(); round++) {
            if (round > 0) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            for (Path p : LIVE) {
                deleteWithCompanions(p);
            }
        }
    }

    private static void deleteWithCompanions(Path p) {
        for (String suffix : SQLITE_COMPANIONS) {
            try {
                Files.deleteIfExists(p.resolveSibling(p.getFileName() + suffix));
            } catch (IOException | RuntimeException ignored) {
                // best effort
            }
        }
    }
}
