package dev.rankadaptor;

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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The layer rules of docs/architecture.md, checked on the sources of src/main/java by a small
 * import scan (imports, static imports and fully qualified names in the code):
 * <ol>
 *   <li>no package cycle: the graph of package dependencies has no strongly connected component
 *       of more than one package (a failure names the packages and one class per edge);</li>
 *   <li>only {@code dev.rankadaptor.ui..} imports JavaFX or a JavaFX library (ChartFX, ControlsFX,
 *       AtlantaFX);</li>
 *   <li>a class in {@code ui} that imports none of them is one of the kinds of {@link #UI_RULE}.</li>
 * </ol>
 */
class PackageRulesTest {
    private static final Path SOURCES = Path.of("src/main/java");
    private static final String ROOT = "dev.rankadaptor";
    private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(?:static\\s+)?([\\w.]+)(?:\\.\\*)?\\s*;", Pattern.MULTILINE);
    private static final Pattern QUALIFIED = Pattern.compile("\\b(dev\\.rankadaptor(?:\\.[a-z_][\\w]*)*)\\.[A-Z]\\w*");
    private static final Pattern UI_LIBRARY = Pattern.compile("^import\\s+(?:static\\s+)?(javafx|io\\.fair_acc|org\\.controlsfx|atlantafx)\\.",
            Pattern.MULTILINE);

    /** What a ui class without a JavaFX import may be (also in docs/architecture.md, "The ui layer"). */
    static final String UI_RULE = """
            a view model (name ends with ViewModel or Model); a value the view models expose or take \
            (a record, an enum, or a class named ...Row, ...Rows or ...Data); a seam (an interface, or a class \
            implementing UiExecutor, RunController, PruningPlanner, RunListener or DesktopEntry); \
            else it is a service and belongs in a lower layer""";

    /** Known exceptions to the ui rule, each with why it is still there. */
    private static final Map<String, String> UI_EXCEPTIONS = Map.of();

    private static final Pattern SEAM = Pattern.compile(
            "\\b(?:implements|extends)\\s+[^{]*\\b(UiExecutor|RunController|PruningPlanner|RunListener|DesktopEntry)\\b");

    record Source(String pkg, String name, String text) {
        String qualified() {
            return pkg + "." + name;
        }
    }

    private static List<Source> sources() {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            List<Source> out = new ArrayList<>();
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                String text = Files.readString(f);
                Matcher m = PACKAGE.matcher(text);
                String pkg = m.find() ? m.group(1) : "";
                String name = f.getFileName().toString().replace(".java", "");
                out.add(new Source(pkg, name, text));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Package -> package it uses -> one example "Class -> Used" (the first found). */
    static Map<String, Map<String, String>> dependencies(List<Source> sources) {
        Map<String, Set<String>> classesByPackage = new HashMap<>();
        for (Source s : sources) {
            classesByPackage.computeIfAbsent(s.pkg(), k -> new TreeSet<>()).add(s.name());
        }
        Map<String, Map<String, String>> deps = new TreeMap<>();
        for (Source s : sources) {
            Map<String, String> out = deps.computeIfAbsent(s.pkg(), k -> new TreeMap<>());
            List<String> refs = new ArrayList<>();
            Matcher im = IMPORT.matcher(s.text());
            while (im.find()) {
                refs.add(im.group(1));
            }
            String code = IMPORT.matcher(codeOnly(s.text())).replaceAll("");
            Matcher qm = QUALIFIED.matcher(code);
            while (qm.find()) {
                refs.add(qm.group());
            }
            for (String ref : refs) {
                if (!ref.startsWith(ROOT + ".")) {
                    continue;
                }
                String target = packageOf(ref, classesByPackage);
                if (target != null && !target.equals(s.pkg())) {
                    out.putIfAbsent(target, s.name() + " -> " + ref.substring(target.length() + 1));
                }
            }
        }
        return deps;
    }

    /**
     * The text without comments and string literals (they name classes without depending on them,
     * e.g. a Javadoc link or the main class of a worker process), line breaks kept.
     */
    static String codeOnly(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (text.startsWith("//", i)) {
                while (i < n && text.charAt(i) != '\n') {
                    i++;
                }
            } else if (text.startsWith("/*", i)) {
                int end = text.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
                out.append(' ');
            } else if (text.startsWith("\"\"\"", i)) {
                int end = text.indexOf("\"\"\"", i + 3);
                i = end < 0 ? n : end + 3;
                out.append("\"\"");
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < n && text.charAt(j) != c && text.charAt(j) != '\n') {
                    j += text.charAt(j) == '\\' ? 2 : 1;
                }
                i = j + 1;
                out.append(c).append(c);
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** The package a reference (class, nested class, static member or package-qualified name) lies in. */
    private static String packageOf(String ref, Map<String, Set<String>> classesByPackage) {
        String[] parts = ref.split("\\.");
        for (int i = parts.length - 1; i > 0; i--) {
            String pkg = String.join(".", java.util.Arrays.copyOf(parts, i));
            if (classesByPackage.containsKey(pkg) && classesByPackage.get(pkg).contains(parts[i])) {
                return pkg;
            }
        }
        return null;
    }

    /** Strongly connected components of more than one package (Tarjan), each sorted. */
    static List<List<String>> cycles(Map<String, Map<String, String>> deps) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new java.util.HashSet<>();
        List<List<String>> out = new ArrayList<>();
        int[] counter = {0};
        for (String v : deps.keySet()) {
            if (!index.containsKey(v)) {
                strongConnect(v, deps, index, low, stack, onStack, out, counter);
            }
        }
        return out;
    }

    private static void strongConnect(String v, Map<String, Map<String, String>> deps, Map<String, Integer> index,
                                      Map<String, Integer> low, Deque<String> stack, Set<String> onStack,
                                      List<List<String>> out, int[] counter) {
        index.put(v, counter[0]);
        low.put(v, counter[0]++);
        stack.push(v);
        onStack.add(v);
        for (String w : deps.getOrDefault(v, Map.of()).keySet()) {
            if (!index.containsKey(w)) {
                strongConnect(w, deps, index, low, stack, onStack, out, counter);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            List<String> component = new ArrayList<>();
            String w;
            do {
                w = stack.pop();
                onStack.remove(w);
                component.add(w);
            } while (!w.equals(v));
            if (component.size() > 1) {
                component.sort(null);
                out.add(component);
            }
        }
    }

    private static String describe(List<String> cycle, Map<String, Map<String, String>> deps) {
        StringBuilder sb = new StringBuilder("package cycle " + cycle + ":");
        for (String a : cycle) {
            for (String b : cycle) {
                String example = deps.getOrDefault(a, Map.of()).get(b);
                if (example != null) {
                    sb.append("\n  ").append(a).append(" -> ").append(b).append(" (").append(example).append(')');
                }
            }
        }
        return sb.toString();
    }

    @Test
    void noPackageCycles() {
        Map<String, Map<String, String>> deps = dependencies(sources());
        assertTrue(deps.size() > 20, "the scan found the packages: " + deps.keySet());
        List<List<String>> cycles = cycles(deps);
        assertTrue(cycles.isEmpty(), () -> String.join("\n", cycles.stream().map(c -> describe(c, deps)).toList()));
    }

    @Test
    void theScanFindsACycleAndNamesIt() {
        List<Source> fake = List.of(
                new Source("dev.rankadaptor.a", "A", "package dev.rankadaptor.a;\nimport dev.rankadaptor.b.B;\nclass A {}"),
                new Source("dev.rankadaptor.b", "B", "package dev.rankadaptor.b;\nclass B { dev.rankadaptor.c.C c; }"),
                new Source("dev.rankadaptor.c", "C", "package dev.rankadaptor.c;\nimport static dev.rankadaptor.a.A.x;\nclass C {}"),
                new Source("dev.rankadaptor.d", "D", "package dev.rankadaptor.d;\nimport dev.rankadaptor.a.A;\nclass D {}"),
                new Source("dev.rankadaptor.e", "E", "package dev.rankadaptor.e;\n/** see {@link dev.rankadaptor.d.D} */\n"
                        + "class E { String main = \"dev.rankadaptor.d.D\"; // dev.rankadaptor.d.D\n}"));
        Map<String, Map<String, String>> deps = dependencies(fake);
        List<List<String>> cycles = cycles(deps);
        assertEquals(List.of(List.of("dev.rankadaptor.a", "dev.rankadaptor.b", "dev.rankadaptor.c")), cycles);
        String text = describe(cycles.get(0), deps);
        assertTrue(text.contains("dev.rankadaptor.c -> dev.rankadaptor.a (C -> A.x)"), text);
        assertEquals(Map.of(), deps.get("dev.rankadaptor.e"), "comments and strings name classes without depending on them");
    }

    @Test
    void onlyUiImportsJavaFx() {
        List<String> offenders = sources().stream()
                .filter(s -> !s.pkg().equals(ROOT + ".ui") && !s.pkg().startsWith(ROOT + ".ui."))
                .filter(s -> UI_LIBRARY.matcher(s.text()).find())
                .map(Source::qualified).toList();
        assertEquals(List.of(), offenders, "only dev.rankadaptor.ui.. may import JavaFX, ChartFX, ControlsFX or AtlantaFX");
    }

    @Test
    void uiClassesWithoutJavaFxAreViewModelsValuesOrSeams() {
        List<String> offenders = new ArrayList<>();
        for (Source s : sources()) {
            if (!s.pkg().startsWith(ROOT + ".ui") || UI_LIBRARY.matcher(s.text()).find()
                    || UI_EXCEPTIONS.containsKey(s.qualified()) || allowedWithoutJavaFx(s)) {
                continue;
            }
            offenders.add(s.qualified());
        }
        assertEquals(List.of(), offenders, "a ui class without a JavaFX import must be " + UI_RULE);
    }

    @Test
    void theUiRuleTellsServicesFromViewModels() {
        assertTrue(allowedWithoutJavaFx(new Source("dev.rankadaptor.ui.x", "FooViewModel", "public final class FooViewModel {}")));
        assertTrue(allowedWithoutJavaFx(new Source("dev.rankadaptor.ui.x", "Foo", "public record Foo(int a) {}")));
        assertTrue(allowedWithoutJavaFx(new Source("dev.rankadaptor.ui.x", "Feed",
                "public final class Feed implements RunListener {}")));
        assertTrue(!allowedWithoutJavaFx(new Source("dev.rankadaptor.ui.x", "FileChecker", "public final class FileChecker {}")));
        assertTrue(UI_EXCEPTIONS.keySet().stream().allMatch(c -> sources().stream().anyMatch(s -> s.qualified().equals(c))),
                "every listed exception still exists (remove it from the list once it is gone)");
    }

    static boolean allowedWithoutJavaFx(Source s) {
        String n = s.name();
        if (n.endsWith("ViewModel") || n.endsWith("Model") || n.endsWith("Row") || n.endsWith("Rows") || n.endsWith("Data")) {
            return true;
        }
        Matcher kind = Pattern.compile("^(?:public\\s+)?(?:(?:final|sealed|abstract|non-sealed)\\s+)*(class|record|enum|interface|@interface)\\s+"
                + Pattern.quote(n) + "\\b([^{]*)", Pattern.MULTILINE).matcher(s.text());
        if (!kind.find()) {
            return false;
        }
        return !kind.group(1).equals("class") || SEAM.matcher(kind.group()).find();
    }
}
