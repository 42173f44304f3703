package org.roofline.app.editor.actions;

import java.io.IOException;
import java.util.Optional;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.stage.Modality;
import javafx.stage.Window;

/**
 * The keyboard reference ({@code F1}): every action with its shortcut, by category. Select a row and press
 * <i>Change key</i> (or double-click it), then press the new key: Escape cancels, Backspace removes the key. A key
 * another action uses is taken from it after the user agrees. Changes are saved at once ({@link KeyMap}).
 */
public final class KeyboardReference extends Dialog<Void> {

    private final KeyMap keys;
    private final TableView<EditorAction> table = new TableView<>();
    private final Label hint = new Label("Select an action and press Change key, or double-click it.");
    private EditorAction capturing;

    public KeyboardReference(Window owner, KeyMap keys) {
        this.keys = keys;
        if (owner != null) {
            initOwner(owner);
        }
        initModality(Modality.WINDOW_MODAL);
        setTitle("Keyboard reference");
        setResizable(true);

        TableColumn<EditorAction, String> category = new TableColumn<>("Category");
        category.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().category().title()));
        TableColumn<EditorAction, String> action = new TableColumn<>("Action");
        action.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().label()));
        action.setPrefWidth(260);
        TableColumn<EditorAction, String> key = new TableColumn<>("Key");
        key.setCellValueFactory(c -> new ReadOnlyStringWrapper(display(keys.keyOf(c.getValue().id()))
                + (keys.isRemapped(c.getValue().id()) ? "  (changed)" : "")));
        key.setPrefWidth(170);
        table.getColumns().setAll(java.util.List.of(category, action, key));
        table.setItems(FXCollections.observableArrayList(keys.actions()));
        table.setPrefSize(560, 480);
        table.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) {
                startCapture();
            }
        });

        Button change = new Button("Change key");
        change.setOnAction(e -> startCapture());
        Button reset = new Button("Reset all to defaults");
        reset.setOnAction(e -> {
            try {
                keys.resetAll();
                hint.setText("All keys are back to their defaults.");
            } catch (IOException ex) {
                hint.setText("Cannot save the keys: " + ex.getMessage());
            }
            table.refresh();
        });
        HBox buttons = new HBox(8, change, reset);
        BorderPane content = new BorderPane(table);
        content.setTop(hint);
        content.setBottom(buttons);
        BorderPane.setMargin(hint, new Insets(0, 0, 6, 0));
        BorderPane.setMargin(buttons, new Insets(6, 0, 0, 0));
        getDialogPane().setContent(content);
        getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        getDialogPane().addEventFilter(KeyEvent.KEY_PRESSED, this::captured);
        if (!keys.problems().isEmpty()) {
            hint.setText(String.join("\n", keys.problems()));
        }
    }

    /** The table (for tests). */
    public TableView<EditorAction> table() {
        return table;
    }

    /** Starts waiting for the new key of the selected action. */
    public void startCapture() {
        EditorAction a = table.getSelectionModel().getSelectedItem();
        if (a == null) {
            hint.setText("Select an action first.");
            return;
        }
        capturing = a;
        hint.setText("Press the new key for \u201c" + a.label() + "\u201d (Escape cancels, Backspace removes the key).");
    }

    private void captured(KeyEvent e) {
        if (capturing == null || e.getCode().isModifierKey()) {
            return;
        }
        e.consume();
        EditorAction a = capturing;
        capturing = null;
        if (e.getCode() == KeyCode.ESCAPE) {
            hint.setText("Unchanged.");
            return;
        }
        KeyCombination k = e.getCode() == KeyCode.BACK_SPACE ? null : combination(e);
        Optional<EditorAction> other = keys.conflict(a.id(), k);
        if (other.isPresent()) {
            Alert ask = new Alert(Alert.AlertType.CONFIRMATION,
                    display(k) + " is the key of \u201c" + other.get().label() + "\u201d. Give it to \u201c"
                            + a.label() + "\u201d instead?", ButtonType.YES, ButtonType.NO);
            ask.initOwner(getDialogPane().getScene().getWindow());
            if (ask.showAndWait().orElse(ButtonType.NO) != ButtonType.YES) {
                hint.setText("Unchanged.");
                return;
            }
        }
        try {
            keys.remap(a.id(), k);
            hint.setText("\u201c" + a.label() + "\u201d: " + display(k));
        } catch (IOException ex) {
            hint.setText("Cannot save the keys: " + ex.getMessage());
        }
        table.refresh();
    }

    /** The combination of a key event: its key and modifiers (Ctrl as Shortcut, so the file works on a Mac). */
    public static KeyCombination combination(KeyEvent e) {
        java.util.List<KeyCombination.Modifier> mods = new java.util.ArrayList<>();
        if (e.isShortcutDown()) {
            mods.add(KeyCombination.SHORTCUT_DOWN);
        }
        if (e.isShiftDown()) {
            mods.add(KeyCombination.SHIFT_DOWN);
        }
        if (e.isAltDown()) {
            mods.add(KeyCombination.ALT_DOWN);
        }
        return new KeyCodeCombination(e.getCode(), mods.toArray(KeyCombination.Modifier[]::new));
    }

    /** How a shortcut is shown: {@code Ctrl+Z}, {@code Shift+A}, or a dash for none. */
    public static String display(KeyCombination k) {
        return k == null ? "\u2014" : k.getDisplayText();
    }
}
