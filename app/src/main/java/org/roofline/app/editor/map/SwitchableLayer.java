package org.roofline.app.editor.map;

import java.util.Objects;

/**
 * A map layer the user can hide, with a name and a way to ask the map for a redraw (from any thread, see
 * {@link MapView#requestRedraw()}). The map's own layers extend it.
 */
public abstract class SwitchableLayer implements MapLayer {

    private final String name;
    private final Runnable repaint;
    private volatile boolean visible = true;

    protected SwitchableLayer(String name, Runnable repaint) {
        this.name = Objects.requireNonNull(name, "name");
        this.repaint = Objects.requireNonNull(repaint, "repaint");
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final boolean isVisible() {
        return visible;
    }

    /** Shows or hides the layer, and redraws. */
    public void setVisible(boolean v) {
        visible = v;
        repaint();
    }

    /** Asks the map for a redraw. */
    protected final void repaint() {
        repaint.run();
    }
}
