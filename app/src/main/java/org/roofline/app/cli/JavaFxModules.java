package org.roofline.app.cli;

import java.io.IOException;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Starts the editor with JavaFX as JavaFX wants to be run: as named modules, not from the class path (where JavaFX 21
 * warns at every start "Unsupported JavaFX configuration: classes were loaded from 'unnamed module'").
 *
 * <p>{@code java -jar roofline.jar} puts every jar of {@code lib/} on the class path (the jar's manifest names them).
 * For a command that opens the editor, {@link #relaunchInModuleLayer} instead defines JavaFX's modular jars from
 * {@code lib/} as a module layer and runs {@link Main} again in a class loader whose parent is that layer's, so that
 * JavaFX's packages come from its named modules (the class-path copies are never consulted: a class loader asks its
 * parent first). Roofline's own classes and the other libraries stay in an unnamed module, which reads every module;
 * JavaFX's internal packages are opened to it (ControlsFX uses some), as {@code --add-opens} would on a module path.
 *
 * <p>Nothing happens when JavaFX is already in a named module (a {@code --module-path} run), when the class path is
 * not a jar with {@code lib/javafx-*.jar} beside it (tests, an IDE), or for commands that do not open the editor.
 */
final class JavaFxModules {

    /** Set inside the relaunched run, so it never relaunches again. */
    static final String INSIDE = "roofline.javafx.modules";

    private JavaFxModules() {
    }

    /** Whether these arguments open the editor: none (the bundled sample), or the {@code open} command. */
    static boolean opensEditor(String[] args) {
        for (String a : args) {
            if (!a.startsWith("-")) {
                return a.equals("open");
            }
        }
        return true;
    }

    /**
     * Runs {@code Main.main(args)} with JavaFX as named modules when the conditions above hold.
     *
     * @return true when it ran (Main has finished, or exited), false when the caller should run as usual
     */
    static boolean relaunchInModuleLayer(String[] args) {
        if (Boolean.getBoolean(INSIDE) || ModuleLayer.boot().findModule("javafx.graphics").isPresent()
                || !opensEditor(args)) {
            return false;
        }
        String cp = System.getProperty("java.class.path", "");
        if (cp.isEmpty() || cp.contains(java.io.File.pathSeparator) || !cp.endsWith(".jar")) {
            return false;
        }
        Path jar = Path.of(cp).toAbsolutePath();
        List<Path> fx = javaFxJars(jar.getParent() == null ? null : jar.getParent().resolve("lib"));
        if (fx.isEmpty()) {
            return false;
        }
        ClassLoader loader;
        try {
            loader = loaderWithJavaFxModules(jar, fx);
        } catch (IOException | RuntimeException e) {
            return false; // run as before (with JavaFX's warning) rather than not at all
        }
        System.setProperty(INSIDE, "true");
        Thread.currentThread().setContextClassLoader(loader);
        try {
            Class.forName(Main.class.getName(), true, loader).getMethod("main", String[].class)
                    .invoke(null, (Object) args);
        } catch (java.lang.reflect.InvocationTargetException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) {
                throw r;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(c);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot start " + Main.class.getName() + " with JavaFX's modules", e);
        }
        return true;
    }

    /** JavaFX's jars in a folder ({@code javafx-*.jar}), or none. */
    static List<Path> javaFxJars(Path lib) {
        if (lib == null || !Files.isDirectory(lib)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(lib)) {
            return s.filter(p -> p.getFileName().toString().matches("javafx-.*\\.jar")).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /**
     * A class loader for the application jar (and what its manifest's Class-Path names) whose parent defines JavaFX's
     * modules from {@code fxJars} in a new layer; JavaFX's packages are opened to the loader's unnamed module.
     */
    static ClassLoader loaderWithJavaFxModules(Path appJar, List<Path> fxJars) throws IOException {
        ModuleFinder finder = ModuleFinder.of(fxJars.toArray(Path[]::new));
        // the platform-independent jars are empty automatic modules (javafx.baseEmpty, ...): not needed
        Set<String> roots = finder.findAll().stream().map(ModuleReference::descriptor)
                .filter(d -> !d.isAutomatic()).map(java.lang.module.ModuleDescriptor::name)
                .collect(Collectors.toSet());
        if (!roots.contains("javafx.graphics")) {
            throw new IOException("no javafx.graphics module among " + fxJars);
        }
        Configuration cf = ModuleLayer.boot().configuration().resolve(finder, ModuleFinder.of(), roots);
        ModuleLayer.Controller controller = ModuleLayer.defineModulesWithOneLoader(cf, List.of(ModuleLayer.boot()),
                ClassLoader.getPlatformClassLoader());
        ModuleLayer layer = controller.layer();
        URLClassLoader app = new URLClassLoader("roofline", new URL[] {appJar.toUri().toURL()},
                layer.findLoader("javafx.graphics"));
        Module unnamed = app.getUnnamedModule();
        for (Module m : layer.modules()) {
            for (String p : m.getPackages()) {
                controller.addOpens(m, p, unnamed);
            }
        }
        return app;
    }
}
