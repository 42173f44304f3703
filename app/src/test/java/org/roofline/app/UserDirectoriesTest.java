package org.roofline.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link UserDirectories} in fake environments: $HOME wins over the passwd record's user.home; XDG over both. */
class UserDirectoriesTest {

    private static UserDirectories dirs(Map<String, String> env, Map<String, String> props) {
        return new UserDirectories(env::get, props::get);
    }

    @Test
    void homeFromTheEnvironmentNotThePasswdRecord() {
        UserDirectories d = dirs(Map.of("HOME", "/tmp/fake-home"), Map.of("user.home", "/root"));
        assertEquals(Path.of("/tmp/fake-home"), d.home());
        assertEquals(Path.of("/tmp/fake-home/.config/roofline"), d.config());
        assertEquals(Path.of("/tmp/fake-home/.local/share/roofline"), d.data());
        assertEquals(Path.of("/tmp/fake-home/.local/share/roofline/sessions"), d.sessions());
    }

    @Test
    void userHomeWhenHomeIsUnsetOrRelative() {
        assertEquals(Path.of("/root/.config/roofline"), dirs(Map.of(), Map.of("user.home", "/root")).config());
        assertEquals(Path.of("/root/.local/share/roofline"),
                dirs(Map.of("HOME", "relative/home"), Map.of("user.home", "/root")).data());
    }

    @Test
    void xdgDirectoriesWhenAbsolute() {
        UserDirectories d = dirs(Map.of("HOME", "/h", "XDG_CONFIG_HOME", "/xc", "XDG_DATA_HOME", "/xd"),
                Map.of("user.home", "/root"));
        assertEquals(Path.of("/xc/roofline"), d.config());
        assertEquals(Path.of("/xd/roofline/sessions"), d.sessions());
        UserDirectories relative = dirs(Map.of("HOME", "/h", "XDG_DATA_HOME", "xd"), Map.of("user.home", "/root"));
        assertEquals(Path.of("/h/.local/share/roofline"), relative.data());
    }

    @Test
    void systemPropertiesOverrideEverything() {
        UserDirectories d = dirs(Map.of("HOME", "/h", "XDG_CONFIG_HOME", "/xc"),
                Map.of("user.home", "/root", UserDirectories.CONFIG_DIR_PROPERTY, "/tmp/c",
                        UserDirectories.DATA_DIR_PROPERTY, "/tmp/d"));
        assertEquals(Path.of("/tmp/c"), d.config());
        assertEquals(Path.of("/tmp/d/sessions"), d.sessions());
    }
}
