package org.roofline.app.export;

import java.nio.file.Path;
import org.roofline.geometry.text.OneLine;

/** Turning library exceptions into the problem half of a one-line message. */
final class Messages {

    private Messages() {
    }

    /** The message without a leading {@code <file>: } (the one-line error names the file itself). */
    static String withoutSubject(String message, Path file) {
        if (message == null || message.isBlank()) {
            return "cannot be read";
        }
        String m = OneLine.of(message);
        for (String prefix : new String[] {file + ": ", file.toAbsolutePath() + ": ",
                file.getFileName() + ": "}) {
            if (m.startsWith(prefix)) {
                return m.substring(prefix.length());
            }
        }
        return m;
    }

    static String oneLine(Throwable e) {
        return OneLine.of(OneLine.message(e));
    }
}
