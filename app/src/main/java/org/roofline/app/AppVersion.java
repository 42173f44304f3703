package org.roofline.app;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * Roofline's version, as {@code roofline --version} prints it and a review session records it: the {@code version}
 * of the build-filtered {@code org/roofline/app/cli/version.properties} (where the installers read it too), else the
 * jar manifest's implementation version, else {@code unknown}.
 */
public final class AppVersion {

    private static final String RESOURCE = "/org/roofline/app/cli/version.properties";

    private AppVersion() {
    }

    /** @return the project version, such as {@code 0.1.0}, or {@code unknown}; never null or blank */
    public static String get() {
        try (InputStream in = AppVersion.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("version");
                if (v != null && !v.isBlank() && !v.startsWith("${")) {
                    return v.trim();
                }
            }
        } catch (IOException e) {
            // fall through
        }
        String v = AppVersion.class.getPackage().getImplementationVersion();
        return v == null ? "unknown" : v;
    }
}
