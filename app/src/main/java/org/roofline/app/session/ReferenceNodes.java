package org.roofline.app.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.roofline.geometry.io.osm.OsmNode;

/**
 * The nodes of an OSM way as one line of text, so a session keeps what an OSM change file needs to modify or delete
 * the way ({@link org.roofline.geometry.io.osm.OsmChangeWriter}): per node {@code id,version,lon,lat,r} where
 * {@code r} is 1 for a {@linkplain OsmNode#removable() removable} node, else 0; nodes separated by {@code ;}.
 * Coordinates keep 7 decimals (OSM's precision).
 */
public final class ReferenceNodes {

    private ReferenceNodes() {
    }

    /** @return the text of the nodes, empty for none */
    public static String format(List<OsmNode> nodes) {
        StringBuilder b = new StringBuilder();
        for (OsmNode n : nodes) {
            if (!b.isEmpty()) {
                b.append(';');
            }
            b.append(n.id()).append(',').append(n.version()).append(',')
                    .append(String.format(Locale.ROOT, "%.7f,%.7f", n.lon(), n.lat())).append(',')
                    .append(n.removable() ? '1' : '0');
        }
        return b.toString();
    }

    /** @throws IllegalArgumentException if the text is not what {@link #format} writes */
    public static List<OsmNode> parse(String text) {
        List<OsmNode> out = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        for (String node : text.split(";")) {
            String[] f = node.split(",");
            if (f.length != 5) {
                throw new IllegalArgumentException("not an OSM node: '" + node + "'");
            }
            out.add(new OsmNode(Long.parseLong(f[0]), Integer.parseInt(f[1]), Double.parseDouble(f[2]),
                    Double.parseDouble(f[3]), f[4].equals("1")));
        }
        return out;
    }
}
