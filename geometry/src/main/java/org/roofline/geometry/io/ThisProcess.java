package org.roofline.geometry.io;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * Who this process is, for the marks it leaves in shared folders (temporary files, lock files): its pid, the host
 * name, its start time; and whether such a mark's process still runs. Immutable facts read once.
 */
public final class ThisProcess {

    private static final String HOST = readHost();
    private static final long PID = ProcessHandle.current().pid();

    private ThisProcess() {
    }

    /** @return this process's id */
    public static long pid() {
        return PID;
    }

    /** @return this host's name (the kernel's, else the resolver's), "localhost" when neither is known */
    public static String host() {
        return HOST;
    }

    /** @return when this process started, or empty when the platform does not say */
    public static Optional<Instant> start() {
        return ProcessHandle.current().info().startInstant();
    }

    /**
     * Whether a process of this host is running: true when the pid is alive and, when a start time is given and the
     * platform knows the process's, started then (to within a second), so that a reused pid is not mistaken for it.
     *
     * @param start the process's start time as it recorded it, or null when unknown
     */
    public static boolean isRunning(long pid, Instant start) {
        Optional<ProcessHandle> h = ProcessHandle.of(pid);
        if (h.isEmpty() || !h.get().isAlive()) {
            return false;
        }
        if (start == null) {
            return true;
        }
        Optional<Instant> actual = h.get().info().startInstant();
        return actual.isEmpty() || Math.abs(actual.get().toEpochMilli() - start.toEpochMilli()) < 1000;
    }

    private static String readHost() {
        try {
            Path kernel = Path.of("/proc/sys/kernel/hostname");
            if (Files.isReadable(kernel)) {
                String h = Files.readString(kernel, StandardCharsets.US_ASCII).strip();
                if (!h.isEmpty()) {
                    return h;
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // try the resolver
        }
        try {
            String h = InetAddress.getLocalHost().getHostName();
            return h == null || h.isBlank() ? "localhost" : h;
        } catch (IOException | RuntimeException e) {
            return "localhost";
        }
    }
}
