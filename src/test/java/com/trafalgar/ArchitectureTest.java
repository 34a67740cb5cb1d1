package com.trafalgar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
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
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * Keeps docs/architecture.md honest: the package graph of the compiled classes (read by the JDK's
 * {@code jdeps}) has no cycle, and the diagram in the document shows exactly its edges.
 */
class ArchitectureTest {
  private static final String ROOT = "com.trafalgar.";
  private static final Path CLASSES = Path.of("target/classes");
  private static final Path DOC = Path.of("docs/architecture.md");
  private static final Pattern JDEPS_EDGE =
      Pattern.compile("^\\s+com\\.trafalgar\\.(\\S+)\\s+->\\s+com\\.trafalgar\\.(\\S+)\\s");
  private static final Pattern DOC_EDGE = Pattern.compile("^\\s*(\\S+)\\s+-->\\s+(\\S+)\\s*$");

  @Test
  void packagesHaveNoCycle() {
    Map<String, Set<String>> graph = compiledGraph();
    List<List<String>> cycles = stronglyConnected(graph).stream()
        .filter(component -> component.size() > 1).toList();
    assertTrue(cycles.isEmpty(), "package cycles: " + cycles);
  }

  @Test
  void theArchitectureDiagramShowsEveryPackageDependency() throws IOException {
    Set<String> compiled = new TreeSet<>();
    compiledGraph().forEach((from, targets) -> targets.forEach(to -> compiled.add(from + " --> "
        + to)));
    Set<String> documented = new TreeSet<>();
    boolean inDiagram = false;
    for (String line : Files.readAllLines(DOC)) {
      if (line.contains("<!-- package-graph:start -->")) {
        inDiagram = true;
      } else if (line.contains("<!-- package-graph:end -->")) {
        inDiagram = false;
      } else if (inDiagram) {
        Matcher edge = DOC_EDGE.matcher(line);
        if (edge.matches()) {
          documented.add(edge.group(1) + " --> " + edge.group(2));
        }
      }
    }
    assertEquals(String.join("\n", compiled), String.join("\n", documented),
        "update the diagram between the package-graph markers in " + DOC);
  }

  /**
   * A request-scoped root resource is built and injected through Jersey's HK2 bridge on every
   * request (docs/architecture.md, <i>Adding a route</i>); per-request values are parameters.
   */
  @Test
  void everyRootResourceIsOneApplicationScopedInstance() throws IOException {
    List<String> perRequest = new ArrayList<>();
    int resources = 0;
    try (var files = Files.walk(CLASSES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
        String name = CLASSES.relativize(file).toString().replace('/', '.')
            .replaceAll("\\.class$", "");
        Class<?> type;
        try {
          type = Class.forName(name, false, getClass().getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
          continue;
        }
        if (type.isAnnotationPresent(jakarta.ws.rs.Path.class)) {
          resources++;
          if (!type.isAnnotationPresent(jakarta.enterprise.context.ApplicationScoped.class)) {
            perRequest.add(name);
          }
        }
      }
    }
    assertTrue(resources > 10, "found only " + resources + " root resources in " + CLASSES);
    assertEquals(List.of(), perRequest, "root resources that are not @ApplicationScoped");
  }

  @Test
  void theCycleCheckFindsACycle() {
    Map<String, Set<String>> graph = new TreeMap<>();
    graph.put("source", Set.of("shotgrid", "json"));
    graph.put("shotgrid", Set.of("source"));
    graph.put("json", Set.of());
    List<List<String>> components = stronglyConnected(graph);
    assertTrue(components.stream().anyMatch(c -> new TreeSet<>(c).equals(
        Set.of("source", "shotgrid"))), components.toString());
  }

  /** Package (relative to com.trafalgar) to the packages it uses, self-references left out. */
  static Map<String, Set<String>> compiledGraph() {
    assertTrue(Files.isDirectory(CLASSES), "compile first: " + CLASSES.toAbsolutePath());
    ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
    StringWriter out = new StringWriter();
    int status = jdeps.run(new PrintWriter(out), new PrintWriter(out),
        "-verbose:package", "-e", "com\\.trafalgar\\..*", CLASSES.toString());
    assertEquals(0, status, out.toString());
    Map<String, Set<String>> graph = new TreeMap<>();
    for (String line : out.toString().split("\n")) {
      Matcher edge = JDEPS_EDGE.matcher(line);
      if (edge.find() && !edge.group(1).equals(edge.group(2))) {
        graph.computeIfAbsent(edge.group(1), k -> new TreeSet<>()).add(edge.group(2));
      }
    }
    assertTrue(!graph.isEmpty(), "jdeps found no " + ROOT + "* dependency: " + out);
    return graph;
  }

  /** Tarjan's strongly connected components. */
  static List<List<String>> stronglyConnected(Map<String, Set<String>> graph) {
    Map<String, Integer> index = new HashMap<>();
    Map<String, Integer> low = new HashMap<>();
    Deque<String> stack = new ArrayDeque<>();
    Set<String> onStack = new TreeSet<>();
    List<List<String>> components = new ArrayList<>();
    for (String node : graph.keySet()) {
      if (!index.containsKey(node)) {
        visit(node, graph, index, low, stack, onStack, components);
      }
    }
    return components;
  }

  private static void visit(String node, Map<String, Set<String>> graph,
      Map<String, Integer> index, Map<String, Integer> low, Deque<String> stack,
      Set<String> onStack, List<List<String>> components) {
    index.put(node, index.size());
    low.put(node, index.get(node));
    stack.push(node);
    onStack.add(node);
    for (String next : graph.getOrDefault(node, Set.of())) {
      if (!index.containsKey(next)) {
        visit(next, graph, index, low, stack, onStack, components);
        low.put(node, Math.min(low.get(node), low.get(next)));
      } else if (onStack.contains(next)) {
        low.put(node, Math.min(low.get(node), index.get(next)));
      }
    }
    if (low.get(node).equals(index.get(node))) {
      List<String> component = new ArrayList<>();
      String member;
      do {
        member = stack.pop();
        onStack.remove(member);
        component.add(member);
      } while (!member.equals(node));
      components.add(component);
    }
  }
}
