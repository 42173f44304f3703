package org.roofline.app.editor;

import javafx.scene.control.Label;
import org.controlsfx.control.StatusBar;

/**
 * A status bar whose text wraps (the editor puts the counts on the first line and the last message below them) and
 * which is as tall as the wrapped text, so that at any window width nothing is cut off; ControlsFX's own is one line
 * of a fixed 30 pixels, cut off with an ellipsis.
 */
final class WrappingStatusBar extends StatusBar {

    WrappingStatusBar() {
        setStyle("-fx-pref-height: -1;"); // computed, not the stylesheet's fixed 30 px
        setMinHeight(USE_PREF_SIZE);
        skinProperty().addListener((o, old, skin) -> {
            if (label() != null) {
                label().setWrapText(true);
            }
        });
    }

    private Label label() {
        return lookup(".status-label") instanceof Label l ? l : null;
    }

    @Override
    protected double computePrefHeight(double width) {
        double h = super.computePrefHeight(width);
        Label l = label();
        if (l != null) {
            double w = l.getWidth() > 0 ? l.getWidth() : (width > 0 ? width : getWidth()) * 0.75;
            if (w > 0) {
                h = Math.max(h, l.prefHeight(w) + snappedTopInset() + snappedBottomInset() + 8);
            }
        }
        return h;
    }
}
