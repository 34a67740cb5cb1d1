package com.trafalgar.apidocs;

import com.fasterxml.jackson.databind.JsonNode;
import com.trafalgar.http.RootAliases;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The routes the application really serves, read from its classes: every JAX-RS resource method
 * ({@code @Path} on the class and the method, the HTTP method annotation), every {@code
 * @ServerEndpoint} (a WebSocket upgrade is a GET), the root alias of each ({@link RootAliases})
 * and the routes the server adds for MicroProfile Health and OpenAPI. The API documents are
 * checked against this list, so a route cannot be added or removed without them.
 */
public final class ApplicationRoutes {
  /** Served by the server itself (MicroProfile Health and OpenAPI), not by application classes. */
  public static final Set<String> SERVER_ROUTES =
      Set.of("GET /health", "GET /health/live", "GET /health/ready", "GET /openapi");

  private static final Pattern TEMPLATE = Pattern.compile("\\{\\s*(\\w+)\\s*(?::[^}]*)?}");

  private ApplicationRoutes() {}

  /** Routes ({@code "GET /render/jobs/{job_id}"}) of the classes under {@code WEB-INF/classes}. */
  public static Set<String> ofWar(java.nio.file.Path war) {
    List<String> names = new ArrayList<>();
    try (ZipFile zip = new ZipFile(war.toFile())) {
      Iterator<? extends ZipEntry> entries = zip.entries().asIterator();
      while (entries.hasNext()) {
        String entry = entries.next().getName();
        if (entry.startsWith("WEB-INF/classes/") && entry.endsWith(".class")) {
          names.add(entry.substring("WEB-INF/classes/".length()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return of(names);
  }

  /** Routes of the compiled classes in a directory such as {@code target/classes}. */
  public static Set<String> ofDirectory(java.nio.file.Path classes) {
    try (Stream<java.nio.file.Path> files = Files.walk(classes)) {
      return of(files.filter(file -> file.toString().endsWith(".class"))
          .map(file -> classes.relativize(file).toString().replace('\\', '/'))
          .toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Set<String> of(List<String> classFiles) {
    Set<String> routes = new TreeSet<>(SERVER_ROUTES);
    ClassLoader loader = ApplicationRoutes.class.getClassLoader();
    for (String file : classFiles) {
      String name = file.substring(0, file.length() - ".class".length()).replace('/', '.');
      Class<?> type;
      try {
        type = Class.forName(name, false, loader);
      } catch (ClassNotFoundException | LinkageError e) {
        throw new IllegalStateException("Cannot load " + name + " to read its routes", e);
      }
      ServerEndpoint socket = type.getAnnotation(ServerEndpoint.class);
      if (socket != null) {
        routes.add("GET " + normalise(socket.value()));
      }
      Path root = type.getAnnotation(Path.class);
      if (root != null && !type.isInterface()
          && !java.lang.reflect.Modifier.isAbstract(type.getModifiers())) {
        routes.addAll(resourceRoutes(type, root.value()));
      }
    }
    for (String route : List.copyOf(routes)) {
      int space = route.indexOf(' ');
      RootAliases.alias(route.substring(space + 1))
          .ifPresent(alias -> routes.add(route.substring(0, space + 1) + alias));
    }
    return routes;
  }

  private static List<String> resourceRoutes(Class<?> type, String root) {
    List<String> routes = new ArrayList<>();
    for (Method method : type.getMethods()) {
      if (method.isBridge()) {
        continue;
      }
      Path sub = method.getAnnotation(Path.class);
      String verb = httpMethod(method);
      if (verb == null) {
        if (sub != null) {
          throw new IllegalStateException("Sub-resource locator " + method
              + ": teach ApplicationRoutes to follow it");
        }
        continue;
      }
      routes.add(verb + " " + normalise(root + "/" + (sub == null ? "" : sub.value())));
    }
    return routes;
  }

  private static String httpMethod(Method method) {
    for (Annotation annotation : method.getAnnotations()) {
      HttpMethod verb = annotation.annotationType().getAnnotation(HttpMethod.class);
      if (verb != null) {
        return verb.value().toUpperCase(Locale.ROOT);
      }
    }
    return null;
  }

  /**
   * One spelling per route: a leading slash, no doubled or trailing slash (the service ignores
   * one), and templates without their regular expressions ({@code {run_id: [^/]+}} is
   * {@code {run_id}}).
   */
  public static String normalise(String path) {
    Matcher template = TEMPLATE.matcher(path);
    StringBuilder out = new StringBuilder();
    while (template.find()) {
      template.appendReplacement(out, Matcher.quoteReplacement("{" + template.group(1) + "}"));
    }
    template.appendTail(out);
    String clean = ("/" + out).replaceAll("/{2,}", "/");
    return clean.length() > 1 && clean.endsWith("/") ? clean.substring(0, clean.length() - 1)
        : clean;
  }

  /** The routes of an OpenAPI document's {@code paths} object, spelled as {@link #ofWar}. */
  public static Set<String> ofDocument(JsonNode document) {
    Set<String> routes = new TreeSet<>();
    Map<String, JsonNode> paths = new TreeMap<>();
    document.path("paths").fields().forEachRemaining(e -> paths.put(e.getKey(), e.getValue()));
    paths.forEach((path, item) -> item.fieldNames().forEachRemaining(key -> {
      if (OpenApiChecks.isOperation(key)) {
        routes.add(key.toUpperCase(Locale.ROOT) + " " + normalise(path));
      }
    }));
    return routes;
  }

}
