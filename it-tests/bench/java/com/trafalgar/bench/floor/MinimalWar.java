package com.trafalgar.bench.floor;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes the platform floor's WAR: one static file ({@code /index.html}) and {@link
 * ConstantServlet} at {@code /constant}, declared in a metadata-complete {@code web.xml} (no
 * annotation scanning, no CDI: {@code bean-discovery-mode="none"}). What Payara Micro costs with
 * next to nothing deployed.
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

  private MinimalWar() {}

  /** Writes the WAR to {@code file} (replacing it) and returns it. */
  public static Path write(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    try (OutputStream out = Files.newOutputStream(file);
        ZipOutputStream zip = new ZipOutputStream(out)) {
      entry(zip, "index.html",
          "<!doctype html><title>floor</title><p>ok</p>\n".getBytes(StandardCharsets.UTF_8));
      entry(zip, "WEB-INF/web.xml", WEB_XML.getBytes(StandardCharsets.UTF_8));
      entry(zip, "WEB-INF/beans.xml", BEANS_XML.getBytes(StandardCharsets.UTF_8));
      // by name: the harness need not load a Servlet class (no Servlet API at run time)
      String servlet = "com/trafalgar/bench/floor/ConstantServlet.class";
      try (InputStream bytes = MinimalWar.class.getClassLoader().getResourceAsStream(servlet)) {
        if (bytes == null) {
          throw new IOException(servlet + " is not on the harness's class path");
        }
        entry(zip, "WEB-INF/classes/" + servlet, bytes.readAllBytes());
      }
    }
    return file;
  }

  private static void entry(ZipOutputStream zip, String name, byte[] content) throws IOException {
    zip.putNextEntry(new ZipEntry(name));
    zip.write(content);
    zip.closeEntry();
  }
}
