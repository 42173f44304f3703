package org.roofline.geometry.crs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.opengis.referencing.crs.SingleCRS;

/**
 * The EPSG definitions shipped in the {@code proj4j-epsg} artifact, read from its class-path resources:
 * {@code proj4/nad/epsg} (for each code its name, in a comment line, and its PROJ.4 definition; about 5,700 codes)
 * and {@code proj4/wkt/epsg.properties} (OGC WKT 1 for 5,038 of those codes; WKT for most of the others is built
 * from their PROJ.4 definitions). Nothing is downloaded; each file is read once, on first use, and kept in memory
 * (about 1 MB and 4 MB of text).
 *
 * <p>This is PROJ 4's old {@code epsg} init file: it holds geographic and projected 2D CRSs (no vertical or
 * compound ones), and datum shifts only as {@code +towgs84} or {@code +nadgrids} parameters.
 */
final class EpsgDatabase {

    /** One EPSG code: its name and PROJ.4 parameters. */
    record Entry(int code, String name, String proj4) {
        boolean isGeographic() {
            return proj4.contains("+proj=longlat") || proj4.contains("+proj=latlong");
        }
    }

    private static final String PROJ4_RESOURCE = "/proj4/nad/epsg";
    private static final String WKT_RESOURCE = "/proj4/wkt/epsg.properties";

    private EpsgDatabase() {
    }

    /** @return the entry of a code, or null when the registry does not know it */
    static Entry entry(int code) {
        return Proj4Holder.ENTRIES.get(code);
    }

    /** @return every entry, by code */
    static Map<Integer, Entry> entries() {
        return Proj4Holder.ENTRIES;
    }

    /**
     * @return the OGC WKT 1 text of a code as {@code proj4j-epsg} has it (GeoTools flavour, less its
     *         {@code semi_major}/{@code semi_minor} projection parameters, which restate or, for Pseudo-Mercator,
     *         contradict the ellipsoid), else built from its PROJ.4 definition ({@link Proj4Definitions}); null when
     *         neither is possible
     */
    static String wkt(int code) {
        String text = WktHolder.WKT.get(code);
        if (text != null || !Proj4Holder.ENTRIES.containsKey(code)) {
            return text;
        }
        return BUILT.computeIfAbsent(code, c -> {
            SingleCRS built = Proj4Definitions.toSis(Proj4Holder.ENTRIES.get(c));
            try {
                return Optional.ofNullable(built == null ? null : WktSupport.formatWkt1(built));
            } catch (IllegalStateException e) {
                return Optional.empty(); // no WKT 1 form
            }
        }).orElse(null);
    }

    /** @return the WKT texts of {@code proj4j-epsg}, by code (only codes that also have an {@link #entry}) */
    static Map<Integer, String> registryWkts() {
        return WktHolder.WKT;
    }

    /** WKT built from PROJ.4 definitions, on demand, by code; empty when it cannot be built. */
    private static final Map<Integer, Optional<String>> BUILT = new ConcurrentHashMap<>();

    private static final class Proj4Holder {
        static final Map<Integer, Entry> ENTRIES = loadEntries();
    }

    private static final class WktHolder {
        static final Map<Integer, String> WKT = loadWkt();
    }

    private static InputStream open(String resource) {
        InputStream in = EpsgDatabase.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("the EPSG data file " + resource
                    + " is not on the class path (is the proj4j-epsg library missing?)");
        }
        return in;
    }

    private static Map<Integer, Entry> loadEntries() {
        Map<Integer, Entry> map = new HashMap<>(8192);
        try (BufferedReader r = new BufferedReader(new InputStreamReader(open(PROJ4_RESOURCE), StandardCharsets.UTF_8))) {
            String name = null;
            String line;
            while ((line = r.readLine()) != null) {
                line = line.trim();
                if (line.startsWith("#")) {
                    name = line.substring(1).trim();
                } else if (line.startsWith("<")) {
                    int close = line.indexOf('>');
                    int end = line.lastIndexOf("<>");
                    if (close > 1 && end > close) {
                        try {
                            int code = Integer.parseInt(line.substring(1, close));
                            String params = line.substring(close + 1, end).trim();
                            map.put(code, new Entry(code, name == null ? "EPSG:" + code : name, params));
                        } catch (NumberFormatException e) {
                            // not a numeric code: not EPSG
                        }
                    }
                    name = null;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the EPSG data file " + PROJ4_RESOURCE, e);
        }
        return Collections.unmodifiableMap(map);
    }

    private static Map<Integer, String> loadWkt() {
        Map<Integer, Entry> entries = Proj4Holder.ENTRIES;
        Properties properties = new Properties();
        try (InputStream in = open(WKT_RESOURCE)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the EPSG data file " + WKT_RESOURCE, e);
        }
        Map<Integer, String> map = new HashMap<>(8192);
        for (String key : properties.stringPropertyNames()) {
            try {
                int code = Integer.parseInt(key.trim());
                if (entries.containsKey(code)) {
                    map.put(code, WktSupport.removeParameters(properties.getProperty(key), "semi_major", "semi_minor"));
                }
            } catch (NumberFormatException e) {
                // not a numeric code
            }
        }
        return Collections.unmodifiableMap(map);
    }
}
