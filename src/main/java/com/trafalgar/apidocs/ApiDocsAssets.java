package com.trafalgar.apidocs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Which files {@code /api-docs/} serves and where each comes from: the page's own start script
 * from the WAR ({@code src/main/webapp/api-docs/}), Swagger UI's files from its WebJar
 * ({@code META-INF/resources/webjars/swagger-ui/<version>/} inside {@code WEB-INF/lib}). Only the
 * files the page uses are served; the WebJar's own {@code index.html} and initializer (which
 * would open the Petstore example) are not.
 */
public final class ApiDocsAssets {
  /** A servable file: its path for {@code ServletContext.getResourceAsStream} and its type. */
  public record Asset(String resourcePath, String contentType) {}

  private static final String OWN = "/api-docs/";
  private static final Map<String, String> OWN_FILES =
      Map.of("trafalgar-api-docs.js", "text/javascript; charset=UTF-8");
  private static final Map<String, String> WEBJAR_FILES =
      Map.of(
          "swagger-ui.css", "text/css; charset=UTF-8",
          "index.css", "text/css; charset=UTF-8",
          "swagger-ui-bundle.js", "text/javascript; charset=UTF-8",
          "favicon-16x16.png", "image/png",
          "favicon-32x32.png", "image/png");
  private static final String POM =
      "META-INF/maven/org.webjars/swagger-ui/pom.properties";

  private final String webjarRoot;

  /** @param swaggerUiVersion the version directory inside the WebJar */
  public ApiDocsAssets(String swaggerUiVersion) {
    this.webjarRoot = "/webjars/swagger-ui/" + swaggerUiVersion + "/";
  }

  /** Reads the WebJar's version from its Maven metadata on the class path. */
  public static ApiDocsAssets fromClassPath(ClassLoader loader) {
    try (InputStream in = loader.getResourceAsStream(POM)) {
      if (in == null) {
        throw new IllegalStateException("The Swagger UI WebJar is missing (" + POM + ")");
      }
      Properties pom = new Properties();
      pom.load(in);
      return new ApiDocsAssets(pom.getProperty("version"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The file named {@code name} (a bare file name), or empty when the page has no such file. */
  public Optional<Asset> find(String name) {
    if (OWN_FILES.containsKey(name)) {
      return Optional.of(new Asset(OWN + name, OWN_FILES.get(name)));
    }
    if (WEBJAR_FILES.containsKey(name)) {
      return Optional.of(new Asset(webjarRoot + name, WEBJAR_FILES.get(name)));
    }
    return Optional.empty();
  }
}
