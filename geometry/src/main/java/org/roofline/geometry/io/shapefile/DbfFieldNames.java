package org.roofline.geometry.io.shapefile;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.roofline.geometry.io.FieldDef;

/**
 * How {@link ShapefileWriter} names the dBase fields: a dBase field name holds at most 10 bytes, so longer names are
 * cut, deterministically and without collisions, by the same rule GDAL's Shapefile driver (and so QGIS) applies:
 * <ol>
 *   <li>A name of at most 10 bytes in UTF-8 is kept as it is.</li>
 *   <li>A longer name is cut to its first 10 bytes, at a character boundary: {@code reviewed_at} becomes
 *       {@code reviewed_a}, {@code regularized} becomes {@code regularize}.</li>
 *   <li>If that name is already taken by an earlier field (compared without regard to case, as dBase readers do),
 *       the name is cut shorter and gets a numeric suffix: {@code _1} ... {@code _9} after the first 8 bytes, then
 *       {@code _10} ... {@code _99} after the first 7 bytes; the first free one is used. So two fields
 *       {@code building_height} and {@code building_heat} become {@code building_h} and {@code building_1}.</li>
 * </ol>
 * Fields are named in the layer's order, so the mapping depends only on the list of field names. For Roofline's
 * footprint fields the result is fixed:
 * <table>
 *   <caption>Roofline footprint fields in a Shapefile</caption>
 *   <tr><th>field</th><th>dBase name</th></tr>
 *   <tr><td>id, status, confidence, area_m2, area_px, method, source (and area, vertices)</td><td>unchanged</td></tr>
 *   <tr><td>regularized</td><td>regularize</td></tr>
 *   <tr><td>reviewed_at</td><td>reviewed_a</td></tr>
 * </table>
 * Reading a Shapefile gives the dBase names; nothing maps them back.
 */
public final class DbfFieldNames {

    /** The most bytes a dBase field name may have. */
    public static final int MAX_BYTES = 10;

    private DbfFieldNames() {
    }

    /**
     * @param fields the layer's fields, in order
     * @return each field's full name mapped to its dBase name, in the fields' order
     * @throws IllegalArgumentException if two fields have the same name, or more than 99 collide on one prefix
     */
    public static Map<String, String> of(List<FieldDef> fields) {
        Map<String, String> names = new LinkedHashMap<>();
        Set<String> taken = new HashSet<>();
        for (FieldDef field : fields) {
            String name = field.name();
            if (names.containsKey(name)) {
                throw new IllegalArgumentException("field " + name + " appears twice");
            }
            String candidate = cut(name, MAX_BYTES);
            for (int i = 1; taken.contains(key(candidate)); i++) {
                if (i > 99) {
                    throw new IllegalArgumentException("field " + name + ": no free 10-character dBase name");
                }
                String suffix = "_" + i;
                candidate = cut(name, MAX_BYTES - suffix.length()) + suffix;
            }
            taken.add(key(candidate));
            names.put(name, candidate);
        }
        return Collections.unmodifiableMap(names);
    }

    private static String key(String name) {
        return name.toUpperCase(Locale.ROOT);
    }

    /** @return the longest prefix of {@code s} of at most {@code maxBytes} bytes in UTF-8, whole code points only */
    static String cut(String s, int maxBytes) {
        if (s.getBytes(StandardCharsets.UTF_8).length <= maxBytes) {
            return s;
        }
        int bytes = 0;
        int end = 0;
        while (end < s.length()) {
            int cp = s.codePointAt(end);
            int n = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + n > maxBytes) {
                break;
            }
            bytes += n;
            end += Character.charCount(cp);
        }
        return s.substring(0, end);
    }
}
