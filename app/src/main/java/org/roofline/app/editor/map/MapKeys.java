package org.roofline.app.editor.map;

import java.util.List;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import org.roofline.app.editor.actions.EditorAction;
import org.roofline.app.editor.actions.EditorAction.Category;

/**
 * The map's pan and zoom keys as {@link EditorAction}s, each with its default shortcut: the arrow keys pan an eighth
 * of the view ({@link #PAN_STEP}; with Shift half of it, {@link #FAR_PAN_STEP}), {@code +}, {@code =} and the
 * keypad's {@code +} zoom in, {@code -} and the keypad's {@code -} zoom out, around the centre ({@link MapView#zoomIn},
 * {@link MapView#zoomOut}). The map runs them from its {@link org.roofline.app.editor.actions.KeyMap}; an editor lists
 * them with its other actions, so the user can remap them like any other key.
 */
public final class MapKeys {

    /** One arrow key's pan: this share of the view's shorter side. */
    public static final double PAN_STEP = 0.125;
    /** One Shift+arrow pan: this share of the view's shorter side. */
    public static final double FAR_PAN_STEP = 0.5;

    private MapKeys() {
    }

    /** The map's actions for {@code map}, in the order the keyboard reference lists them. */
    public static List<EditorAction> actions(MapView map) {
        return List.of(
                new EditorAction("view.zoom-in", "Zoom in", Category.VIEW, key(KeyCode.PLUS, KeyCombination.SHIFT_ANY),
                        map::zoomIn),
                new EditorAction("view.zoom-in-alt", "Zoom in (second key)", Category.VIEW,
                        key(KeyCode.EQUALS, KeyCombination.SHIFT_ANY), map::zoomIn).hiddenFromMenus(),
                new EditorAction("view.zoom-out", "Zoom out", Category.VIEW,
                        key(KeyCode.MINUS, KeyCombination.SHIFT_ANY), map::zoomOut),
                pan(map, "left", "Pan left (Shift: further)", KeyCode.LEFT, -1, 0),
                pan(map, "right", "Pan right", KeyCode.RIGHT, 1, 0),
                pan(map, "up", "Pan up", KeyCode.UP, 0, -1),
                pan(map, "down", "Pan down", KeyCode.DOWN, 0, 1),
                far(map, "left", KeyCode.LEFT, -1, 0),
                far(map, "right", KeyCode.RIGHT, 1, 0),
                far(map, "up", KeyCode.UP, 0, -1),
                far(map, "down", KeyCode.DOWN, 0, 1),
                new EditorAction("view.zoom-in-keypad", "Zoom in (keypad)", Category.VIEW,
                        key(KeyCode.ADD, KeyCombination.SHIFT_ANY), map::zoomIn).hiddenFromMenus(),
                new EditorAction("view.zoom-out-keypad", "Zoom out (keypad)", Category.VIEW,
                        key(KeyCode.SUBTRACT, KeyCombination.SHIFT_ANY), map::zoomOut).hiddenFromMenus());
    }

    private static EditorAction pan(MapView map, String way, String label, KeyCode code, int dx, int dy) {
        return new EditorAction("view.pan-" + way, label, Category.VIEW, key(code),
                () -> panBy(map, PAN_STEP, dx, dy));
    }

    private static EditorAction far(MapView map, String way, KeyCode code, int dx, int dy) {
        return new EditorAction("view.pan-" + way + "-far", "Pan " + way + " further", Category.VIEW,
                key(code, KeyCombination.SHIFT_DOWN), () -> panBy(map, FAR_PAN_STEP, dx, dy)).hiddenFromMenus();
    }

    private static void panBy(MapView map, double share, int dx, int dy) {
        double step = share * Math.min(map.getWidth(), map.getHeight());
        map.pan(dx * step, dy * step);
    }

    private static KeyCombination key(KeyCode code, KeyCombination.Modifier... mods) {
        return new KeyCodeCombination(code, mods);
    }
}
