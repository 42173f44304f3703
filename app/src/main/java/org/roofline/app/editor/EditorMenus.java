package org.roofline.app.editor;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.input.KeyCombination;
import org.roofline.app.editor.actions.EditorAction;
import org.roofline.app.editor.actions.EditorAction.Category;
import org.roofline.app.editor.actions.KeyMap;
import org.roofline.app.editor.tools.RegularizePreview;
import org.roofline.app.review.Selection;

/**
 * The menu bar: one menu per action category listing the actions shown in menus with the keys in force, and
 * File &gt; Recent (the host's recent files, read off the FX thread each time the menu opens). The re-square entry
 * says how many footprints it squares when several are selected. {@link #rebuild} after the keys change. FX thread.
 */
final class EditorMenus {

    private final MenuBar bar = new MenuBar();
    private final KeyMap keys;
    private final Consumer<EditorAction> run;
    private final EditorHost host;
    private final Executor io;
    private final Selection selection;
    private List<Path> recentFiles = List.of();
    private Menu recentMenu;

    /**
     * @param run how a menu item runs its action
     * @param io  where the recent files are read
     */
    EditorMenus(KeyMap keys, Consumer<EditorAction> run, EditorHost host, Executor io, Selection selection) {
        this.keys = keys;
        this.run = run;
        this.host = host;
        this.io = io;
        this.selection = selection;
        build();
        loadRecent();
        selection.addListener(() -> bar.getMenus().stream().filter(m -> m.getText().equals(Category.EDIT.title()))
                .forEach(this::labelReSquare));
    }

    MenuBar bar() {
        return bar;
    }

    /** Builds the menus again (after the user changed keys). */
    void rebuild() {
        bar.getMenus().clear();
        build();
    }

    private void build() {
        Map<Category, Menu> byCategory = new EnumMap<>(Category.class);
        for (Category c : Category.values()) {
            byCategory.put(c, new Menu(c.title()));
        }
        for (EditorAction a : keys.actions()) {
            if (!a.inMenu()) {
                continue;
            }
            MenuItem item = new MenuItem(a.label());
            item.setOnAction(e -> run.accept(a));
            item.setUserData(a.id());
            byCategory.get(a.category()).getItems().add(item);
        }
        Menu recent = new Menu("Recent");
        recent.setOnShowing(e -> loadRecent());
        recentMenu = recent;
        fillRecent();
        byCategory.get(Category.FILE).getItems().add(1, recent);
        showKeys(byCategory);
        labelReSquare(byCategory.get(Category.EDIT));
        for (Category c : Category.values()) {
            if (!byCategory.get(c).getItems().isEmpty()) {
                bar.getMenus().add(byCategory.get(c));
            }
        }
    }

    /** Reads the recent files off the FX thread, then shows them in File > Recent. */
    private void loadRecent() {
        io.execute(() -> {
            List<Path> list = host.recent();
            Platform.runLater(() -> {
                recentFiles = list;
                fillRecent();
            });
        });
    }

    private void fillRecent() {
        Menu recent = recentMenu;
        recent.getItems().clear();
        for (Path p : recentFiles) {
            MenuItem item = new MenuItem(p.getFileName() + "  \u2014  " + p.toAbsolutePath().getParent());
            item.setOnAction(e -> host.open(p));
            recent.getItems().add(item);
        }
        if (recent.getItems().isEmpty()) {
            MenuItem none = new MenuItem("(none yet)");
            none.setDisable(true);
            recent.getItems().add(none);
        }
    }

    /** Shows each action's key in its menu item (display only: the scene filter runs the action). */
    private void showKeys(Map<Category, Menu> byCategory) {
        for (Menu m : byCategory.values()) {
            for (MenuItem item : m.getItems()) {
                if (item.getUserData() instanceof String id) {
                    item.setText(withKey(keys.action(id).label(), keys.keyOf(id)));
                }
            }
        }
    }

    /** With several footprints selected, the re-square entry says how many it squares ("Re-square 7 ..."). */
    private void labelReSquare(Menu edit) {
        for (MenuItem item : edit.getItems()) {
            if ("edit.regularize".equals(item.getUserData())) {
                String label = selection.size() > 1
                        ? RegularizePreview.countLabel(selection.size()) + " (live preview)\u2026"
                        : keys.action("edit.regularize").label();
                item.setText(withKey(label, keys.keyOf("edit.regularize")));
            }
        }
    }

    private static String withKey(String label, KeyCombination k) {
        return k == null ? label : label + "    [" + k.getDisplayText() + "]";
    }
}
