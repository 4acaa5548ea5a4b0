package io.kvs;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Keeps the package structure of README "Architecture": no package depends on itself through others, and the engine
 * packages (plain Java, unit-tested without a container) import nothing from Jakarta EE or MicroProfile. Reads the
 * import lines of the main sources, so it needs no compiled classes and names the file that breaks a rule.
 */
class PackageStructureTest {

    private static final Path SOURCES = Path.of("src/main/java");
    private static final Set<String> ENGINES = Set.of("io.kvs.storage", "io.kvs.cluster.membership",
            "io.kvs.cluster.replication", "io.kvs.cluster.sync", "io.kvs.config", "io.kvs.keys", "io.kvs.auth.tokens",
            "io.kvs.auth.accounts", "io.kvs.auth.permissions", "io.kvs.refusals", "io.kvs.request");
    private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
    /** The package part of an import: the name up to the first capitalised segment (the class). */
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?((?:[a-z]\\w*\\.)*[a-z]\\w*)\\.[A-Z]",
            Pattern.MULTILINE);

    private record Source(Path file, String packageName, Set<String> importedPackages) {
    }

    @Test
    void noPackageDependsOnItselfThroughOthers() {
        Map<String, Map<String, String>> dependencies = new TreeMap<>();
        for (Source source : sources()) {
            Map<String, String> targets = dependencies.computeIfAbsent(source.packageName(), p -> new TreeMap<>());
            for (String imported : source.importedPackages()) {
                if (imported.startsWith("io.kvs.") && !imported.equals(source.packageName())) {
                    targets.putIfAbsent(imported, SOURCES.relativize(source.file()).toString());
                }
            }
        }
        List<String> cycles = new ArrayList<>();
        for (Set<String> component : stronglyConnected(dependencies)) {
            StringBuilder cycle = new StringBuilder(String.join(" <-> ", component)).append(':');
            for (String from : component) {
                dependencies.get(from).forEach((to, file) -> {
                    if (component.contains(to)) {
                        cycle.append("\n  ").append(from).append(" -> ").append(to).append(" (").append(file)
                                .append(')');
                    }
                });
            }
            cycles.add(cycle.toString());
        }
        assertEquals(List.of(), cycles, "package cycles");
    }

    @Test
    void enginePackagesImportNoContainerApi() {
        List<String> offending = new ArrayList<>();
        for (Source source : sources()) {
            if (ENGINES.contains(source.packageName())) {
                source.importedPackages().stream()
                        .filter(p -> p.startsWith("jakarta.") || p.startsWith("org.eclipse.microprofile."))
                        .forEach(p -> offending.add(SOURCES.relativize(source.file()) + " imports " + p));
            }
        }
        assertEquals(List.of(), offending);
    }

    @Test
    void theScanSeesTheSources() {
        List<Source> sources = sources();
        assertFalse(sources.isEmpty());
        assertFalse(sources.stream().filter(s -> s.packageName().equals("io.kvs.cluster"))
                .flatMap(s -> s.importedPackages().stream()).filter(p -> p.equals("io.kvs.cluster.sync"))
                .findAny().isEmpty(), "the cluster wiring imports the sync engine");
    }

    private static List<Source> sources() {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            return files.filter(f -> f.toString().endsWith(".java")).map(PackageStructureTest::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Source read(Path file) {
        try {
            String text = Files.readString(file);
            Matcher packageLine = PACKAGE.matcher(text);
            String packageName = packageLine.find() ? packageLine.group(1) : "";
            Set<String> imported = new TreeSet<>();
            Matcher imports = IMPORT.matcher(text);
            while (imports.find()) {
                imported.add(imports.group(1));
            }
            return new Source(file, packageName, imported);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Tarjan's algorithm; only components of more than one package are cycles (no package imports itself). */
    private static List<Set<String>> stronglyConnected(Map<String, Map<String, String>> graph) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        List<Set<String>> components = new ArrayList<>();
        for (String start : graph.keySet()) {
            if (!index.containsKey(start)) {
                visit(start, graph, index, low, stack, onStack, components);
            }
        }
        return components;
    }

    private static void visit(String node, Map<String, Map<String, String>> graph, Map<String, Integer> index,
                              Map<String, Integer> low, Deque<String> stack, Set<String> onStack,
                              List<Set<String>> components) {
        index.put(node, index.size());
        low.put(node, index.get(node));
        stack.push(node);
        onStack.add(node);
        for (String next : graph.getOrDefault(node, Map.of()).keySet()) {
            if (!index.containsKey(next)) {
                visit(next, graph, index, low, stack, onStack, components);
                low.put(node, Math.min(low.get(node), low.get(next)));
            } else if (onStack.contains(next)) {
                low.put(node, Math.min(low.get(node), index.get(next)));
            }
        }
        if (low.get(node).equals(index.get(node))) {
            Set<String> component = new TreeSet<>();
            String member;
            do {
                member = stack.pop();
                onStack.remove(member);
                component.add(member);
            } while (!member.equals(node));
            if (component.size() > 1) {
                components.add(component);
            }
        }
    }
}
