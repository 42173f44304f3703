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
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.Set;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import mil.nga.geopackage.GeoPackage;
import mil.nga.geopackage.GeoPackageManager;
import mil.nga.geopackage.attributes.AttributesColumn;
import mil.nga.geopackage.attributes.AttributesTableMetadata;
import mil.nga.geopackage.db.GeoPackageDataType;
import mil.nga.geopackage.features.user.FeatureColumn;
import mil.nga.geopackage.geom.GeoPackageGeometryData;
import mil.nga.sf.GeometryType;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.WKBWriter;
import org.roofline.app.AppVersion;
import org.roofline.app.review.ReviewPersistence;
import org.roofline.geometry.crs.Crs;
import org.roofline.geometry.io.AtomicFiles;
import org.roofline.geometry.io.geopackage.GeoPackageSrs;
import org.roofline.geometry.io.geopackage.GeoPackages;
import org.roofline.geometry.crs.GeodesicArea;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.geometry.footprint.ReviewStatus;

/**
 * A review session kept in a GeoPackage file that the user names: the footprints under review, with their decisions,
 * and which review tiles have been visited. Every {@link ReviewPersistence} call is one SQLite transaction, committed
 * before the call returns.
 *
 * <h2>File layout</h2>
 * A valid GeoPackage (GDAL and QGIS open {@code footprints} as a layer) with:
 * <ul>
 *   <li>feature table {@code footprints}: {@code fid} (primary key), {@code geom} POLYGON in the session's CRS
 *       (registered in {@code gpkg_spatial_ref_sys} under its EPSG code with {@link Crs#toWkt1()} as definition;
 *       {@code srs_id} -1 for pixel coordinates), {@code id} INTEGER UNIQUE, {@code status} TEXT, {@code confidence}
 *       REAL (NULL when unknown), {@code area_m2} REAL (for readers; NULL without a reprojectable CRS),
 *       {@code method} TEXT, {@code regularized} BOOLEAN, {@code source} TEXT, {@code reviewed_at} DATETIME (UTC,
 *       milliseconds: a {@code reviewedAt} is kept to the millisecond);</li>
 *   <li>attribute table {@code session}: {@code key}/{@code value} pairs {@code format}, {@code image}, {@code crs},
 *       {@code roofline_version}, {@code created}, {@code tile_count};</li>
 *   <li>attribute table {@code review_tiles}: {@code tile_index} INTEGER PRIMARY KEY, {@code visited} BOOLEAN, one
 *       row per tile;</li>
 *   <li>feature table {@code original_outlines} ({@link OriginalOutlines}): the footprints' polygons before
 *       regularization, {@code id} INTEGER UNIQUE (the footprint's id) and {@code geom} POLYGON in the same CRS; a
 *       footprint without one (drawn by hand, or read from a file that had none) has no row. Sessions made before the
 *       table existed get it, empty, when opened.</li>
 * </ul>
 * The {@code session} table also holds {@code image_relative}, the image's path relative to the session's folder, so
 * that a session moved together with its image still finds it ({@link #locateImage()}).
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

    /** The feature table of the footprints. */
    public static final String FOOTPRINTS = "footprints";
    /** The key/value attribute table. */
    public static final String SESSION = "session";
    /** The attribute table of the review tiles. */
    public static final String TILES = "review_tiles";
    /** The value of the {@code format} key. */
    public static final String FORMAT = "roofline-session-1";
    private static final String GEOM = "geom";
    private static final int USER_VERSION = 10300; // GeoPackage 1.3.0
    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
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
        upsert = conn.prepareStatement("INSERT INTO " + FOOTPRINTS + " (" + GEOM + ", id, status, confidence, "
                + "area_m2, method, regularized, source, reviewed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                + "ON CONFLICT(id) DO UPDATE SET " + GEOM + " = excluded." + GEOM + ", status = excluded.status, "
                + "confidence = excluded.confidence, area_m2 = excluded.area_m2, method = excluded.method, "
                + "regularized = excluded.regularized, source = excluded.source, "
                + "reviewed_at = excluded.reviewed_at");
        delete = conn.prepareStatement("DELETE FROM " + FOOTPRINTS + " WHERE id = ?");
        visit = conn.prepareStatement("INSERT INTO " + TILES + " (tile_index, visited) VALUES (?, ?) "
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
                build(g, target, image, crs, footprints, originals, tileCount);
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
            Set<String> tables = new HashSet<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT lower(table_name), data_type FROM gpkg_contents")) {
                while (rs.next()) {
                    tables.add(rs.getString(1) + "/" + rs.getString(2));
                }
            } catch (SQLException e) {
                throw new IOException(gpkg + ": not a GeoPackage (" + GeoPackages.oneLine(e) + ")", e);
            }
            if (!tables.containsAll(List.of(FOOTPRINTS + "/features", SESSION + "/attributes",
                    TILES + "/attributes"))) {
                throw new IOException(gpkg + ": not a Roofline review session (the GeoPackage lacks the tables "
                        + FOOTPRINTS + ", " + SESSION + " and " + TILES + ")");
            }
            Map<String, String> meta = readMeta(c, gpkg);
            long srsId = srsIdOf(c, gpkg);
            SessionStore store = new SessionStore(gpkg, null, c, srsId, meta, null,
                    tables.contains(OriginalOutlines.TABLE + "/features"));
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
            if (!g.isFeatureTable(FOOTPRINTS) || !g.isAttributeTable(SESSION) || !g.isAttributeTable(TILES)) {
                throw new IOException(gpkg + ": not a Roofline review session (the GeoPackage lacks the tables "
                        + FOOTPRINTS + ", " + SESSION + " and " + TILES + ")");
            }
            Connection c = g.getConnection().getConnection();
            Map<String, String> meta = readMeta(c, gpkg);
            long srsId = srsIdOf(c, gpkg);
            if (!OriginalOutlines.exists(g)) {
                OriginalOutlines.createTable(g, srsId, null); // a session from before the table existed
            }
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

    private static Map<String, String> readMeta(Connection c, Path gpkg) throws SQLException, IOException {
        Map<String, String> meta = new LinkedHashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT key, value FROM " + SESSION)) {
            while (rs.next()) {
                meta.put(rs.getString(1), rs.getString(2));
            }
        }
        if (!FORMAT.equals(meta.get("format"))) {
            throw new IOException(gpkg + ": not a Roofline review session (format is " + meta.get("format")
                    + ", expected " + FORMAT + ")");
        }
        return meta;
    }

    private static long srsIdOf(Connection c, Path gpkg) throws SQLException, IOException {
        try (PreparedStatement p = c.prepareStatement(
                "SELECT srs_id FROM gpkg_geometry_columns WHERE lower(table_name) = lower(?)")) {
            p.setString(1, FOOTPRINTS);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    throw new IOException(gpkg + ": table " + FOOTPRINTS + " has no geometry column");
                }
                return rs.getLong(1);
            }
        }
    }

    private static void build(GeoPackage g, Path target, Path image, Crs crs, Collection<Footprint> footprints,
                              Map<Long, Polygon> originals, int tileCount) throws SQLException, IOException {
        long srsId = GeoPackageSrs.register(g, crs);
        FeatureColumn id = FeatureColumn.createColumn("id", GeoPackageDataType.INTEGER, true);
        id.addUniqueConstraint();
        List<FeatureColumn> columns = List.of(
                id,
                FeatureColumn.createColumn("status", GeoPackageDataType.TEXT, true),
                FeatureColumn.createColumn("confidence", GeoPackageDataType.REAL),
                FeatureColumn.createColumn("area_m2", GeoPackageDataType.REAL),
                FeatureColumn.createColumn("method", GeoPackageDataType.TEXT, true),
                FeatureColumn.createColumn("regularized", GeoPackageDataType.BOOLEAN, true),
                FeatureColumn.createColumn("source", GeoPackageDataType.TEXT),
                FeatureColumn.createColumn("reviewed_at", GeoPackageDataType.DATETIME));
        Envelope extent = new Envelope();
        for (Footprint f : footprints) {
            extent.expandToInclude(f.polygon().getEnvelopeInternal());
        }
        GeoPackages.createFeatureTable(g, FOOTPRINTS, GEOM, GeometryType.POLYGON, srsId, "fid", columns, extent);
        Envelope originalsExtent = new Envelope();
        originals.values().forEach(p -> originalsExtent.expandToInclude(p.getEnvelopeInternal()));
        OriginalOutlines.createTable(g, srsId, originalsExtent);

        AttributesColumn key = AttributesColumn.createColumn("key", GeoPackageDataType.TEXT, true);
        key.addUniqueConstraint();
        g.createAttributesTable(AttributesTableMetadata.create(SESSION, "id",
                List.of(key, AttributesColumn.createColumn("value", GeoPackageDataType.TEXT))));
        g.createAttributesTable(AttributesTableMetadata.create(TILES, "tile_index",
                List.of(AttributesColumn.createColumn("visited", GeoPackageDataType.BOOLEAN, true, false))));

        Connection c = g.getConnection().getConnection();
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            Map<String, String> meta = new LinkedHashMap<>();
            meta.put("format", FORMAT);
            meta.put("image", image == null ? "" : image.toAbsolutePath().toString());
            meta.put("image_relative", image == null ? "" : relative(target.getParent(), image));
            meta.put("crs", crs == null ? "" : crs.epsgCode().isPresent() ? "EPSG:" + crs.epsgCode().getAsInt()
                    : crs.toWkt1());
            meta.put("roofline_version", AppVersion.get());
            meta.put("created", ISO_MILLIS.format(Instant.now()));
            meta.put("tile_count", Integer.toString(tileCount));
            try (PreparedStatement p = c.prepareStatement("INSERT INTO " + SESSION + " (key, value) VALUES (?, ?)")) {
                for (Map.Entry<String, String> e : meta.entrySet()) {
                    p.setString(1, e.getKey());
                    p.setString(2, e.getValue());
                    p.executeUpdate();
                }
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO " + TILES + " (tile_index, visited) "
                    + "VALUES (?, 0)")) {
                for (int i = 0; i < tileCount; i++) {
                    p.setInt(1, i);
                    p.executeUpdate();
                }
            }
            boolean geodesic = crs != null && crs.canReproject();
            WKBWriter w = new WKBWriter(2);
            try (PreparedStatement p = c.prepareStatement("INSERT INTO " + FOOTPRINTS + " (" + GEOM + ", id, "
                    + "status, confidence, area_m2, method, regularized, source, reviewed_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (Footprint f : footprints) {
                    bind(p, f, srsId, crs, geodesic, w);
                    p.executeUpdate();
                }
            }
            OriginalOutlines.upsert(c, srsId, originals);
            c.commit();
        } catch (SQLException | IOException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
        g.execSQL("PRAGMA user_version = " + USER_VERSION);
    }

    private static void bind(PreparedStatement p, Footprint f, long srsId, Crs crs, boolean geodesic, WKBWriter w)
            throws SQLException, IOException {
        Polygon poly = f.polygon();
        if (poly.isEmpty()) {
            p.setNull(1, Types.BLOB);
        } else {
            p.setBytes(1, GeoPackageGeometryData.createFromWkbAndBuildEnvelope(srsId, w.write(poly)).toBytes());
        }
        p.setLong(2, f.id());
        p.setString(3, f.status().code());
        setDouble(p, 4, f.confidence());
        setDouble(p, 5, geodesic && !poly.isEmpty() ? GeodesicArea.squareMetres(poly, crs) : Double.NaN);
        p.setString(6, f.method());
        p.setInt(7, f.regularized() ? 1 : 0);
        p.setString(8, f.source());
        p.setString(9, f.reviewedAt() == null ? null : ISO_MILLIS.format(f.reviewedAt()));
    }

    private static void setDouble(PreparedStatement p, int i, double v) throws SQLException {
        if (Double.isNaN(v)) {
            p.setNull(i, Types.REAL);
        } else {
            p.setDouble(i, v);
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

    private static String relative(Path dir, Path image) {
        try {
            return dir.toAbsolutePath().relativize(image.toAbsolutePath()).toString();
        } catch (IllegalArgumentException e) {
            return ""; // another root (a Windows drive): only the absolute path applies
        }
    }

    /**
     * Whether a file is a Roofline review session: a GeoPackage (SQLite) with a {@code session} table whose
     * {@code format} is {@value #FORMAT}. Reads the file only; never fails.
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
             PreparedStatement p = c.prepareStatement("SELECT value FROM " + SESSION + " WHERE key = 'format'");
             ResultSet rs = p.executeQuery()) {
            return rs.next() && FORMAT.equals(rs.getString(1));
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
            try (ResultSet rs = s.executeQuery("SELECT " + GEOM + ", id, status, confidence, method, regularized, "
                    + "source, reviewed_at FROM " + FOOTPRINTS + " ORDER BY fid")) {
                while (rs.next()) {
                    long id = rs.getLong(2);
                    try {
                        out.add(readFootprint(rs, reader));
                    } catch (IOException | ParseException | RuntimeException e) {
                        throw new IOException(file + ": footprint " + id + " cannot be read (" + GeoPackages.oneLine(e) + ")",
                                e);
                    }
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT tile_index FROM " + TILES + " WHERE visited <> 0")) {
                while (rs.next()) {
                    visited.set(rs.getInt(1));
                }
            }
        } catch (SQLException e) {
            throw new IOException(file + ": " + GeoPackages.oneLine(e), e);
        }
        return new Contents(out, visited, hasOriginals ? OriginalOutlines.read(conn, file) : Map.of());
    }

    private static Footprint readFootprint(ResultSet rs, WKBReader reader) throws SQLException, IOException,
            ParseException {
        byte[] blob = rs.getBytes(1);
        Polygon polygon;
        if (blob == null) {
            polygon = FACTORY.createPolygon();
        } else {
            GeoPackageGeometryData data = GeoPackageGeometryData.create(blob);
            Geometry g = data.isEmpty() || data.getWkb() == null ? FACTORY.createPolygon() : reader.read(data.getWkb());
            if (!(g instanceof Polygon p)) {
                throw new IOException("geometry is a " + g.getGeometryType() + ", not a Polygon");
            }
            polygon = p;
        }
        long id = rs.getLong(2);
        ReviewStatus status = ReviewStatus.fromCode(rs.getString(3));
        double confidence = rs.getDouble(4);
        if (rs.wasNull()) {
            confidence = Double.NaN;
        }
        String method = rs.getString(5);
        boolean regularized = rs.getInt(6) != 0;
        String source = rs.getString(7);
        String at = rs.getString(8);
        Instant reviewedAt = at == null ? null : Instant.parse(at);
        return new Footprint(id, polygon, status, confidence, method, regularized, source, reviewedAt);
    }

    @Override
    public synchronized void footprintsChanged(Collection<Footprint> footprints) {
        ensureOpenUnchecked();
        refuseIfReadOnly();
        transaction(() -> {
            for (Footprint f : footprints) {
                bind(upsert, f, srsId, crs, geodesic, wkbWriter);
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

    private interface Work {
        void run() throws SQLException, IOException;
    }

    /** Runs the work as one transaction, committed (and so, with synchronous=FULL, fsynced) before returning. */
    private void transaction(Work work) {
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
            upsert.close();
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
