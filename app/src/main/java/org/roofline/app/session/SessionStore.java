package org.roofline.app.session;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import mil.nga.geopackage.GeoPackage;
import mil.nga.geopackage.GeoPackageManager;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.WKBWriter;
import org.roofline.app.review.ReviewPersistence;
import org.roofline.geometry.crs.Crs;
import org.roofline.geometry.io.AtomicFiles;
import org.roofline.geometry.io.geopackage.GeoPackages;
import org.roofline.geometry.footprint.Footprint;

/**
 * A review session kept in a GeoPackage file that the user names: the footprints under review, with their decisions,
 * and which review tiles have been visited. Every {@link ReviewPersistence} call is one SQLite transaction, committed
 * before the call returns.
 *
 * <p>The file's tables and what they hold are described in {@link SessionSchema}; a footprint's row in {@code
 * FootprintRows}.
 *
 * <h2>Durability</h2>
 * While open the file is in SQLite's WAL journal mode with {@code synchronous=FULL}: each commit is fsynced to the
 * write-ahead log before the call returns, so neither a killed process nor a power loss or OS crash loses a decision
 * that was reported as stored. ({@code synchronous=NORMAL} would survive a process kill but could lose the last
 * commits on power loss; one fsync per decision is cheap enough at human review speed.) {@link #close()} checkpoints
 * the log into the database and switches the file back to the rollback journal ({@code journal_mode=DELETE}), so a
 * closed session is one self-contained file that can be copied, mailed or opened from read-only media. A session left
 * by a crash still has its {@code -wal} file beside it; SQLite (and so {@link #open}, GDAL, QGIS) applies it on the
 * next open. Keep the {@code -wal} file with the session until then. When another program (QGIS, say) has the file
 * open at {@code close()}, the switch back is skipped: the committed log stays and is applied later.
 *
 * <h2>One editor at a time; readers any time</h2>
 * {@link #open} takes the session's {@link SessionLock} (a lock file beside it; see there why not SQLite's locking):
 * while one editor holds it, another's {@code open} fails with {@link SessionLock.HeldException}, naming the holder.
 * {@link #openReadOnly} takes no lock and opens a read-only SQLite connection: for {@code export} and for looking at a
 * session another editor holds. It never changes the file (no journal-mode switch, no checkpoint, no missing table
 * added), works on a read-only file or folder, and refuses every decision.
 *
 * <p>A store is for one thread at a time (the review's persistence thread); calls are synchronized.
 */
public final class SessionStore implements ReviewPersistence, AutoCloseable {

    private static final GeometryFactory FACTORY = new GeometryFactory();

    /**
     * What a session holds.
     *
     * @param footprints   the footprints, in the order they were first stored
     * @param visitedTiles the indices of the visited review tiles
     * @param originals    the footprints' polygons before regularization, by footprint id (possibly fewer than the
     *                     footprints: those without one are missing)
     */
    public record Contents(List<Footprint> footprints, BitSet visitedTiles, Map<Long, Polygon> originals) {
        public Contents {
            footprints = List.copyOf(footprints);
            originals = Map.copyOf(originals);
            visitedTiles = (BitSet) visitedTiles.clone();
        }

        @Override
        public BitSet visitedTiles() {
            return (BitSet) visitedTiles.clone();
        }
    }

    private final Path file;
    private final GeoPackage gpkg; // null when read-only
    private final Connection conn;
    private final SessionLock lock; // null when read-only
    private final boolean hasOriginals;
    private final long srsId;
    private final Crs crs;
    private final Path image;
    private final String imageRelative;
    private final int tileCount;
    private final boolean geodesic;
    private final PreparedStatement upsert;
    private final PreparedStatement delete;
    private final PreparedStatement visit;
    private final WKBWriter wkbWriter = new WKBWriter(2);
    private final Map<String, String> meta;
    private boolean closed;

    /** @param gpkg and lock: null for a read-only store */
    private SessionStore(Path file, GeoPackage gpkg, Connection conn, long srsId, Map<String, String> meta,
                         SessionLock lock, boolean hasOriginals) throws IOException, SQLException {
        this.file = file;
        this.gpkg = gpkg;
        this.conn = conn;
        this.lock = lock;
        this.hasOriginals = hasOriginals;
        this.srsId = srsId;
        this.meta = new java.util.LinkedHashMap<>(meta);
        String crsText = meta.getOrDefault("crs", "");
        try {
            this.crs = crsText.isBlank() ? null : Crs.parse(crsText);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": session CRS cannot be read (" + GeoPackages.oneLine(e) + ")", e);
        }
        String img = meta.get("image");
        this.image = img == null || img.isEmpty() ? null : Path.of(img);
        this.imageRelative = meta.getOrDefault("image_relative", "");
        try {
            this.tileCount = Integer.parseInt(meta.getOrDefault("tile_count", "0"));
        } catch (NumberFormatException e) {
            throw new IOException(file + ": session tile_count is not a number", e);
        }
        this.geodesic = crs != null && crs.canReproject();
        if (gpkg != null) {
            try (Statement s = conn.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=FULL");
            }
        }
        // read-only: none (a session made before a column existed lacks it, and nothing is written anyway)
        upsert = gpkg == null ? null : conn.prepareStatement(FootprintRows.UPSERT);
        delete = conn.prepareStatement("DELETE FROM " + SessionSchema.FOOTPRINTS + " WHERE id = ?");
        visit = conn.prepareStatement("INSERT INTO " + SessionSchema.TILES + " (tile_index, visited) VALUES (?, ?) "
                + "ON CONFLICT(tile_index) DO UPDATE SET visited = excluded.visited");
    }

    /**
     * Creates a new session file and opens it. The file is built beside the target under a temporary name and renamed
     * when complete, so a failure leaves no half-made session.
     *
     * @param gpkg       the session file to create; must not exist yet
     * @param image      the reviewed image (kept as an absolute path), or null
     * @param crs        the CRS of the footprints' coordinates, or null for pixel coordinates
     * @param footprints the footprints to review, with unique ids
     * @param tileCount  the number of review tiles, all not visited yet
     * @throws IOException if the file exists or cannot be written
     */
    public static SessionStore create(Path gpkg, Path image, Crs crs, Collection<Footprint> footprints, int tileCount)
            throws IOException {
        return create(gpkg, image, crs, footprints, Map.of(), tileCount);
    }

    /**
     * Creates a new session file with the footprints' polygons before regularization, and opens it (see
     * {@link #create(Path, Path, Crs, Collection, int)}).
     *
     * @param originals polygons before regularization by footprint id, in the same CRS; ids without a footprint are
     *                  kept too (harmless), footprints without one simply have none
     */
    public static SessionStore create(Path gpkg, Path image, Crs crs, Collection<Footprint> footprints,
                                      Map<Long, Polygon> originals, int tileCount) throws IOException {
        Objects.requireNonNull(gpkg, "gpkg");
        Objects.requireNonNull(originals, "originals");
        Objects.requireNonNull(footprints, "footprints");
        if (tileCount < 0) {
            throw new IllegalArgumentException("tileCount must be >= 0, was " + tileCount);
        }
        Path target = gpkg.toAbsolutePath();
        Path dir = target.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new IOException(gpkg + ": directory " + dir + " does not exist");
        }
        if (Files.exists(target)) {
            throw new IOException(gpkg + ": already exists (a new session needs a new file)");
        }
        AtomicFiles.createByPath(target, temp -> { // the temporary file is removed if the process is interrupted
            try {
                GeoPackageManager.create(temp.toFile());
            } catch (RuntimeException e) {
                throw new IOException(gpkg + ": cannot create " + temp + " (" + GeoPackages.oneLine(e) + ")", e);
            }
            try (GeoPackage g = GeoPackageManager.open(temp.toFile())) {
                SessionSchema.create(g, target, image, crs, footprints, originals, tileCount);
            } catch (SQLException | RuntimeException e) {
                throw new IOException(gpkg + ": " + GeoPackages.oneLine(e), e);
            }
            for (String suffix : new String[] {"-wal", "-shm", "-journal"}) {
                Files.deleteIfExists(target.resolveSibling(target.getFileName() + suffix));
            }
        });
        return open(target);
    }

    /**
     * Opens an existing session file for review (applying the log a crash may have left), taking its
     * {@link SessionLock}: no other editor may hold it.
     *
     * @throws SessionLock.HeldException when another editor holds the session (open it {@link #openReadOnly})
     * @throws IOException with a one-line message naming the file if it is missing or not a Roofline session
     */
    public static SessionStore open(Path gpkg) throws IOException {
        Objects.requireNonNull(gpkg, "gpkg");
        requireFile(gpkg);
        SessionLock lock = SessionLock.acquire(gpkg);
        try {
            return openWritable(gpkg, lock);
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /**
     * Opens an existing session file only to read it: through a read-only SQLite connection, without a lock, so that
     * neither the file nor its folder need be writable and the file is not changed in any way (not even its header;
     * a log that a crash left is read, not applied). Every decision is refused ({@link #isReadOnly()}); visited tiles
     * are not recorded.
     *
     * @throws IOException with a one-line message naming the file if it is missing or not a Roofline session
     */
    public static SessionStore openReadOnly(Path gpkg) throws IOException {
        Objects.requireNonNull(gpkg, "gpkg");
        requireFile(gpkg);
        org.sqlite.SQLiteConfig config = new org.sqlite.SQLiteConfig();
        config.setReadOnly(true);
        Connection c;
        try {
            c = DriverManager.getConnection("jdbc:sqlite:" + gpkg.toAbsolutePath(), config.toProperties());
        } catch (SQLException e) {
            throw new IOException(gpkg + ": cannot be read (" + GeoPackages.oneLine(e) + ")", e);
        }
        try {
            boolean hasOriginals = SessionSchema.requireTables(c, gpkg);
            Map<String, String> meta = SessionSchema.readMeta(c, gpkg);
            long srsId = SessionSchema.footprintsSrsId(c, gpkg);
            SessionStore store = new SessionStore(gpkg, null, c, srsId, meta, null, hasOriginals);
            store.load(); // fails early on a damaged table
            return store;
        } catch (IOException | SQLException | RuntimeException e) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // the original error matters more
            }
            if (e instanceof IOException io) {
                throw io;
            }
            throw new IOException(gpkg + ": not a readable Roofline review session (" + GeoPackages.oneLine(e) + ")", e);
        }
    }

    private static void requireFile(Path gpkg) throws IOException {
        if (!Files.isRegularFile(gpkg)) {
            throw new IOException(gpkg + ": " + (Files.exists(gpkg) ? "not a file" : "no such file"));
        }
        java.util.Optional<String> cut = org.roofline.geometry.io.geopackage.SqliteTruncation.problem(gpkg);
        if (cut.isPresent()) {
            throw new IOException(gpkg + ": damaged session, " + cut.get());
        }
    }

    private static SessionStore openWritable(Path gpkg, SessionLock lock) throws IOException {
        GeoPackage g;
        try {
            g = GeoPackageManager.open(gpkg.toFile());
        } catch (RuntimeException e) {
            throw new IOException(gpkg + ": not a GeoPackage (" + GeoPackages.oneLine(e) + ")", e);
        }
        try {
            SessionSchema.requireTables(g, gpkg);
            Connection c = g.getConnection().getConnection();
            Map<String, String> meta = SessionSchema.readMeta(c, gpkg);
            long srsId = SessionSchema.footprintsSrsId(c, gpkg);
            SessionSchema.addMissingTables(g, srsId);
            SessionSchema.addMissingColumns(c);
            SessionStore store = new SessionStore(gpkg, g, c, srsId, meta, lock, true);
            store.load(); // fails early on a damaged table
            return store;
        } catch (IOException | SQLException | RuntimeException e) {
            try {
                g.close();
            } catch (RuntimeException ignored) {
                // the original error matters more
            }
            if (e instanceof IOException io) {
                throw io;
            }
            throw new IOException(gpkg + ": not a readable Roofline review session (" + GeoPackages.oneLine(e) + ")", e);
        }
    }

    /** @return the file of this session */
    public Path file() {
        return file;
    }

    /** @return the reviewed image, or null */
    public Path image() {
        return image;
    }

    /** @return the CRS of the footprints, or null for pixel coordinates */
    public Crs crs() {
        return crs;
    }

    /**
     * Where the reviewed image is now: the stored absolute path when the file is there, otherwise the stored relative
     * path resolved against the session's folder (the session and the image moved together), otherwise a file of
     * the image's name beside the session.
     *
     * @return the image file, or empty when none of these exists (or no image was stored)
     */
    public java.util.Optional<Path> locateImage() {
        if (image == null) {
            return java.util.Optional.empty();
        }
        if (Files.isRegularFile(image)) {
            return java.util.Optional.of(image);
        }
        Path dir = file.toAbsolutePath().getParent();
        if (!imageRelative.isEmpty()) {
            Path moved = dir.resolve(imageRelative).normalize();
            if (Files.isRegularFile(moved)) {
                return java.util.Optional.of(moved);
            }
        }
        Path beside = dir.resolve(image.getFileName());
        return Files.isRegularFile(beside) ? java.util.Optional.of(beside) : java.util.Optional.empty();
    }

    /**
     * Whether a file is a Roofline review session: a GeoPackage (SQLite) with a {@code session} table whose
     * {@code format} is {@value SessionSchema#FORMAT}. Reads the file only; never fails.
     */
    public static boolean isSession(Path file) {
        if (file == null || !Files.isRegularFile(file)) {
            return false;
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(16);
            if (!new String(head, java.nio.charset.StandardCharsets.US_ASCII).startsWith("SQLite format 3")) {
                return false;
            }
        } catch (IOException e) {
            return false;
        }
        java.util.Properties props = new java.util.Properties();
        props.setProperty("open_mode", "1"); // SQLITE_OPEN_READONLY
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), props);
             PreparedStatement p = c.prepareStatement("SELECT value FROM " + SessionSchema.SESSION
                     + " WHERE key = 'format'");
             ResultSet rs = p.executeQuery()) {
            return rs.next() && SessionSchema.FORMAT.equals(rs.getString(1));
        } catch (SQLException e) {
            return false;
        }
    }

    /** @return the number of review tiles */
    public int tileCount() {
        return tileCount;
    }

    /** Reads the footprints (in the order they were first stored) and the visited tiles. */
    public synchronized Contents load() throws IOException {
        ensureOpen();
        List<Footprint> out = new ArrayList<>();
        BitSet visited = new BitSet();
        WKBReader reader = new WKBReader(FACTORY);
        try (Statement s = conn.createStatement()) {
            try (ResultSet rs = s.executeQuery(SessionSchema.hasColumn(conn, SessionSchema.FOOTPRINTS,
                    FootprintRows.REJECT_REASON) ? FootprintRows.SELECT_ALL : FootprintRows.SELECT_ALL_WITHOUT_REASON)) {
                while (rs.next()) {
                    long id = rs.getLong(2);
                    try {
                        out.add(FootprintRows.read(rs, reader));
                    } catch (IOException | ParseException | RuntimeException e) {
                        throw new IOException(file + ": footprint " + id + " cannot be read (" + GeoPackages.oneLine(e) + ")",
                                e);
                    }
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT tile_index FROM " + SessionSchema.TILES
                    + " WHERE visited <> 0")) {
                while (rs.next()) {
                    visited.set(rs.getInt(1));
                }
            }
        } catch (SQLException e) {
            throw new IOException(file + ": " + GeoPackages.oneLine(e), e);
        }
        return new Contents(out, visited, hasOriginals ? OriginalOutlines.read(conn, file) : Map.of());
    }

    @Override
    public synchronized void footprintsChanged(Collection<Footprint> footprints) {
        ensureOpenUnchecked();
        refuseIfReadOnly();
        transaction(() -> {
            for (Footprint f : footprints) {
                FootprintRows.bind(upsert, f, srsId, crs, geodesic, wkbWriter);
                upsert.executeUpdate();
            }
        });
    }

    @Override
    public synchronized void footprintsRemoved(Collection<Long> ids) {
        ensureOpenUnchecked();
        refuseIfReadOnly();
        transaction(() -> {
            for (Long id : ids) {
                delete.setLong(1, id);
                delete.executeUpdate();
            }
        });
    }

    @Override
    public synchronized void originalsAdded(Map<Long, Polygon> originals) {
        ensureOpenUnchecked();
        refuseIfReadOnly();
        transaction(() -> OriginalOutlines.upsert(conn, srsId, originals));
    }

    /**
     * Stores reference buildings (see {@link ReferenceTable}), making the table the first time, and the reference's
     * source name when given; one transaction.
     */
    @Override
    public synchronized void referencesChanged(Collection<org.roofline.app.review.ReferenceBuilding> references,
            String source) {
        ensureOpenUnchecked();
        refuseIfReadOnly();
        try {
            if (!ReferenceTable.exists(conn)) {
                ReferenceTable.createTable(gpkg, srsId);
            }
        } catch (SQLException | RuntimeException e) {
            throw new UncheckedIOException(new IOException(file + ": cannot add the reference layer ("
                    + GeoPackages.oneLine(e) + ")", e));
        }
        transaction(() -> {
            ReferenceTable.upsert(conn, srsId, references);
            if (source != null) {
                try (PreparedStatement p = conn.prepareStatement("INSERT INTO " + SessionSchema.SESSION
                        + " (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")) {
                    p.setString(1, ReferenceTable.SOURCE_KEY);
                    p.setString(2, source);
                    p.executeUpdate();
                }
            }
        });
    }

    /**
     * The session's reference layer: its buildings in the order first stored, with their review states, and its
     * source; no buildings for a session without one (older sessions included).
     *
     * @param buildings the reference buildings
     * @param source    the reference's source file name, or null
     */
    public record References(List<org.roofline.app.review.ReferenceBuilding> buildings, String source) {
        public References {
            buildings = List.copyOf(buildings);
        }
    }

    /** Reads the reference layer (see {@link References}). */
    public synchronized References loadReferences() throws IOException {
        ensureOpen();
        List<org.roofline.app.review.ReferenceBuilding> buildings = ReferenceTable.read(conn, file);
        String source = null;
        try (PreparedStatement p = conn.prepareStatement("SELECT value FROM " + SessionSchema.SESSION
                + " WHERE key = ?")) {
            p.setString(1, ReferenceTable.SOURCE_KEY);
            try (ResultSet rs = p.executeQuery()) {
                source = rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IOException(file + ": " + GeoPackages.oneLine(e), e);
        }
        return new References(buildings, source);
    }

    @Override
    public synchronized void tileVisited(int tileIndex, boolean visited) {
        ensureOpenUnchecked();
        if (tileIndex < 0 || tileIndex >= tileCount) {
            throw new IndexOutOfBoundsException("tile " + tileIndex + " is not in [0, " + tileCount + ")");
        }
        if (isReadOnly()) {
            return; // where the reviewer has been is not a decision: not recorded, not refused
        }
        transaction(() -> {
            visit.setInt(1, tileIndex);
            visit.setInt(2, visited ? 1 : 0);
            visit.executeUpdate();
        });
    }

    /** @return the value of a key of the {@code session} table (such as {@code model}), if it has one */
    public synchronized java.util.Optional<String> meta(String key) {
        return java.util.Optional.ofNullable(meta.get(key));
    }

    /**
     * Stores a key of the {@code session} table, committed before returning: today {@code model}, the folder of the
     * model fine-tuned on this review ({@code roofline finetune}), which the next fine-tuning starts from.
     */
    public synchronized void putMeta(String key, String value) {
        ensureOpenUnchecked();
        refuseIfReadOnly();
        transaction(() -> {
            try (PreparedStatement p = conn.prepareStatement("INSERT INTO " + SessionSchema.SESSION
                    + " (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")) {
                p.setString(1, key);
                p.setString(2, value);
                p.executeUpdate();
            }
        });
        meta.put(key, value);
    }

    /** @return whether this store was opened {@link #openReadOnly read-only}: every decision is refused */
    public boolean isReadOnly() {
        return gpkg == null;
    }

    private void refuseIfReadOnly() {
        if (isReadOnly()) {
            throw new UncheckedIOException(new IOException(file + ": opened read-only; decisions cannot be made "
                    + "(reopen the session when no other editor has it)"));
        }
    }

    /** Runs the work as one transaction, committed (and so, with synchronous=FULL, fsynced) before returning. */
    private void transaction(SqlTransaction.Work work) {
        try {
            conn.setAutoCommit(false);
            boolean committed = false;
            try {
                work.run();
                conn.commit();
                committed = true;
            } finally {
                if (!committed) {
                    conn.rollback();
                }
                conn.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new UncheckedIOException(new IOException(file + ": cannot store the change (" + GeoPackages.oneLine(e) + ")",
                    e));
        } catch (IOException e) {
            throw new UncheckedIOException(new IOException(file + ": cannot store the change (" + GeoPackages.oneLine(e) + ")",
                    e));
        }
    }

    /**
     * Checkpoints the write-ahead log into the file, switches it back to a rollback journal (one self-contained file)
     * and closes it. Idempotent.
     */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (upsert != null) {
                upsert.close();
            }
            delete.close();
            visit.close();
        } catch (SQLException ignored) {
            // closing statements cannot lose data: everything is committed
        } finally {
            if (gpkg != null) {
                gpkg.close();
            } else {
                try {
                    conn.close();
                } catch (SQLException ignored) {
                    // nothing was written
                }
            }
        }
        if (isReadOnly()) {
            return;
        }
        try {
            checkpoint();
        } finally {
            lock.close();
        }
    }

    private void checkpoint() throws IOException {
        // NGA keeps more than one connection to the file; switching the journal mode needs the only one, so do it on
        // a fresh connection once NGA's are closed
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
             Statement s = c.createStatement()) {
            s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            s.execute("PRAGMA journal_mode=DELETE");
        } catch (SQLException e) {
            String m = String.valueOf(e.getMessage());
            if (m.contains("SQLITE_BUSY") || m.contains("SQLITE_LOCKED")) {
                return; // another program has the file open: the log stays, committed, and is applied later
            }
            throw new IOException(file + ": cannot checkpoint the session (" + GeoPackages.oneLine(e) + "); its -wal file "
                    + "holds the latest changes, keep it with the session", e);
        }
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException(file + ": session is closed");
        }
    }

    private void ensureOpenUnchecked() {
        if (closed) {
            throw new IllegalStateException(file + ": session is closed");
        }
    }
}
