package com.trafalgar.security;

import com.trafalgar.http.RootAliases;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Every route an application declares, found by reflection: each HTTP method of each JAX-RS
 * resource method ({@code @Path} classes, inherited methods included, as the runtime sees them)
 * and each {@code @ServerEndpoint}, each with its root alias. Shared by {@code RouteCoverageTest} (the classes just compiled)
 * and {@code RouteCoverageIT} (the classes inside the built WAR).
 */
public final class RouteScan {
  /** One route: {@code method} is an HTTP method, or {@code WEBSOCKET} for an endpoint. */
  public record Route(String method, String template, Class<?> declaredBy) {
    public boolean webSocket() {
      return method.equals("WEBSOCKET");
    }

    @Override
    public String toString() {
      return method + " " + template + " (" + declaredBy.getName() + ")";
    }
  }

  private final List<Route> routes = new ArrayList<>();
  private final List<String> unsupported = new ArrayList<>();

  private RouteScan() {}

  /** Scans {@code classes}. */
  public static RouteScan of(Iterable<Class<?>> classes) {
    RouteScan scan = new RouteScan();
    for (Class<?> type : classes) {
      scan.add(type);
    }
    return scan;
  }

  /** The classes named by the {@code .class} files under {@code root}, loaded without init. */
  public static List<Class<?>> classesUnder(java.nio.file.Path root, ClassLoader loader) {
    List<Class<?>> classes = new ArrayList<>();
    try (Stream<java.nio.file.Path> files = java.nio.file.Files.walk(root)) {
      for (java.nio.file.Path file : (Iterable<java.nio.file.Path>) files::iterator) {
        String name = root.relativize(file).toString().replace('\\', '/');
        if (name.endsWith(".class") && !name.equals("module-info.class")) {
          String className = name.substring(0, name.length() - 6).replace('/', '.');
          classes.add(Class.forName(className, false, loader));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
    return classes;
  }

  private void add(Class<?> type) {
    if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
      return;
    }
    ServerEndpoint endpoint = type.getAnnotation(ServerEndpoint.class);
    if (endpoint != null) {
      addWithAlias(new Route("WEBSOCKET", endpoint.value(), type));
    }
    if (type.getAnnotation(Path.class) == null) {
      return;
    }
    Set<String> seen = new HashSet<>();
    for (Method method : type.getMethods()) {
      Method annotated = RouteTemplate.annotated(method);
      Set<String> verbs = RouteTemplate.httpMethods(method);
      Optional<String> template = RouteTemplate.of(type, method);
      if (verbs.isEmpty()) {
        if (annotated.isAnnotationPresent(Path.class)) {
          unsupported.add("sub-resource locator " + type.getName() + "." + method.getName()
              + ": the roles matrix cannot see the routes behind it");
        }
        continue;
      }
      for (String verb : verbs) {
        if (seen.add(verb + " " + template.get())) {
          addWithAlias(new Route(verb, template.get(), type));
        }
      }
    }
  }

  /** The route and, when it has one, its root alias (API.md 1.3), served by the same class. */
  private void addWithAlias(Route route) {
    routes.add(route);
    RootAliases.alias(route.template()).ifPresent(alias ->
        routes.add(new Route(route.method(), alias, route.declaredBy())));
  }

  public List<Route> routes() {
    return List.copyOf(routes);
  }

  /**
   * What the roles matrix does not cover: a resource method or endpoint without a rule, a
   * WebSocket endpoint that is not a stream route of {@link StreamRoutes}, a WebSocket path of
   * {@link StreamRoutes} without an endpoint, and routes the scan cannot see.
   */
  public List<String> problems() {
    List<String> problems = new ArrayList<>(unsupported);
    Set<String> endpoints = new TreeSet<>();
    for (Route route : routes) {
      String verb = route.webSocket() ? "GET" : route.method();
      Optional<Access> access = RouteAccessPolicy.lookup(verb, route.template());
      if (access.isEmpty()) {
        problems.add("no roles-matrix rule for " + route);
      }
      if (route.webSocket()) {
        endpoints.add(route.template());
        if (StreamRoutes.webSocketPath(route.template()).isEmpty()) {
          problems.add("WebSocket endpoint missing from StreamRoutes.WEBSOCKET_PATHS: " + route);
        }
        if (access.isPresent() && !access.get().stream()) {
          problems.add("WebSocket endpoint whose rule is not a stream rule: " + route);
        }
      }
    }
    for (String path : StreamRoutes.WEBSOCKET_PATHS) {
      if (!endpoints.contains(path)) {
        problems.add("StreamRoutes.WEBSOCKET_PATHS names " + path + " but no endpoint serves it");
      }
    }
    return problems;
  }
}
