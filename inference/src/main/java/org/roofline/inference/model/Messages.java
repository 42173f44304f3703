package org.roofline.inference.model;

/** Turns engine exceptions (often multi-line TorchScript tracebacks) into one short line. */
final class Messages {

    private static final int MAX = 240;

    private Messages() {
    }

    /**
     * @param e an exception from the engine
     * @return its most telling line: the innermost cause's line naming an error ("RuntimeError: ..."), else its
     *         first non-blank line, at most 240 characters
     */
    static String reason(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t && t.getCause().getMessage() != null) {
            t = t.getCause();
        }
        String message = t.getMessage();
        if (message == null || message.isBlank()) {
            return t.getClass().getSimpleName();
        }
        String first = null;
        String error = null;
        for (String line : message.split("\\R")) {
            String s = line.strip();
            if (s.isEmpty()) {
                continue;
            }
            if (first == null) {
                first = s;
            }
            if (error == null && s.matches("^[A-Za-z_.]*(Error|Exception)\\b.*")) {
                error = s;
            }
        }
        String line = error != null ? error : first;
        return line.length() > MAX ? line.substring(0, MAX - 3) + "..." : line;
    }
}
