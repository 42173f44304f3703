package org.roofline.app.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SelectionTest {

    @Test
    void keepsSelectionOrderAndNotifiesOnlyOnChange() {
        Selection s = new Selection();
        AtomicInteger events = new AtomicInteger();
        s.addListener(events::incrementAndGet);
        s.set(List.of(3L, 1L, 2L));
        s.set(List.of(1L, 2L, 3L)); // same set: no event
        assertEquals(List.of(3L, 1L, 2L), List.copyOf(s.ids()));
        s.toggle(1L);
        assertFalse(s.contains(1L));
        s.toggle(1L);
        assertTrue(s.contains(1L));
        s.removeAll(List.of(9L)); // nothing removed: no event
        s.clear();
        s.clear();
        assertTrue(s.isEmpty());
        assertEquals(4, events.get());
    }
}
