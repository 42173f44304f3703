package org.roofline.app.editor.actions;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import org.roofline.geometry.io.AtomicFiles;

/**
 * The shortcuts in force: each action's default, replaced by the user's remapping where there is one. Remappings are
 * kept in a properties file ({@code action.id = Shortcut+Shift+A}, an empty value for "no key"), written atomically
 * on each change and read when the editor starts; a line that cannot be parsed or names an unknown action is
 * ignored (and reported by {@link #problems()}), so a hand-edited file never stops the editor from starting.
 *
 * <p>One key, one action: remapping a key that another action uses takes it away from that action (the caller asks
 * the user first, see {@link #conflict}).
 */
public final class KeyMap {

    private final Map<String, EditorAction> actions = new LinkedHashMap<>();
    private final Map<String, KeyCombination> overrides = new TreeMap<>();
    private final Path file;
    private final List<String> problems = new ArrayList<>();

    /**
     * @param actions every action, ids unique
     * @param file    where remappings are read from and written to, or null to keep them in memory only
     */
    public KeyMap(List<EditorAction> actions, Path file) {
        for (EditorAction a : actions) {
            if (this.actions.put(a.id(), a) != null) {
                throw new IllegalArgumentException("duplicate action id " + a.id());
            }
        }
        this.file = file;
        if (file != null && Files.isRegularFile(file)) {
            load(file);
        }
    }

    private void load(Path f) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            problems.add(f + ": cannot read the key file (" + e.getMessage() + "); using the default keys");
            return;
        }
        for (String id : new java.util.TreeSet<>(p.stringPropertyNames())) {
            String value = p.getProperty(id).trim();
            if (!actions.containsKey(id)) {
                problems.add(f + ": unknown action '" + id + "' ignored");
                continue;
            }
            if (value.isEmpty()) {
                overrides.put(id, null);
                continue;
            }
            try {
                // valueOf turns any unknown name into a "character" combination; only real key codes are keys here
                if (!(KeyCombination.valueOf(value) instanceof javafx.scene.input.KeyCodeCombination k)) {
                    throw new IllegalArgumentException(value);
                }
                overrides.put(id, k);
            } catch (RuntimeException e) {
                problems.add(f + ": '" + value + "' for " + id + " is not a key; the default is kept");
            }
        }
    }

    /** Lines of the key file that were ignored, for the status bar. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    /** Every action, in registration order. */
    public List<EditorAction> actions() {
        return List.copyOf(actions.values());
    }

    public EditorAction action(String id) {
        EditorAction a = actions.get(id);
        if (a == null) {
            throw new IllegalArgumentException("no action " + id);
        }
        return a;
    }

    /** The shortcut in force for an action, or null when it has none. */
    public KeyCombination keyOf(String id) {
        EditorAction a = action(id);
        return overrides.containsKey(id) ? overrides.get(id) : a.defaultKey();
    }

    /** Whether the user changed this action's key. */
    public boolean isRemapped(String id) {
        return overrides.containsKey(id);
    }

    /** The action whose shortcut matches a key event (the first in registration order), if any. */
    public Optional<EditorAction> match(KeyEvent e) {
        for (EditorAction a : actions.values()) {
            KeyCombination k = keyOf(a.id());
            if (k != null && k.match(e)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** Another action that has {@code key} now, if any (ask before {@link #remap}). */
    public Optional<EditorAction> conflict(String id, KeyCombination key) {
        if (key == null) {
            return Optional.empty();
        }
        for (EditorAction a : actions.values()) {
            if (!a.id().equals(id) && key.equals(keyOf(a.id()))) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /**
     * Gives an action a new shortcut (null for none); an action that had this key loses it. Saved at once.
     *
     * @throws IOException if the key file cannot be written (the remapping is then not applied)
     */
    public void remap(String id, KeyCombination key) throws IOException {
        action(id);
        Map<String, KeyCombination> before = new TreeMap<>(overrides);
        Optional<EditorAction> other = conflict(id, key);
        other.ifPresent(a -> overrides.put(a.id(), null));
        setOverride(id, key);
        try {
            save();
        } catch (IOException e) {
            overrides.clear();
            overrides.putAll(before);
            throw e;
        }
    }

    /** Puts every action back to its default shortcut. Saved at once. */
    public void resetAll() throws IOException {
        Map<String, KeyCombination> before = new TreeMap<>(overrides);
        overrides.clear();
        try {
            save();
        } catch (IOException e) {
            overrides.putAll(before);
            throw e;
        }
    }

    private void setOverride(String id, KeyCombination key) {
        if (Objects.equals(key, action(id).defaultKey())) {
            overrides.remove(id);
        } else {
            overrides.put(id, key);
        }
    }

    private void save() throws IOException {
        if (file == null) {
            return;
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        StringBuilder text = new StringBuilder(
                "# Roofline keyboard shortcuts changed by the user (F1 in the editor); empty = no key\n");
        for (Map.Entry<String, KeyCombination> e : overrides.entrySet()) {
            text.append(e.getKey()).append(" = ").append(e.getValue() == null ? "" : e.getValue().getName())
                    .append('\n');
        }
        AtomicFiles.write(file, out -> out.write(text.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /** Remapped action ids and their keys (null = none), for display. */
    public Map<String, KeyCombination> overrides() {
        return Collections.unmodifiableMap(overrides);
    }
}
