package org.roofline.geometry.text;

import java.util.regex.Pattern;

/**
 * Messages made fit for one line of output (a status line, {@code roofline: <problem>}, the problem in brackets after
 * a file name): line breaks and the whitespace around them become one space. Each method states exactly which
 * characters it treats as a line break or as whitespace; {@link String#strip()} and {@link String#trim()} differ at
 * the ends, so each caller keeps the one it has always used.
 */
public final class OneLine {

    /** Carriage returns and line feeds, with the whitespace ({@code \s}: ASCII) around them. */
    private static final Pattern CR_LF = Pattern.compile("\\s*[\\r\\n]+\\s*");
    /** Any Unicode line break ({@code \R}: also NEL, LS and PS), with the whitespace around it. */
    private static final Pattern ANY_LINE_BREAK = Pattern.compile("\\s*\\R\\s*");
    /** A run of ASCII whitespace. */
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private OneLine() {
    }

    /**
     * @return the text with every run of CR and LF, and the ASCII whitespace around it, replaced by one space;
     *         nothing else changes (the ends are not stripped)
     */
    public static String joinLines(String text) {
        return CR_LF.matcher(text).replaceAll(" ");
    }

    /** @return {@link #joinLines} of the text, {@linkplain String#strip() stripped} */
    public static String of(String text) {
        return joinLines(text).strip();
    }

    /**
     * @return the text with every Unicode line break ({@code \R}), and the ASCII whitespace around it, replaced by one
     *         space, {@linkplain String#strip() stripped}
     */
    public static String ofAnyLineBreak(String text) {
        return ANY_LINE_BREAK.matcher(text).replaceAll(" ").strip();
    }

    /** @return the text with every run of ASCII whitespace replaced by one space, {@linkplain String#trim() trimmed} */
    public static String squeeze(String text) {
        return WHITESPACE.matcher(text).replaceAll(" ").trim();
    }

    /** @return the exception's message, or its class's simple name when the message is null or blank; as it is */
    public static String message(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
