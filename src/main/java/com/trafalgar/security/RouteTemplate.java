package com.trafalgar.security;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The route a JAX-RS resource method serves, as the roles matrix reads it: class and method
 * {@code @Path} joined, with each template variable reduced to its name ({@code
 * /render/jobs/{job_id}}, {@code /static/{asset}}). Access is decided on this, the route the
 * runtime actually matched, never on how the request spelled its path: percent-encoded letters,
 * {@code ;parameters}, dot-segments or doubled slashes then cannot lead to a different rule than
 * the one of the method that runs.
 */
public final class RouteTemplate {
  private RouteTemplate() {}

  /**
   * The route of {@code method} on {@code resourceClass}; empty when the class (or a superclass,
   * for container proxies) carries no {@code @Path}.
   */
  public static Optional<String> of(Class<?> resourceClass, Method method) {
    Path classPath = null;
    for (Class<?> type = resourceClass; type != null && classPath == null;
        type = type.getSuperclass()) {
      classPath = type.getAnnotation(Path.class);
    }
    if (classPath == null || method == null) {
      return Optional.empty();
    }
    Path methodPath = annotated(method).getAnnotation(Path.class);
    String joined = "/" + classPath.value() + "/" + (methodPath == null ? "" : methodPath.value());
    return Optional.of(normalise(joined));
  }

  /** The HTTP methods {@code method} is designated for ({@code @GET}, {@code @HEAD}, ...). */
  public static Set<String> httpMethods(Method method) {
    return designators(annotated(method));
  }

  /**
   * The method whose JAX-RS annotations apply to {@code method}: itself, or, when it has none, the
   * method it overrides that has them (JAX-RS 3.1, section 3.6, annotation inheritance).
   */
  public static Method annotated(Method method) {
    if (isAnnotated(method)) {
      return method;
    }
    Class<?> declaring = method.getDeclaringClass();
    List<Class<?>> supertypes = new ArrayList<>(List.of(declaring.getInterfaces()));
    if (declaring.getSuperclass() != null) {
      supertypes.add(0, declaring.getSuperclass());
    }
    for (Class<?> type : supertypes) {
      try {
        Method overridden = annotated(type.getMethod(method.getName(), method.getParameterTypes()));
        if (isAnnotated(overridden)) {
          return overridden;
        }
      } catch (NoSuchMethodException notThere) {
        // not declared by this supertype
      }
    }
    return method;
  }

  private static boolean isAnnotated(Method method) {
    return method.isAnnotationPresent(Path.class) || !designators(method).isEmpty();
  }

  private static Set<String> designators(Method method) {
    Set<String> verbs = new TreeSet<>();
    for (Annotation annotation : method.getAnnotations()) {
      HttpMethod verb = annotation.annotationType().getAnnotation(HttpMethod.class);
      if (verb != null) {
        verbs.add(verb.value());
      }
    }
    return verbs;
  }

  /** Collapses repeated slashes, drops a trailing one, and names variables without regexes. */
  static String normalise(String template) {
    StringBuilder out = new StringBuilder(template.length());
    int i = 0;
    while (i < template.length()) {
      char c = template.charAt(i);
      if (c == '{') {
        // {name} or {name: regex}; the regex may hold braces of its own
        int depth = 1;
        int end = i + 1;
        int colon = -1;
        while (end < template.length() && depth > 0) {
          char d = template.charAt(end);
          if (d == '{') {
            depth++;
          } else if (d == '}') {
            depth--;
          } else if (d == ':' && depth == 1 && colon < 0) {
            colon = end;
          }
          end++;
        }
        int nameEnd = colon >= 0 ? colon : end - 1;
        out.append('{').append(template.substring(i + 1, nameEnd).trim()).append('}');
        i = end;
        continue;
      }
      if (c != '/' || out.length() == 0 || out.charAt(out.length() - 1) != '/') {
        out.append(c);
      }
      i++;
    }
    String path = out.toString();
    return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }
}
