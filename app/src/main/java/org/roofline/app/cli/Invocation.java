package org.roofline.app.cli;

import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * How the user started this {@code roofline}, as a command to repeat in a hint: the installed launcher, {@code java
 * -jar} with the jar actually running (relative to the working directory when under it), or, when run from compiled
 * classes (an IDE, the tests), the jar a build from source makes, {@code app/target/roofline.jar}.
 */
final class Invocation {

    /** The jar {@code mvn package} makes, relative to the source tree's root. */
    static final String SOURCE_JAR = "app/target/roofline.jar";

    private Invocation() {
    }

    /** @return the command that starts this roofline, for example {@code java -jar app/target/roofline.jar} */
    static String command() {
        String launcher = System.getProperty("jpackage.app-path");
        if (launcher != null && !launcher.isBlank()) {
            return quote(launcher);
        }
        Path code = null;
        try {
            code = Path.of(Invocation.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | RuntimeException e) {
            // unknown location: the source tree's jar
        }
        return forCodeLocation(code, Path.of("").toAbsolutePath());
    }

    /**
     * @param code      where Roofline's classes were loaded from (a jar or a classes directory), or null
     * @param directory the working directory
     */
    static String forCodeLocation(Path code, Path directory) {
        if (code == null || !code.getFileName().toString().endsWith(".jar")) {
            return "java -jar " + SOURCE_JAR;
        }
        Path jar = code.toAbsolutePath().normalize();
        Path shown = jar.startsWith(directory) ? directory.relativize(jar) : jar;
        return "java -jar " + quote(shown.toString());
    }

    private static String quote(String path) {
        return path.matches("[\\w./@%+=:,-]+") ? path : "'" + path.replace("'", "'\\''") + "'";
    }
}
