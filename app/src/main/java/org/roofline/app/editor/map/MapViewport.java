package org.roofline.app.editor.map;

import java.util.Objects;
import javafx.geometry.Point2D;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.roofline.inference.imagery.Georeferencing;

/**
 * What the map shows: the image's pixel grid scaled and shifted onto the screen, and the image's georeferencing from
 * pixels to map coordinates. {@code screen = (pixel - offset) * scale}. Immutable; the map view hands a new one to
 * layers and tools on every frame.
 *
 * @param scale   screen pixels per image pixel
 * @param offsetX image pixel column at the screen's left edge
 * @param offsetY image pixel row at the screen's top edge
 * @param width   screen width in pixels
 * @param height  screen height in pixels
 * @param georef  pixel to map coordinates of the image ({@link Georeferencing#none()} when it has none)
 */
public record MapViewport(double scale, double offsetX, double offsetY, double width, double height,
                          Georeferencing georef) {

    public MapViewport {
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("scale must be positive and finite: " + scale);
        }
        Objects.requireNonNull(georef, "georef");
    }

    /** Screen position of an image pixel position. */
    public Point2D pixelToScreen(double px, double py) {
        return new Point2D((px - offsetX) * scale, (py - offsetY) * scale);
    }

    /** Image pixel position of a screen position. */
    public Coordinate screenToPixel(double sx, double sy) {
        return new Coordinate(offsetX + sx / scale, offsetY + sy / scale);
    }

    /** Screen position of a map coordinate. */
    public Point2D toScreen(Coordinate map) {
        Coordinate p = georef.toPixel(map);
        return pixelToScreen(p.x, p.y);
    }

    /** Map coordinate of a screen position. */
    public Coordinate toMap(double sx, double sy) {
        return georef.toMap(screenToPixel(sx, sy));
    }

    /** The screen's extent in image pixels. */
    public Envelope visiblePixels() {
        return new Envelope(offsetX, offsetX + width / scale, offsetY, offsetY + height / scale);
    }

    /** The screen's extent in map coordinates (the envelope of its four corners). */
    public Envelope visibleMap() {
        Envelope e = new Envelope();
        e.expandToInclude(toMap(0, 0));
        e.expandToInclude(toMap(width, 0));
        e.expandToInclude(toMap(0, height));
        e.expandToInclude(toMap(width, height));
        return e;
    }

    /** Map units per screen pixel along x (for tolerances such as "5 screen pixels"). */
    public double mapUnitsPerScreenPixel() {
        Coordinate a = toMap(0, 0);
        Coordinate b = toMap(1, 0);
        return a.distance(b);
    }
}
