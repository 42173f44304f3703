package org.roofline.geometry.io;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small streaming JSON (RFC 8259) parser into plain Java values: {@link LinkedHashMap} (member order kept),
 * {@link ArrayList}, {@link String}, {@link Long} (integers that fit), {@link Double}, {@link Boolean} and null.
 */
final class JsonParser {

    /** A syntax error, with its line and column. */
    static final class SyntaxException extends Exception {
        private static final long serialVersionUID = 1L;

        SyntaxException(String message) {
            super(message);
        }
    }

    private static final int MAX_DEPTH = 512;

    private final Reader in;
    private final char[] buf = new char[1 << 16];
    private int pos;
    private int len;
    private int line = 1;
    private int column = 0;
    private int depth;

    private JsonParser(Reader in) {
        this.in = in;
    }

    /** Parses one JSON value that must fill the whole input (whitespace and a byte-order mark aside). */
    static Object parse(Reader in) throws IOException, SyntaxException {
        JsonParser p = new JsonParser(in);
        if (p.peek() == '\uFEFF') {
            p.next();
        }
        Object v = p.value();
        p.skipWhitespace();
        if (p.peek() != -1) {
            throw p.error("unexpected " + p.describe(p.peek()) + " after the JSON value");
        }
        return v;
    }

    private int peek() throws IOException {
        if (pos == len) {
            len = in.read(buf, 0, buf.length);
            pos = 0;
            if (len <= 0) {
                len = 0;
                return -1;
            }
        }
        return buf[pos];
    }

    private int next() throws IOException {
        int c = peek();
        if (c != -1) {
            pos++;
            if (c == '\n') {
                line++;
                column = 0;
            } else {
                column++;
            }
        }
        return c;
    }

    private SyntaxException error(String message) {
        return new SyntaxException(message + " at line " + line + ", column " + (column + 1));
    }

    private String describe(int c) {
        if (c == -1) {
            return "end of file";
        }
        if (c < 0x20 || c > 0x7e) {
            return String.format("character U+%04X", c);
        }
        return "character '" + (char) c + "'";
    }

    private void skipWhitespace() throws IOException {
        for (int c = peek(); c == ' ' || c == '\t' || c == '\n' || c == '\r'; c = peek()) {
            next();
        }
    }

    private Object value() throws IOException, SyntaxException {
        skipWhitespace();
        int c = peek();
        switch (c) {
            case '{':
                return object();
            case '[':
                return array();
            case '"':
                return string();
            case 't':
                literal("true");
                return Boolean.TRUE;
            case 'f':
                literal("false");
                return Boolean.FALSE;
            case 'n':
                literal("null");
                return null;
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return number();
                }
                throw error("unexpected " + describe(c) + " where a JSON value was expected");
        }
    }

    private void literal(String word) throws IOException, SyntaxException {
        for (int i = 0; i < word.length(); i++) {
            int c = next();
            if (c != word.charAt(i)) {
                throw error("unexpected " + describe(c) + " in '" + word + "'");
            }
        }
    }

    private Map<String, Object> object() throws IOException, SyntaxException {
        if (++depth > MAX_DEPTH) {
            throw error("nesting deeper than " + MAX_DEPTH);
        }
        next();
        Map<String, Object> map = new LinkedHashMap<>();
        skipWhitespace();
        if (peek() == '}') {
            next();
            depth--;
            return map;
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') {
                throw error("unexpected " + describe(peek()) + " where a member name was expected");
            }
            String key = string();
            skipWhitespace();
            int c = next();
            if (c != ':') {
                throw error("unexpected " + describe(c) + " where ':' was expected");
            }
            map.put(key, value());
            skipWhitespace();
            c = next();
            if (c == '}') {
                depth--;
                return map;
            }
            if (c != ',') {
                throw error("unexpected " + describe(c) + " where ',' or '}' was expected");
            }
        }
    }

    private List<Object> array() throws IOException, SyntaxException {
        if (++depth > MAX_DEPTH) {
            throw error("nesting deeper than " + MAX_DEPTH);
        }
        next();
        List<Object> list = new ArrayList<>();
        skipWhitespace();
        if (peek() == ']') {
            next();
            depth--;
            return list;
        }
        while (true) {
            list.add(value());
            skipWhitespace();
            int c = next();
            if (c == ']') {
                depth--;
                return list;
            }
            if (c != ',') {
                throw error("unexpected " + describe(c) + " where ',' or ']' was expected");
            }
        }
    }

    private String string() throws IOException, SyntaxException {
        next();
        StringBuilder sb = new StringBuilder();
        while (true) {
            int c = next();
            if (c == '"') {
                return sb.toString();
            }
            if (c == -1) {
                throw error("unterminated string");
            }
            if (c < 0x20) {
                throw error("unescaped control " + describe(c) + " in a string");
            }
            if (c != '\\') {
                sb.append((char) c);
                continue;
            }
            c = next();
            switch (c) {
                case '"' -> sb.append('"');
                case '\\' -> sb.append('\\');
                case '/' -> sb.append('/');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> {
                    int v = 0;
                    for (int i = 0; i < 4; i++) {
                        int h = Character.digit(next(), 16);
                        if (h < 0) {
                            throw error("bad \\u escape");
                        }
                        v = (v << 4) | h;
                    }
                    sb.append((char) v);
                }
                default -> throw error("bad escape \\" + (c == -1 ? "" : String.valueOf((char) c)));
            }
        }
    }

    private Object number() throws IOException, SyntaxException {
        StringBuilder sb = new StringBuilder(24);
        boolean integral = true;
        if (peek() == '-') {
            sb.append((char) next());
        }
        if (peek() == '0') {
            sb.append((char) next());
        } else if (peek() >= '1' && peek() <= '9') {
            digits(sb);
        } else {
            throw error("bad number");
        }
        if (peek() == '.') {
            integral = false;
            sb.append((char) next());
            if (!(peek() >= '0' && peek() <= '9')) {
                throw error("bad number: digits expected after '.'");
            }
            digits(sb);
        }
        if (peek() == 'e' || peek() == 'E') {
            integral = false;
            sb.append((char) next());
            if (peek() == '+' || peek() == '-') {
                sb.append((char) next());
            }
            if (!(peek() >= '0' && peek() <= '9')) {
                throw error("bad number: digits expected in the exponent");
            }
            digits(sb);
        }
        String s = sb.toString();
        if (integral && s.length() <= 18) {
            return Long.parseLong(s);
        }
        if (integral) {
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException e) {
                return Double.parseDouble(s);
            }
        }
        return Double.parseDouble(s);
    }

    private void digits(StringBuilder sb) throws IOException {
        while (peek() >= '0' && peek() <= '9') {
            sb.append((char) next());
        }
    }
}
