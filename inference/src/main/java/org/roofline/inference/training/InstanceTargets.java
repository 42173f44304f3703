package org.roofline.inference.training;

import java.util.Objects;

/**
 * The three training targets of a building model that separates touching roofs, derived from a raster of building
 * ids (one id per polygon, 0 for background), after the recipes of the SpaceNet 4/6 winners and RAMP:
 * <ul>
 *   <li><b>footprint</b>: every building pixel;</li>
 *   <li><b>boundary</b>: building pixels whose {@code (2 * BOUNDARY_RADIUS + 1)^2} neighbourhood holds background or
 *   another building — an inner ring about two pixels wide;</li>
 *   <li><b>contact</b>: background pixels whose {@code (2 * CONTACT_BACKGROUND_RADIUS + 1)^2} neighbourhood holds two
 *   or more different buildings (the narrow gaps between neighbours), and building pixels whose 3 x 3 neighbourhood
 *   holds another building (shared walls).</li>
 * </ul>
 * Neighbours outside the raster are ignored: an image's edge cuts buildings, it is no boundary of theirs.
 *
 * @param width     raster width
 * @param height    raster height
 * @param footprint 1 for building pixels ({@code height x width}, row-major)
 * @param boundary  1 for boundary pixels
 * @param contact   1 for contact pixels
 */
public record InstanceTargets(int width, int height, byte[] footprint, byte[] boundary, byte[] contact) {

    /** The channels' roles, in the order a model trained on these targets outputs them. */
    public static final java.util.List<String> CHANNELS = java.util.List.of("footprint", "boundary", "contact");
    /** Half width of the boundary's window (5 x 5). */
    public static final int BOUNDARY_RADIUS = 2;
    /** Half width of the window in which a background pixel near two buildings is contact (7 x 7). */
    public static final int CONTACT_BACKGROUND_RADIUS = 3;
    /** Half width of the window in which a building pixel near another building is contact (3 x 3). */
    public static final int CONTACT_BUILDING_RADIUS = 1;

    public InstanceTargets {
        if (footprint.length != width * height || boundary.length != footprint.length
                || contact.length != footprint.length) {
            throw new IllegalArgumentException("target arrays must hold width x height values");
        }
    }

    /**
     * @param ids    building ids, 0 for background ({@code height x width}, row-major)
     * @param width  raster width
     * @param height raster height
     * @return the three targets
     */
    public static InstanceTargets of(int[] ids, int width, int height) {
        Objects.requireNonNull(ids, "ids");
        if (width < 0 || height < 0 || ids.length != width * height) {
            throw new IllegalArgumentException("ids must hold width x height = " + width + " x " + height
                    + " values, had " + ids.length);
        }
        byte[] footprint = new byte[ids.length];
        byte[] boundary = new byte[ids.length];
        byte[] contact = new byte[ids.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = y * width + x;
                int id = ids[i];
                if (id != 0) {
                    footprint[i] = 1;
                    boundary[i] = (byte) (differsNear(ids, width, height, x, y, id, BOUNDARY_RADIUS, true) ? 1 : 0);
                    contact[i] = (byte) (differsNear(ids, width, height, x, y, id, CONTACT_BUILDING_RADIUS, false)
                            ? 1 : 0);
                } else {
                    contact[i] = (byte) (twoBuildingsNear(ids, width, height, x, y) ? 1 : 0);
                }
            }
        }
        return new InstanceTargets(width, height, footprint, boundary, contact);
    }

    /** Whether a pixel within {@code r} holds another building (or background, when {@code background} is true). */
    private static boolean differsNear(int[] ids, int w, int h, int x, int y, int id, int r, boolean background) {
        for (int yy = Math.max(0, y - r); yy <= Math.min(h - 1, y + r); yy++) {
            for (int xx = Math.max(0, x - r); xx <= Math.min(w - 1, x + r); xx++) {
                int other = ids[yy * w + xx];
                if (other != id && (other != 0 || background)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean twoBuildingsNear(int[] ids, int w, int h, int x, int y) {
        int r = CONTACT_BACKGROUND_RADIUS;
        int first = 0;
        for (int yy = Math.max(0, y - r); yy <= Math.min(h - 1, y + r); yy++) {
            for (int xx = Math.max(0, x - r); xx <= Math.min(w - 1, x + r); xx++) {
                int other = ids[yy * w + xx];
                if (other != 0) {
                    if (first == 0) {
                        first = other;
                    } else if (other != first) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** @return target channel {@code c} (0 footprint, 1 boundary, 2 contact) */
    public byte[] channel(int c) {
        return switch (c) {
            case 0 -> footprint;
            case 1 -> boundary;
            case 2 -> contact;
            default -> throw new IllegalArgumentException("no target channel " + c);
        };
    }
}
