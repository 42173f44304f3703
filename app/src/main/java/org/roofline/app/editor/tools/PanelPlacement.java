package org.roofline.app.editor.tools;

import javafx.geometry.Point2D;
import javafx.geometry.Rectangle2D;

/**
 * Where a tool's panel goes so that it does not hide what it is about: beside the target on the screen, to its right
 * when it fits, else to its left, else below, else above (aligned with the target and kept on the screen); when it
 * fits nowhere, in the corner of the screen farthest from the target.
 */
final class PanelPlacement {

    private PanelPlacement() {
    }

    /**
     * @param target what the panel must not cover (screen coordinates)
     * @param w      the panel's width
     * @param h      the panel's height
     * @param area   where the panel may go (the screen's visual bounds)
     * @param gap    the space left between the panel and the target
     * @return the panel's top-left corner
     */
    static Point2D beside(Rectangle2D target, double w, double h, Rectangle2D area, double gap) {
        double y = clamp(target.getMinY(), area.getMinY(), area.getMaxY() - h);
        double x = clamp(target.getMinX(), area.getMinX(), area.getMaxX() - w);
        if (target.getMaxX() + gap + w <= area.getMaxX()) {
            return new Point2D(Math.max(area.getMinX(), target.getMaxX() + gap), y);
        }
        if (target.getMinX() - gap - w >= area.getMinX()) {
            return new Point2D(target.getMinX() - gap - w, y);
        }
        if (target.getMaxY() + gap + h <= area.getMaxY()) {
            return new Point2D(x, target.getMaxY() + gap);
        }
        if (target.getMinY() - gap - h >= area.getMinY()) {
            return new Point2D(x, target.getMinY() - gap - h);
        }
        double cx = (target.getMinX() + target.getMaxX()) / 2;
        double cy = (target.getMinY() + target.getMaxY()) / 2;
        double ax = (area.getMinX() + area.getMaxX()) / 2;
        double ay = (area.getMinY() + area.getMaxY()) / 2;
        return new Point2D(cx > ax ? area.getMinX() : Math.max(area.getMinX(), area.getMaxX() - w),
                cy > ay ? area.getMinY() : Math.max(area.getMinY(), area.getMaxY() - h));
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(v, Math.max(lo, hi)));
    }
}
