package com.trafalgar.apidocs;

/**
 * The HTML of {@code GET /api-docs/}: Swagger UI over the document at {@code /openapi}. The page
 * holds no inline script or style (it is served under a {@code 'self'} Content-Security-Policy);
 * {@code trafalgar-api-docs.js} reads the document's URL from {@code data-openapi-url}.
 */
public final class ApiDocsPage {
  /** What the page may load: its own files, plus the inline SVG icons of Swagger UI's CSS. */
  public static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
          + "frame-ancestors 'none'";

  private ApiDocsPage() {}

  /** @param basePath the servlet context path ({@code ""} at the root) */
  public static String render(String basePath) {
    String base = html(basePath);
    return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        + "<title>Trafalgar API</title>\n"
        + "<link rel=\"stylesheet\" href=\"" + base + "/api-docs/swagger-ui.css\">\n"
        + "<link rel=\"stylesheet\" href=\"" + base + "/api-docs/index.css\">\n"
        + "<link rel=\"icon\" type=\"image/png\" href=\"" + base
        + "/api-docs/favicon-32x32.png\" sizes=\"32x32\">\n"
        + "</head>\n"
        + "<body data-openapi-url=\"" + base + "/openapi\">\n"
        + "<div id=\"swagger-ui\"><noscript><p>This page needs JavaScript. The document itself is "
        + "at <a href=\"" + base + "/openapi\">/openapi</a>.</p></noscript></div>\n"
        + "<script src=\"" + base + "/api-docs/swagger-ui-bundle.js\"></script>\n"
        + "<script src=\"" + base + "/api-docs/trafalgar-api-docs.js\"></script>\n"
        + "</body>\n</html>\n";
  }

  static String html(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
