package org.roofline.app.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The shape of the code, read from the imports of every main source file: modules depend one way (app on inference on
 * geometry, never back), and packages do not form cycles. A small import scan rather than a library: the rules are two,
 * and a scan of {@code import} lines (plus fully qualified {@code org.roofline.} names in the code) sees what a reader
 * sees.
 */
class PackageDependenciesTest {

    private static final Pattern PACKAGE = Pattern.compile("^package (org\\.roofline[\\w.]*);", Pattern.MULTILINE);
    private static final Pattern REFERENCE = Pattern.compile("\\borg\\.roofline((?:\\.[a-z]\\w*)+)\\.[A-Z]");
    private static final List<String> MODULES = List.of("geometry", "inference", "app");

    /** package -> the packages its main sources name; and package -> module. */
    private static Map<String, Set<String>> graph(Map<String, String> moduleOf) throws IOException {
        Path root = Path.of(System.getProperty("roofline.resources", "../resources")).getParent();
        Map<String, Set<String>> graph = new TreeMap<>();
        for (String module : MODULES) {
            Path src = root.resolve(module).resolve("src/main/java");
            try (Stream<Path> files = Files.walk(src)) {
                for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    String text = Files.readString(file);
                    Matcher pm = PACKAGE.matcher(text);
                    if (!pm.find()) {
                        continue;
                    }
                    String pkg = pm.group(1);
                    moduleOf.put(pkg, module);
                    Set<String> deps = graph.computeIfAbsent(pkg, k -> new TreeSet<>());
                    Matcher rm = REFERENCE.matcher(text.replaceAll("(?s)/\\*.*?\\*/|//[^\\n]*", ""));
                    while (rm.find()) {
                        String target = "org.roofline" + rm.group(1);
                        if (!target.equals(pkg)) {
                            deps.add(target);
                        }
                    }
                }
            }
        }
        graph.values().forEach(deps -> deps.retainAll(graph.keySet()));
        return graph;
    }

    @Test
    void modulesDependOneWay() throws IOException {
        Map<String, String> moduleOf = new HashMap<>();
        Map<String, Set<String>> graph = graph(moduleOf);
        assertTrue(graph.size() > 20, "packages found: " + graph.keySet());
        assertEquals(List.of(), against(graph, moduleOf), "dependencies against app -> inference -> geometry");
    }

    @Test
    void noPackageCycles() throws IOException {
        Map<String, Set<String>> graph = graph(new HashMap<>());
        assertEquals(List.of(), stronglyConnected(graph), "package cycles (each set imports itself round)");
    }

    @Test
    void everyPackageSaysWhatLivesThere() throws IOException {
        Path root = Path.of(System.getProperty("roofline.resources", "../resources")).getParent();
        List<String> missing = new ArrayList<>();
        for (String module : MODULES) {
            Path src = root.resolve(module).resolve("src/main/java");
            try (Stream<Path> dirs = Files.walk(src)) {
                for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                    boolean hasClasses;
                    try (Stream<Path> files = Files.list(dir)) {
                        hasClasses = files.anyMatch(f -> f.toString().endsWith(".java")
                                && !f.getFileName().toString().equals("package-info.java"));
                    }
                    if (hasClasses && !Files.exists(dir.resolve("package-info.java"))) {
                        missing.add(src.relativize(dir).toString());
                    }
                }
            }
        }
        assertEquals(List.of(), missing, "packages without a package-info.java");
    }

    @Test
    void theScanFindsACycle() {
        Map<String, Set<String>> g = new TreeMap<>();
        g.put("a", new TreeSet<>(Set.of("b")));
        g.put("b", new TreeSet<>(Set.of("c")));
        g.put("c", new TreeSet<>(Set.of("a")));
        g.put("d", new TreeSet<>(Set.of("a")));
        assertEquals(List.of(Set.of("a", "b", "c")), stronglyConnected(g));
    }

    @Test
    void theScanFindsAnArrowAgainstTheModules() {
        Map<String, Set<String>> g = new TreeMap<>();
        g.put("g", new TreeSet<>(Set.of()));
        g.put("i", new TreeSet<>(Set.of("g")));
        g.put("a", new TreeSet<>(Set.of("i", "g")));
        g.put("g2", new TreeSet<>(Set.of("g", "a")));
        g.put("i2", new TreeSet<>(Set.of("i", "a")));
        Map<String, String> moduleOf = Map.of("g", "geometry", "g2", "geometry", "i", "inference", "i2", "inference",
                "a", "app");
        assertEquals(List.of("g2 -> a", "i2 -> a"), against(g, moduleOf));
        g.get("g").add("i");
        assertEquals(List.of("g -> i", "g2 -> a", "i2 -> a"), against(g, moduleOf));
    }

    /** The dependencies from a package to one in a module above its own, as "from -> to", in package order. */
    static List<String> against(Map<String, Set<String>> graph, Map<String, String> moduleOf) {
        List<String> against = new ArrayList<>();
        graph.forEach((pkg, deps) -> {
            for (String d : deps) {
                if (MODULES.indexOf(moduleOf.get(d)) > MODULES.indexOf(moduleOf.get(pkg))) {
                    against.add(pkg + " -> " + d);
                }
            }
        });
        return against;
    }

    /** Tarjan's strongly connected components of more than one package. */
    static List<Set<String>> stronglyConnected(Map<String, Set<String>> graph) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        List<Set<String>> out = new ArrayList<>();
        int[] counter = {0};
        for (String v : graph.keySet()) {
            if (!index.containsKey(v)) {
                visit(v, graph, index, low, stack, onStack, out, counter);
            }
        }
        return out;
    }

    private static void visit(String v, Map<String, Set<String>> graph, Map<String, Integer> index,
                              Map<String, Integer> low, Deque<String> stack, Set<String> onStack,
                              List<Set<String>> out, int[] counter) {
        index.put(v, counter[0]);
        low.put(v, counter[0]);
        counter[0]++;
        stack.push(v);
        onStack.add(v);
        for (String w : graph.getOrDefault(v, Set.of())) {
            if (!index.containsKey(w)) {
                visit(w, graph, index, low, stack, onStack, out, counter);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            Set<String> component = new TreeSet<>();
            String w;
            do {
                w = stack.pop();
                onStack.remove(w);
                component.add(w);
            } while (!w.equals(v));
            if (component.size() > 1) {
                out.add(component);
            }
        }
    }
}
