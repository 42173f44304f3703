package org.roofline.inference.imagery;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.sis.util.collection.TableColumn;
import org.apache.sis.util.collection.TreeTable;

/**
 * The TIFF tags and GeoKeys of a GeoTIFF's first image, as Apache SIS lists them in its native metadata tree (SIS
 * has parsed the file; this only looks values up by tag number).
 */
final class TiffTags {

    static final int IMAGE_WIDTH = 256;
    static final int IMAGE_LENGTH = 257;
    static final int BITS_PER_SAMPLE = 258;
    static final int COMPRESSION = 259;
    static final int PHOTOMETRIC = 262;
    static final int SAMPLES_PER_PIXEL = 277;
    static final int ROWS_PER_STRIP = 278;
    static final int PLANAR_CONFIGURATION = 284;
    static final int PREDICTOR = 317;
    static final int TILE_WIDTH = 322;
    static final int TILE_LENGTH = 323;
    static final int SAMPLE_FORMAT = 339;
    static final int GDAL_NODATA = 42113;
    static final int GEO_KEY_DIRECTORY = 34735;
    /** GeoKey GeographicTypeGeoKey: the EPSG code of a geographic CRS. */
    static final int GEOGRAPHIC_TYPE = 2048;
    /** GeoKey ProjectedCSTypeGeoKey: the EPSG code of a projected CRS. */
    static final int PROJECTED_CS_TYPE = 3072;

    private static final Pattern NUMBER = Pattern.compile("-?\\d+");

    private final Map<Integer, Object> tags = new HashMap<>();
    private final Map<Integer, Object> geoKeys = new HashMap<>();

    /** @param metadata SIS's native metadata of a GeoTIFF file */
    TiffTags(TreeTable metadata) {
        TableColumn<?> code = codeColumn(metadata.getColumns());
        TreeTable.Node image = firstImage(metadata.getRoot());
        if (code == null || image == null) {
            return;
        }
        for (TreeTable.Node n : image.getChildren()) {
            Integer tag = asInteger(n.getValue(code));
            if (tag == null) {
                continue;
            }
            tags.put(tag, n.getValue(TableColumn.VALUE));
            if (tag == GEO_KEY_DIRECTORY) {
                for (TreeTable.Node k : n.getChildren()) {
                    Integer key = asInteger(k.getValue(code));
                    if (key != null) {
                        geoKeys.put(key, k.getValue(TableColumn.VALUE));
                    }
                }
            }
        }
    }

    /** The column holding tag numbers ("Code"): SIS declares it privately, so it is found by header and type. */
    private static TableColumn<?> codeColumn(List<TableColumn<?>> columns) {
        for (TableColumn<?> c : columns) {
            if (c.getElementType() == Integer.class && c != TableColumn.INDEX
                    && c.getHeader().toString().equalsIgnoreCase("code")) {
                return c;
            }
        }
        for (TableColumn<?> c : columns) {
            if (c.getElementType() == Integer.class && c != TableColumn.INDEX) {
                return c;
            }
        }
        return null;
    }

    private static TreeTable.Node firstImage(TreeTable.Node root) {
        // root "TIFF" -> "Image #0" -> tags
        for (TreeTable.Node n : root.getChildren()) {
            if (!n.getChildren().isEmpty()) {
                return n;
            }
        }
        return null;
    }

    private static Integer asInteger(Object v) {
        if (v instanceof Number n) {
            return n.intValue();
        }
        return null;
    }

    /** @return the first integer of a tag's value (a number, or a list printed as "8, 8, 8"), if present */
    OptionalInt integer(int tag) {
        return firstInt(tags.get(tag));
    }

    /** @return the first integer of a GeoKey's value, if present */
    OptionalInt geoKeyInteger(int key) {
        return firstInt(geoKeys.get(key));
    }

    /** @return a tag's value as text (SIS gives names for enumerations such as Compression: "DEFLATE"), or null */
    String text(int tag) {
        Object v = tags.get(tag);
        return v == null ? null : v.toString().strip();
    }

    boolean has(int tag) {
        return tags.containsKey(tag);
    }

    boolean hasGeoKeys() {
        return !geoKeys.isEmpty();
    }

    private static OptionalInt firstInt(Object v) {
        if (v == null) {
            return OptionalInt.empty();
        }
        if (v instanceof Number n) {
            long l = n.longValue();
            return l > Integer.MAX_VALUE || l < Integer.MIN_VALUE ? OptionalInt.empty() : OptionalInt.of((int) l);
        }
        Matcher m = NUMBER.matcher(v.toString());
        if (m.find()) {
            try {
                return OptionalInt.of(Integer.parseInt(m.group()));
            } catch (NumberFormatException e) {
                return OptionalInt.empty();
            }
        }
        return OptionalInt.empty();
    }

    /** @return the first value of a tag as a long (image sizes of BigTIFF may exceed an int), or -1 */
    long longValue(int tag) {
        Object v = tags.get(tag);
        if (v instanceof Number n) {
            return n.longValue();
        }
        if (v != null) {
            Matcher m = NUMBER.matcher(v.toString());
            if (m.find()) {
                try {
                    return Long.parseLong(m.group());
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
        }
        return -1;
    }
}
