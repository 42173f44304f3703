package org.roofline.app.editor.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import javafx.geometry.Point2D;
import javafx.geometry.Rectangle2D;
import org.junit.jupiter.api.Test;

class PanelPlacementTest {

    private static final Rectangle2D SCREEN = new Rectangle2D(0, 0, 1280, 800);

    private static Rectangle2D at(Point2D p, double w, double h) {
        return new Rectangle2D(p.getX(), p.getY(), w, h);
    }

    @Test
    void besideTheTargetNeverOverIt() {
        Rectangle2D middle = new Rectangle2D(500, 300, 60, 40);
        assertEquals(new Point2D(584, 300), PanelPlacement.beside(middle, 350, 200, SCREEN, 24), "to the right");
        Rectangle2D right = new Rectangle2D(1100, 300, 60, 40);
        assertEquals(new Point2D(1100 - 24 - 350, 300), PanelPlacement.beside(right, 350, 200, SCREEN, 24),
                "to the left when the right is full");
        Rectangle2D wide = new Rectangle2D(100, 100, 1100, 200);
        Point2D below = PanelPlacement.beside(wide, 350, 200, SCREEN, 24);
        assertEquals(new Point2D(100, 324), below, "below a wide target");
        Rectangle2D low = new Rectangle2D(500, 700, 60, 90);
        assertEquals(500 + 60 + 24, PanelPlacement.beside(low, 350, 200, SCREEN, 24).getX());
        assertEquals(600, PanelPlacement.beside(low, 350, 200, SCREEN, 24).getY(), "kept on the screen");
        for (Rectangle2D t : new Rectangle2D[] {middle, right, wide, low}) {
            assertFalse(at(PanelPlacement.beside(t, 350, 200, SCREEN, 24), 350, 200).intersects(t), t.toString());
        }
        Rectangle2D everywhere = new Rectangle2D(10, 10, 1000, 700); // top-left heavy: the panel goes bottom-right
        assertEquals(new Point2D(1280 - 350, 800 - 200), PanelPlacement.beside(everywhere, 350, 200, SCREEN, 24));
    }
}
