package org.roofline.geometry.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class OneLineTest {

    @Test
    void lineBreaksAndTheWhitespaceAroundThemBecomeOneSpace() {
        assertEquals("a b c", OneLine.of("a \r\n\t b\n\n  c"));
        assertEquals(" a b ", OneLine.joinLines(" a\r\rb\n"));
        assertEquals("a  b", OneLine.of("  a  b \n"), "whitespace away from a line break stays");
    }

    @Test
    void onlyTheUnicodeVariantTakesNelLsAndPsAsLineBreaks() {
        assertEquals("a\u2028b", OneLine.of("a\u2028b"));
        assertEquals("a b c d", OneLine.ofAnyLineBreak("a \u2028 b\u0085c\r\nd"));
    }

    @Test
    void squeezeJoinsEveryRunOfWhitespace() {
        assertEquals("a b c", OneLine.squeeze("\ta  b\n\nc "));
    }

    @Test
    void messageFallsBackToTheClassName() {
        assertEquals("IOException", OneLine.message(new IOException(" \n")));
        assertEquals("IOException", OneLine.message(new IOException()));
        assertEquals("x\ny", OneLine.message(new IOException("x\ny")));
    }
}
