package org.roofline.app.editor.map;

import java.util.Locale;
import java.util.Optional;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import org.locationtech.jts.geom.Coordinate;
import org.roofline.inference.imagery.Georeferencing;

/**
 * A scale bar: a round ground length and how many screen pixels it spans at the centre of the view.
 *
 * <p>Metres come from {@link Georeferencing#groundPixelSize}: geodesic on the CRS's ellipsoid (GeographicLib) for a
 * geographic CRS, the nominal pixel size in metres for a projected one; evaluated at the pixel under the screen's
 * centre (on a geographic image the east-west size of a pixel changes with latitude). When the ground size is
 * unknown (no georeferencing, or a CRS without a known unit) the bar measures image pixels instead.
 *
 * @param length      the round length (1, 2 or 5 times a power of ten) in {@code unit}s
 * @param pixels      its length on screen
 * @param metres      whether {@code length} is in metres ({@code false}: image pixels)
 * @param label       for people, e.g. {@code "20 m"}, {@code "500 m"}, {@code "2 km"}, {@code "50 px"}
 */
public record ScaleBar(double length, double pixels, boolean metres, String label) {

    /** The bar for a viewport, at most {@code maxPixels} long (and more than 2/5 of it). */
    public static ScaleBar of(MapViewport v, double maxPixels) {
        if (!(maxPixels > 0)) {
            throw new IllegalArgumentException("maximum length must be positive, was " + maxPixels);
        }
        Coordinate centre = v.screenToPixel(v.width() / 2, v.height() / 2);
        double perScreenPixel;
        boolean metres;
        // groundPixelSize(w, h) is evaluated at pixel (w/2, h/2): pass twice the centre
        Optional<Georeferencing.PixelSize> ground = v.georef().isGeoreferenced()
                ? v.georef().groundPixelSize((int) Math.round(2 * centre.x), (int) Math.round(2 * centre.y))
                : Optional.empty();
        if (ground.isPresent()) {
            perScreenPixel = ground.get().x() / v.scale();
            metres = true;
        } else {
            perScreenPixel = 1 / v.scale();
            metres = false;
        }
        double length = roundDown(perScreenPixel * maxPixels);
        double pixels = length / perScreenPixel;
        return new ScaleBar(length, pixels, metres, label(length, metres));
    }

    private static final Font FONT = Font.font(11);

    /** Draws the bar with its label at the bottom left of the view, white on a dark box. */
    public void draw(GraphicsContext g, MapViewport v) {
        double x = 12;
        double y = v.height() - 16;
        g.setFill(Color.rgb(0, 0, 0, 0.55));
        g.fillRect(x - 6, y - 18, pixels + 12, 26);
        g.setFill(Color.WHITE);
        g.fillRect(x, y, pixels, 4);
        g.fillRect(x, y - 4, 1.5, 8);
        g.fillRect(x + pixels - 1.5, y - 4, 1.5, 8);
        g.setFont(FONT);
        g.fillText(label, x, y - 5);
    }

    /** The largest 1, 2 or 5 times a power of ten not above {@code x}. */
    static double roundDown(double x) {
        double p = Math.pow(10, Math.floor(Math.log10(x)));
        double m = x / p;
        double step = m >= 5 ? 5 : m >= 2 ? 2 : 1;
        return step * p;
    }

    private static String label(double length, boolean metres) {
        if (!metres) {
            return format(length) + " px";
        }
        if (length >= 1000) {
            return format(length / 1000) + " km";
        }
        if (length < 0.01) {
            return format(length * 1000) + " mm";
        }
        if (length < 1) {
            return format(length * 100) + " cm";
        }
        return format(length) + " m";
    }

    private static String format(double v) {
        if (Math.abs(v - Math.rint(v)) < 1e-9 * Math.max(1, Math.abs(v))) {
            return String.format(Locale.ROOT, "%d", (long) Math.rint(v));
        }
        return String.format(Locale.ROOT, "%s", (float) v);
    }
}
