package com.trafalgar.bench.floor;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Writes the platform floor's WAR: one static file ({@code /index.html}) and {@link
 * ConstantServlet} at {@code /constant}, declared in a metadata-complete {@code web.xml} (no
 * annotation scanning, no CDI: {@code bean-discovery-mode="none"}). What Payara Micro costs with
 * next to nothing deployed. {@link #writeCdiRest} writes the second floor: CDI and JAX-RS with one
 * resource, what any application built on them starts with.
 */
public final class MinimalWar {
  public static final String STATIC_PATH = "/index.html";
  public static final String SERVLET_PATH = "/constant";

  private static final String WEB_XML = """
      <?xml version="1.0" encoding="UTF-8"?>
      <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0"
               metadata-complete="true">
        <servlet>
          <servlet-name>constant</servlet-name>
          <servlet-class>com.trafalgar.bench.floor.ConstantServlet</servlet-class>
        </servlet>
        <servlet-mapping>
          <servlet-name>constant</servlet-name>
          <url-pattern>/constant</url-pattern>
        </servlet-mapping>
      </web-app>
      """;

  private static final String BEANS_XML = """
      <?xml version="1.0" encoding="UTF-8"?>
      <beans xmlns="https://jakarta.ee/xml/ns/jakartaee" version="4.0"
             bean-discovery-mode="none"/>
      """;

  private static final String ANNOTATED_BEANS_XML = """
      <?xml version="1.0" encoding="UTF-8"?>
      <beans xmlns="https://jakarta.ee/xml/ns/jakartaee" version="4.0"
             bean-discovery-mode="annotated"/>
      """;

  private static final List<String> CDI_REST_CLASSES =
      List.of("FloorApplication", "FloorResource", "FloorGreeting");

  private MinimalWar() {}

  /** Writes the WAR to {@code file} (replacing it) and returns it. */
  public static Path write(Path file) throws IOException {
    return war(file, zip -> {
      entry(zip, "index.html",
          "<!doctype html><title>floor</title><p>ok</p>\n".getBytes(StandardCharsets.UTF_8));
      entry(zip, "WEB-INF/web.xml", WEB_XML.getBytes(StandardCharsets.UTF_8));
      entry(zip, "WEB-INF/beans.xml", BEANS_XML.getBytes(StandardCharsets.UTF_8));
      classFile(zip, "ConstantServlet");
    });
  }

  /**
   * Writes the CDI + JAX-RS floor to {@code file}: an {@code Application} at {@code /}, one
   * {@code @ApplicationScoped} resource at {@code GET /render/} with one injected bean, annotated
   * bean discovery as Trafalgar's. Returns the file.
   */
  public static Path writeCdiRest(Path file) throws IOException {
    return war(file, MinimalWar::cdiRest);
  }

  /**
   * Writes the CDI + JAX-RS floor with every library {@code war} bundles ({@code WEB-INF/lib}:
   * Jackson, Flyway, the API page's assets) to {@code file}: what bundling them costs any
   * application's start on the server, which scans every class of a WAR when it deploys it.
   */
  public static Path writeCdiRestWithLibraries(Path file, Path war) throws IOException {
    return war(file, zip -> {
      cdiRest(zip);
      try (ZipFile libraries = new ZipFile(war.toFile())) {
        for (ZipEntry library : Collections.list(libraries.entries())) {
          if (library.getName().startsWith("WEB-INF/lib/") && library.getName().endsWith(".jar")) {
            try (InputStream bytes = libraries.getInputStream(library)) {
              entry(zip, library.getName(), bytes.readAllBytes());
            }
          }
        }
      }
    });
  }

  /** The CDI + JAX-RS floor's own entries: its beans.xml and three classes. */
  private static void cdiRest(ZipOutputStream zip) throws IOException {
    entry(zip, "WEB-INF/beans.xml", ANNOTATED_BEANS_XML.getBytes(StandardCharsets.UTF_8));
    for (String name : CDI_REST_CLASSES) {
      classFile(zip, name);
    }
  }

  /** What goes into one WAR. */
  private interface Contents {
    void write(ZipOutputStream zip) throws IOException;
  }

  /** Writes a WAR of {@code contents} to {@code file} (replacing it) and returns the file. */
  private static Path war(Path file, Contents contents) throws IOException {
    Files.createDirectories(file.getParent());
    try (OutputStream out = Files.newOutputStream(file);
        ZipOutputStream zip = new ZipOutputStream(out)) {
      contents.write(zip);
    }
    return file;
  }

  /** Copies a class of this package by name: the harness need not load it (no EE API to run). */
  private static void classFile(ZipOutputStream zip, String simpleName) throws IOException {
    String path = "com/trafalgar/bench/floor/" + simpleName + ".class";
    try (InputStream bytes = MinimalWar.class.getClassLoader().getResourceAsStream(path)) {
      if (bytes == null) {
        throw new IOException(path + " is not on the harness's class path");
      }
      entry(zip, "WEB-INF/classes/" + path, bytes.readAllBytes());
    }
  }

  private static void entry(ZipOutputStream zip, String name, byte[] content) throws IOException {
    zip.putNextEntry(new ZipEntry(name));
    zip.write(content);
    zip.closeEntry();
  }
}
