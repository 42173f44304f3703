package org.roofline.app.editor.map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Rectangle;
import javafx.scene.image.WritableImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.locationtech.jts.geom.Coordinate;
import org.roofline.app.editor.map.internal.CoordinateText;
import org.roofline.app.editor.map.internal.OutlineRaster;
import org.roofline.app.editor.map.internal.TileCache;
import org.roofline.app.editor.map.internal.TileKey;
import org.roofline.app.editor.map.internal.TileLoader;
import org.roofline.geometry.crs.Crs;
import org.roofline.inference.imagery.Georeferencing;
import org.roofline.inference.imagery.PixelToMap;
import org.testfx.framework.junit5.ApplicationExtension;

/** The map's small parts: the tile cache, levels, tile windows, the outline raster, coordinates and scale bar text. */
@ExtendWith(ApplicationExtension.class)
class MapPartsTest {

    @Test
    void theCacheDropsTheLeastRecentlyUsedTilesToStayWithinItsBound() {
        TileCache c = new TileCache(3 * 64 * 64 * 4);
        TileKey a = new TileKey(0, 0, 0);
        TileKey b = new TileKey(0, 1, 0);
        TileKey d = new TileKey(0, 2, 0);
        TileKey e = new TileKey(0, 3, 0);
        c.put(a, new WritableImage(64, 64));
        c.put(b, new WritableImage(64, 64));
        c.put(d, new WritableImage(64, 64));
        assertEquals(3 * 64 * 64 * 4, c.bytes());
        c.get(a); // a is now the most recently used: b goes first
        c.put(e, new WritableImage(64, 64));
        assertTrue(c.contains(a) && c.contains(d) && c.contains(e));
        assertFalse(c.contains(b));
        assertEquals(1, c.evictions());
        assertTrue(c.bytes() <= c.maxBytes());
        c.put(new TileKey(1, 0, 0), new WritableImage(200, 200)); // larger than the whole cache: not kept
        assertNull(c.get(new TileKey(1, 0, 0)));
        assertEquals(3, c.size());
        assertThrows(IllegalArgumentException.class, () -> new TileCache(0));
    }

    @Test
    void levelsAndTileWindows() {
        assertEquals(0, ImageryLayer.levelFor(8, 5));
        assertEquals(0, ImageryLayer.levelFor(0.6, 5));
        assertEquals(1, ImageryLayer.levelFor(0.5, 5));
        assertEquals(1, ImageryLayer.levelFor(0.26, 5), "3.85 image px a screen px: level 2 (4) would be coarser");
        assertEquals(2, ImageryLayer.levelFor(0.25, 5));
        assertEquals(5, ImageryLayer.levelFor(0.0001, 5));
        assertThrows(IllegalArgumentException.class, () -> ImageryLayer.levelFor(0, 5));
        // a 1000 x 700 image in 256 px tiles at level 1 (512 image px a tile): the last tiles are clipped
        assertEquals(new Rectangle(512, 512, 488, 188), TileLoader.pixelsOf(new TileKey(1, 1, 1), 256, 1000, 700));
        assertEquals(new Rectangle(0, 0, 1000, 700), TileLoader.pixelsOf(new TileKey(2, 0, 0), 256, 1000, 700));
        assertTrue(TileLoader.pixelsOf(new TileKey(0, 9, 0), 256, 1000, 700).isEmpty());
        assertEquals(new TileKey(2, 1, 0), new TileKey(0, 5, 3).ancestor(2));
    }

    @Test
    void theOutlineRasterDrawsClippedLinesAndDots() {
        OutlineRaster r = new OutlineRaster();
        r.begin(20, 10);
        r.line(-5, 2, 30, 2, 0xFFFF0000);
        for (int x = 0; x < 20; x++) {
            assertEquals(0xFFFF0000, r.pixel(x, 2), "x " + x);
        }
        assertEquals(0, r.pixel(5, 3));
        r.dot(0, 0, 2, 0xFF00FF00);
        assertEquals(0xFF00FF00, r.pixel(0, 0));
        r.outline(new double[] {10, 15, 15, 10}, new double[] {5, 5, 8, 8}, 4, 0xFF0000FF);
        assertEquals(0xFF0000FF, r.pixel(10, 5));
        assertEquals(0xFF0000FF, r.pixel(15, 8));
        assertEquals(0xFF0000FF, r.pixel(12, 8));
        assertEquals(0, r.pixel(12, 6), "not filled");
        r.begin(20, 10); // cleared
        assertEquals(0, r.pixel(10, 5));
        assertEquals(0, r.pixel(7, 2));
    }

    @Test
    void coordinatesAsTheStatusBarShowsThem() {
        Georeferencing geo = new Georeferencing(new PixelToMap(-70, 0.001, 0, -33, 0, -0.001), Crs.WGS84,
                Georeferencing.Source.WORLD_FILE);
        assertEquals("70.500000 W 33.250000 S (EPSG:4326)", CoordinateText.of(new Coordinate(-70.5, -33.25), geo));
        Georeferencing utm = new Georeferencing(new PixelToMap(500000, 0.5, 0, 4000000, 0, -0.5), Crs.epsg(32616),
                Georeferencing.Source.GEOTIFF_KEYS);
        assertEquals("500123.46 3999876.54 (EPSG:32616)",
                CoordinateText.of(new Coordinate(500123.456, 3999876.543), utm));
        assertEquals("12.5 7.0 px", CoordinateText.of(new Coordinate(12.5, 7), Georeferencing.none()));
    }

    @Test
    void scaleBarLengthsAreRound() {
        assertEquals(10, ScaleBar.roundDown(15.6), 1e-12);
        assertEquals(5, ScaleBar.roundDown(9.99), 1e-12);
        assertEquals(2, ScaleBar.roundDown(2), 1e-12);
        assertEquals(0.2, ScaleBar.roundDown(0.31), 1e-12);
        assertEquals(5000, ScaleBar.roundDown(7400), 1e-9);
        // no georeferencing: the bar measures image pixels
        MapViewport v = new MapViewport(2, 0, 0, 800, 600, Georeferencing.none());
        ScaleBar bar = ScaleBar.of(v, 120);
        assertFalse(bar.metres());
        assertEquals("50 px", bar.label());
        assertEquals(100, bar.pixels(), 1e-9);
    }
}
