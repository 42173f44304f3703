package org.roofline.app.editor.actions;

import java.util.Objects;
import javafx.scene.input.KeyCombination;

/**
 * Something the user can do in the editor, carrying its own default shortcut (JOSM style). The shortcut actually in
 * force comes from the {@link KeyMap}, which the user can change in the keyboard reference ({@code F1}).
 *
 * @param id         stable identifier, the key of the user's remapping ({@code review.accept})
 * @param label      what the menu and the keyboard reference say ("Accept")
 * @param category   where it is listed
 * @param defaultKey the shortcut out of the box, or null for none
 * @param handler    what it does (FX thread)
 * @param inMenu     whether the menus list it (false for a second key of another action, e.g. the numeric keypad's
 *                   {@code +}; the keyboard reference lists every action)
 */
public record EditorAction(String id, String label, Category category, KeyCombination defaultKey, Runnable handler,
                           boolean inMenu) {

    /** The groups of the keyboard reference and the menus. */
    public enum Category {
        FILE("File"), REVIEW("Review"), EDIT("Edit"), VIEW("View"), HELP("Help");

        private final String title;

        Category(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }
    }

    public EditorAction {
        Objects.requireNonNull(id, "id");
        if (!id.matches("[a-z][a-z0-9.-]*")) {
            throw new IllegalArgumentException("action id must be lower-case words joined by dots: " + id);
        }
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(handler, "handler");
    }

    /** An action listed in the menus. */
    public EditorAction(String id, String label, Category category, KeyCombination defaultKey, Runnable handler) {
        this(id, label, category, defaultKey, handler, true);
    }

    /** The same action, not listed in the menus (a second key). */
    public EditorAction hiddenFromMenus() {
        return new EditorAction(id, label, category, defaultKey, handler, false);
    }
}
