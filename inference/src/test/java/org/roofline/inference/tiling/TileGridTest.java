package org.roofline.inference.tiling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Rectangle;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class TileGridTest {

    @ParameterizedTest
    @CsvSource({"900,900,256,32,1", "1000,700,256,32,1", "256,256,256,32,1", "100,60,256,32,1", "257,513,256,0,1",
            "900,900,64,16,3", "1001,999,128,10,2", "17,300,16,7,1"})
    void coresPartitionTheGridAndWindowsCoverIt(int w, int h, int size, int overlap, int s) {
        TileGrid grid = new TileGrid(w, h, size, overlap, s);
        assertEquals(TileGrid.ceilDiv(w, s), grid.width());
        assertEquals(TileGrid.ceilDiv(h, s), grid.height());
        int[] owners = new int[grid.width() * grid.height()];
        int[] seen = new int[owners.length];
        List<Tile> tiles = grid.tiles();
        assertEquals(grid.rows() * grid.columns(), tiles.size());
        for (Tile t : tiles) {
            assertEquals(tiles.indexOf(t), t.index());
            Rectangle win = t.window();
            assertTrue(grid.bounds().contains(win), t::toString);
            assertTrue(win.contains(t.core()));
            assertEquals(Math.min(size, grid.width()), win.width, "full tiles except where the image is smaller");
            assertEquals(Math.min(size, grid.height()), win.height);
            Rectangle iw = t.imageWindow();
            assertTrue(new Rectangle(0, 0, w, h).contains(iw));
            assertEquals(win.x * s, iw.x);
            assertEquals(win.y * s, iw.y);
            assertEquals(win.width, TileGrid.ceilDiv(iw.width, s), "read at subsampling s gives the window");
            assertEquals(win.height, TileGrid.ceilDiv(iw.height, s));
            Rectangle c = t.core();
            for (int y = c.y; y < c.y + c.height; y++) {
                for (int x = c.x; x < c.x + c.width; x++) {
                    owners[y * grid.width() + x]++;
                }
            }
            for (int y = win.y; y < win.y + win.height; y++) {
                for (int x = win.x; x < win.x + win.width; x++) {
                    seen[y * grid.width() + x]++;
                }
            }
        }
        for (int i = 0; i < owners.length; i++) {
            assertEquals(1, owners[i], "pixel " + i + " must be in exactly one core");
            assertTrue(seen[i] >= 1);
        }
        // neighbours overlap by at least the overlap, and the core border keeps overlap/2 from each window edge
        for (int r = 0; r < grid.rows(); r++) {
            for (int col = 0; col + 1 < grid.columns(); col++) {
                Tile a = tiles.get(r * grid.columns() + col);
                Tile b = tiles.get(r * grid.columns() + col + 1);
                int shared = a.window().x + a.window().width - b.window().x;
                assertTrue(shared >= overlap, "overlap " + shared);
                int border = b.core().x;
                assertTrue(border - b.window().x >= overlap / 2);
                assertTrue(a.window().x + a.window().width - border >= overlap / 2);
            }
        }
    }

    @Test
    void atlantaLayout() {
        TileGrid grid = new TileGrid(900, 900, 256, 32, 1);
        assertEquals(4, grid.columns());
        assertEquals(4, grid.rows());
        List<Tile> row = grid.row(0);
        assertEquals(List.of(0, 224, 448, 644), row.stream().map(t -> t.window().x).toList());
        assertEquals(List.of(0, 240, 464, 674), row.stream().map(t -> t.core().x).toList());
        assertEquals(900, row.get(3).core().x + row.get(3).core().width);
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> new TileGrid(0, 10, 16, 2, 1));
        assertThrows(IllegalArgumentException.class, () -> new TileGrid(10, 10, 16, 8, 1));
        assertThrows(IllegalArgumentException.class, () -> new TileGrid(10, 10, 16, 2, 0));
    }
}
