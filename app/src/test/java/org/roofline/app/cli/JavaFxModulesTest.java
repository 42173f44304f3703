package org.roofline.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The editor started as the README says ({@code java -jar roofline.jar}, the jars of {@code lib/} named by its
 * manifest) runs JavaFX as named modules: the window opens and JavaFX prints no "Unsupported JavaFX configuration"
 * warning. Run under Xvfb with a jar laid out like the built one (the build's classes, the libraries' jars, JavaFX's
 * jars in {@code lib/} beside it).
 */
class JavaFxModulesTest {

    @TempDir
    Path dir;

    @Test
    void onlyCommandsThatOpenTheEditorRelaunch() {
        assertTrue(JavaFxModules.opensEditor(new String[0]));
        assertTrue(JavaFxModules.opensEditor(new String[] {"--debug", "open", "x.tif"}));
        assertFalse(JavaFxModules.opensEditor(new String[] {"extract", "x.tif", "-o", "y.gpkg"}));
        assertFalse(JavaFxModules.relaunchInModuleLayer(new String[0]), "not from a jar with lib/ beside it");
    }

    private static String tool(String name) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(d, name);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        Assumptions.assumeTrue(System.getenv("CI") != null, name + " not installed (apt install xvfb x11-utils)");
        throw new AssertionError(name + " not installed, and CI is set");
    }

    @Test
    void theEditorFromTheJarStartsWithoutJavaFxsWarning() throws Exception {
        String xvfb = tool("xvfb-run");
        tool("xwininfo");
        // roofline.jar: a manifest naming the classes and libraries, as the build's names lib/*.jar
        List<String> classPath = new ArrayList<>();
        Path lib = Files.createDirectories(dir.resolve("app/lib"));
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(e).toAbsolutePath();
            String name = p.getFileName().toString();
            if (name.contains("monocle") || name.contains("testfx")) {
                continue; // test-only: not in the built lib/
            }
            if (name.startsWith("javafx-")) {
                Files.copy(p, lib.resolve(name));
                classPath.add("lib/" + name);
            } else {
                classPath.add(p.toUri().toString());
            }
        }
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, Main.class.getName());
        m.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", classPath));
        Path jar = dir.resolve("app/roofline.jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, m)) {
            j.flush();
        }
        Path script = dir.resolve("run.sh");
        Files.writeString(script, String.join("\n",
                "\"$1\" -jar \"$2\" 2> \"$3\" &",
                "pid=$!",
                "for i in $(seq 240); do",
                "  if xwininfo -root -tree 2>/dev/null | grep -q '\"Roofline - '; then echo WINDOW; break; fi",
                "  sleep 0.25",
                "done",
                "sleep 1",
                "kill $pid", ""));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path stderr = dir.resolve("stderr.txt");
        ProcessBuilder pb = new ProcessBuilder(xvfb, "-a", "sh", script.toString(), java, jar.toString(),
                stderr.toString()).redirectErrorStream(true);
        pb.environment().put("XDG_DATA_HOME", dir.resolve("data").toString()); // the sample and its session
        pb.environment().put("XDG_CONFIG_HOME", dir.resolve("config").toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the editor did not stop");
        String err = Files.readString(stderr);
        assertTrue(out.contains("WINDOW"), "the editor's window opened: " + out + err);
        assertFalse(err.contains("Unsupported JavaFX configuration"), err);
        // nothing else at start-up; the harness stops the editor abruptly, and JavaFX's renderer may then complain
        // about its own shutdown (a RejectedExecutionException from QuantumRenderer): that is the stop, not start-up
        String startUp = err.lines().takeWhile(l -> !l.contains("RejectedExecutionException")).reduce("",
                (a, b) -> a + b + "\n");
        assertEquals("", startUp.strip(), "nothing on stderr at start-up");
    }
}
