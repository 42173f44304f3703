package org.roofline.app.editor.actions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roofline.app.editor.actions.EditorAction.Category;

class KeyMapTest {

    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger rejected = new AtomicInteger();

    private List<EditorAction> actions() {
        return List.of(
                new EditorAction("review.accept", "Accept", Category.REVIEW, new KeyCodeCombination(KeyCode.A),
                        accepted::incrementAndGet),
                new EditorAction("review.reject", "Reject", Category.REVIEW, new KeyCodeCombination(KeyCode.D),
                        rejected::incrementAndGet),
                new EditorAction("edit.undo", "Undo", Category.EDIT,
                        new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN), () -> { }));
    }

    private static KeyEvent press(KeyCode code, boolean shift, boolean ctrl) {
        return new KeyEvent(KeyEvent.KEY_PRESSED, "", "", code, shift, ctrl, false, false);
    }

    @Test
    void defaultsMatchAndModifiersMatter() {
        KeyMap keys = new KeyMap(actions(), null);
        assertEquals("review.accept", keys.match(press(KeyCode.A, false, false)).orElseThrow().id());
        assertTrue(keys.match(press(KeyCode.A, true, false)).isEmpty(), "Shift+A is not A");
        assertTrue(keys.match(press(KeyCode.X, false, false)).isEmpty());
    }

    @Test
    void remappingIsSavedAndReadBackAndTakesTheKeyFromItsOwner(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("sub/keys.properties");
        KeyMap keys = new KeyMap(actions(), file);
        KeyCombination d = new KeyCodeCombination(KeyCode.D);
        assertEquals("review.reject", keys.conflict("review.accept", d).orElseThrow().id());
        keys.remap("review.accept", d);
        assertEquals(d, keys.keyOf("review.accept"));
        assertNull(keys.keyOf("review.reject"), "the key was taken from reject");
        assertEquals("review.accept", keys.match(press(KeyCode.D, false, false)).orElseThrow().id());

        KeyMap reread = new KeyMap(actions(), file);
        assertEquals(d, reread.keyOf("review.accept"));
        assertNull(reread.keyOf("review.reject"));
        assertTrue(reread.isRemapped("review.reject"));
        assertFalse(reread.isRemapped("edit.undo"));
        assertTrue(reread.problems().isEmpty(), reread.problems().toString());

        reread.resetAll();
        KeyMap reset = new KeyMap(actions(), file);
        assertEquals(new KeyCodeCombination(KeyCode.A), reset.keyOf("review.accept"));
        assertEquals(d, reset.keyOf("review.reject"));
    }

    @Test
    void aBrokenKeyFileKeepsTheDefaultsAndSaysWhy(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("keys.properties");
        Files.writeString(file, "review.accept = Ctrl+Banana\nno.such.action = X\nreview.reject = Shift+R\n");
        KeyMap keys = new KeyMap(actions(), file);
        assertEquals(new KeyCodeCombination(KeyCode.A), keys.keyOf("review.accept"));
        assertEquals(KeyCombination.valueOf("Shift+R"), keys.keyOf("review.reject"));
        assertEquals(2, keys.problems().size(), keys.problems().toString());
        assertTrue(keys.problems().get(0).contains(file.toString()), keys.problems().toString());
    }

    @Test
    void refusesUnknownAndDuplicateActions() {
        KeyMap keys = new KeyMap(actions(), null);
        assertThrows(IllegalArgumentException.class, () -> keys.keyOf("no.such"));
        List<EditorAction> twice = List.of(actions().get(0), actions().get(0));
        assertThrows(IllegalArgumentException.class, () -> new KeyMap(twice, null));
        assertThrows(IllegalArgumentException.class,
                () -> new EditorAction("Bad Id", "x", Category.HELP, null, () -> { }));
    }
}
