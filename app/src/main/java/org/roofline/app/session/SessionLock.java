package org.roofline.app.session;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.roofline.geometry.io.ThisProcess;

/**
 * Says that one editor holds a review session: the file {@code SESSION.lock} beside it, holding the holder's pid,
 * host, process start time and when it took the lock. A second editor that finds it refuses to make decisions in the
 * session (it may open it read-only), so two editors never write decisions into one session unseen by each other.
 *
 * <p>Why a lock file and not SQLite's own locking: SQLite locks a database only for the length of a transaction, so a
 * second editor would open the session without complaint and the two would overwrite each other's decisions; and
 * SQLite's exclusive locking mode would also shut out readers (QGIS, {@code roofline export}) and could not say who
 * holds the file. A lock file can say who holds it, and it does not get stuck: a lock whose holder ran on this host
 * and is no longer running (its pid is gone, or now belongs to a process started at another time) is stale, and is
 * taken over. A holder that exits normally or on SIGTERM/SIGINT deletes its lock (close, and a shutdown hook); one
 * that was killed outright or crashed leaves it, stale. A lock taken on another host (a session on a network share)
 * cannot be checked from here and counts as held; the message names the host and the lock file, which its owner may
 * delete.
 *
 * <p>Within one process a session may be locked more than once (the editor opens a session before closing the one it
 * showed, which may be the same): the file goes when the last of them is closed. Thread-safe.
 */
public final class SessionLock implements AutoCloseable {

    /** The suffix of the lock file: {@code SESSION.gpkg.lock}. */
    public static final String SUFFIX = ".lock";
    private static final DateTimeFormatter SHOWN =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final Map<Path, Integer> HELD = new ConcurrentHashMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(SessionLock::releaseAll, "roofline-session-unlock"));
    }

    /**
     * Who holds a session.
     *
     * @param pid     the holder's process id
     * @param host    the holder's host name
     * @param started when the holder's process started, or null when unknown
     * @param since   when it took the lock
     */
    public record Holder(long pid, String host, Instant started, Instant since) {
        public Holder {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(since, "since");
        }

        /** @return whether this is the current process */
        public boolean isThisProcess() {
            return pid == ThisProcess.pid() && host.equals(ThisProcess.host());
        }

        /** @return whether the holder is known to run no more (on this host, its pid is gone or reused) */
        public boolean isGone() {
            return host.equals(ThisProcess.host()) && !ThisProcess.isRunning(pid, started);
        }

        /** In words: "another Roofline editor (pid 4242 on host lab-3, since 2026-12-05 16:10:00 UTC)". */
        public String describe() {
            return "another Roofline editor (pid " + pid + " on host " + host + ", since " + SHOWN.format(since) + ")";
        }
    }

    /** Thrown when another editor holds the session. */
    public static final class HeldException extends IOException {
        private static final long serialVersionUID = 1L;
        private final transient Holder holder;
        private final transient Path session;

        /** @param session the session another editor holds; @param holder that editor */
        public HeldException(Path session, Holder holder) {
            super(session + ": " + problem(session, holder));
            this.session = session;
            this.holder = holder;
        }

        private static String problem(Path session, Holder holder) {
            return "is open in " + holder.describe() + (holder.host().equals(ThisProcess.host()) ? ""
                    : "; if that editor is no longer running, delete " + lockFile(session));
        }

        /** @return what is wrong, without the session's name */
        public String problem() {
            return problem(session, holder);
        }

        /** @return who holds it */
        public Holder holder() {
            return holder;
        }

        /** @return the session */
        public Path session() {
            return session;
        }
    }

    private final Path file;
    private boolean released;

    private SessionLock(Path file) {
        this.file = file;
    }

    /** The lock file of a session: {@code SESSION.lock} beside it. */
    public static Path lockFile(Path session) {
        Path abs = session.toAbsolutePath().normalize();
        return abs.resolveSibling(abs.getFileName() + SUFFIX);
    }

    /**
     * Takes the session for this process, taking over a stale lock.
     *
     * @throws HeldException when another running editor (or one on another host) holds it
     * @throws IOException   naming the lock file when it cannot be written (a read-only folder: open the session
     *                       read-only)
     */
    public static SessionLock acquire(Path session) throws IOException {
        Path lock = lockFile(session);
        synchronized (HELD) {
            Integer count = HELD.get(lock);
            if (count != null) {
                HELD.put(lock, count + 1);
                return new SessionLock(lock);
            }
            for (int attempt = 0; attempt < 5; attempt++) {
                if (create(lock)) {
                    HELD.put(lock, 1);
                    return new SessionLock(lock);
                }
                Optional<Holder> holder = read(lock);
                if (holder.isPresent() && !holder.get().isGone() && !holder.get().isThisProcess()) {
                    throw new HeldException(session, holder.get());
                }
                if (holder.isEmpty() && youngerThanASecond(lock)) {
                    pause(); // being written by an editor that is taking it right now
                    continue;
                }
                removeStale(lock, holder);
            }
            throw new IOException(lock + ": cannot take the session's lock (it keeps changing)");
        }
    }

    /** The running editor that holds a session, if any (a stale lock is no holder). */
    public static Optional<Holder> holder(Path session) {
        Optional<Holder> h = read(lockFile(session));
        return h.filter(x -> !x.isGone());
    }

    /** Gives the session up: the lock file is deleted when this process's last lock on it is closed. Idempotent. */
    @Override
    public void close() {
        synchronized (HELD) {
            if (released) {
                return;
            }
            released = true;
            Integer count = HELD.get(file);
            if (count == null) {
                return;
            }
            if (count > 1) {
                HELD.put(file, count - 1);
                return;
            }
            HELD.remove(file);
            deleteIfOurs(file);
        }
    }

    private static boolean create(Path lock) throws IOException {
        Properties p = new Properties();
        p.setProperty("pid", Long.toString(ThisProcess.pid()));
        p.setProperty("host", ThisProcess.host());
        ThisProcess.start().ifPresent(s -> p.setProperty("started", s.toString()));
        p.setProperty("since", Instant.now().toString());
        StringBuilder text = new StringBuilder("# Roofline: this review session is open in an editor\n");
        for (String key : new String[] {"pid", "host", "started", "since"}) {
            if (p.getProperty(key) != null) {
                text.append(key).append('=').append(p.getProperty(key)).append('\n');
            }
        }
        try {
            Files.writeString(lock, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            throw new IOException(lock + ": cannot lock the session (" + e.getMessage() + "); open it read-only", e);
        }
    }

    /** The holder recorded in a lock file; empty when there is none or it cannot be read. */
    static Optional<Holder> read(Path lock) {
        String text;
        try {
            text = Files.readString(lock, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
        return parse(text);
    }

    private static Optional<Holder> parse(String text) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(text));
            long pid = Long.parseLong(p.getProperty("pid", "").strip());
            String host = p.getProperty("host", "").strip();
            String started = p.getProperty("started");
            Instant since = Instant.parse(p.getProperty("since", "").strip());
            if (host.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Holder(pid, host, started == null ? null : Instant.parse(started.strip()), since));
        } catch (IOException | NumberFormatException | DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /**
     * Removes a stale (or unreadable) lock. Moved aside first and checked there, so that a lock another editor took
     * meanwhile is put back rather than deleted.
     */
    private static void removeStale(Path lock, Optional<Holder> seen) throws IOException {
        Path aside = lock.resolveSibling(lock.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current()
                .nextLong() & Long.MAX_VALUE) + ".stale");
        try {
            Files.move(lock, aside);
        } catch (NoSuchFileException e) {
            return;
        }
        Optional<Holder> moved = read(aside);
        if (!moved.equals(seen) && moved.isPresent() && !moved.get().isGone()) {
            try {
                Files.move(aside, lock);
            } catch (FileAlreadyExistsException e) {
                Files.deleteIfExists(aside);
            }
            return;
        }
        Files.deleteIfExists(aside);
    }

    private static void deleteIfOurs(Path lock) {
        Optional<Holder> h = read(lock);
        if (h.isPresent() && h.get().isThisProcess()) {
            try {
                Files.deleteIfExists(lock);
            } catch (IOException ignored) {
                // a lock that cannot be deleted goes stale when this process ends
            }
        }
    }

    private static void releaseAll() {
        for (Path lock : HELD.keySet()) {
            deleteIfOurs(lock);
        }
    }

    private static boolean youngerThanASecond(Path lock) {
        try {
            return Files.getLastModifiedTime(lock).toMillis() > System.currentTimeMillis() - 1000;
        } catch (IOException e) {
            return false;
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
