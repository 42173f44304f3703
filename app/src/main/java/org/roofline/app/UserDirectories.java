package org.roofline.app;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Where Roofline keeps the user's files: the one place that decides it (recent files, key bindings, the bundled
 * sample, sessions of images in folders that cannot be written).
 *
 * <ul>
 *   <li>configuration: the system property {@value #CONFIG_DIR_PROPERTY} when set (tests), otherwise
 *       {@code $XDG_CONFIG_HOME/roofline} (when absolute), otherwise {@code $HOME/.config/roofline};</li>
 *   <li>data: the system property {@value #DATA_DIR_PROPERTY} when set, otherwise {@code $XDG_DATA_HOME/roofline}
 *       (when absolute), otherwise {@code $HOME/.local/share/roofline};</li>
 *   <li>sessions: {@code sessions} in the data directory.</li>
 * </ul>
 * {@code $HOME} is the environment variable when it is set to an absolute path (as the XDG Base Directory
 * specification says), otherwise Java's {@code user.home} (which comes from the passwd record, not the environment).
 * Nothing is created here. Instances are immutable; the environment lookup is a parameter so that tests can give a
 * fake one.
 */
public final class UserDirectories {

    /** The system property that overrides the configuration directory. */
    public static final String CONFIG_DIR_PROPERTY = "roofline.config.dir";
    /** The system property that overrides the data directory. */
    public static final String DATA_DIR_PROPERTY = "roofline.data.dir";

    private final UnaryOperator<String> env;
    private final UnaryOperator<String> properties;

    /**
     * Directories for a given environment.
     *
     * @param env        looks up an environment variable (null when unset)
     * @param properties looks up a system property (null when unset)
     */
    public UserDirectories(UnaryOperator<String> env, UnaryOperator<String> properties) {
        this.env = Objects.requireNonNull(env, "env");
        this.properties = Objects.requireNonNull(properties, "properties");
    }

    /** The directories of this process (its environment and system properties). */
    public static UserDirectories standard() {
        return new UserDirectories(System::getenv, System::getProperty);
    }

    /** The user's home: {@code $HOME} when absolute, otherwise {@code user.home}. */
    public Path home() {
        Path home = absolute(env.apply("HOME"));
        return home != null ? home : Path.of(properties.apply("user.home")).toAbsolutePath();
    }

    /** Roofline's configuration directory (see the class comment). */
    public Path config() {
        return choose(CONFIG_DIR_PROPERTY, "XDG_CONFIG_HOME", ".config");
    }

    /** Roofline's data directory (see the class comment). */
    public Path data() {
        return choose(DATA_DIR_PROPERTY, "XDG_DATA_HOME", ".local/share");
    }

    /** Where sessions of images in folders that cannot be written go: {@code sessions} in {@link #data()}. */
    public Path sessions() {
        return data().resolve("sessions");
    }

    private Path choose(String property, String xdgVariable, String underHome) {
        String override = properties.apply(property);
        if (override != null && !override.isBlank()) {
            return Path.of(override).toAbsolutePath();
        }
        Path xdg = absolute(env.apply(xdgVariable));
        if (xdg != null) {
            return xdg.resolve("roofline");
        }
        return home().resolve(underHome).resolve("roofline");
    }

    private static Path absolute(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            Path p = Path.of(value);
            return p.isAbsolute() ? p : null;
        } catch (java.nio.file.InvalidPathException e) {
            return null;
        }
    }
}
