package org.roofline.inference.engine;

import java.util.Locale;
import java.util.Optional;
import java.util.ServiceLoader;

/** Finds an {@link ExtractionEngine} on the class path by name. */
public final class ExtractionEngines {

    private ExtractionEngines() {
    }

    /** The engine called {@code name} (case-insensitive), if one is on the class path. */
    public static Optional<ExtractionEngine> find(String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        for (ExtractionEngine e : ServiceLoader.load(ExtractionEngine.class)) {
            if (e.name().equals(wanted)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }
}
