package com.trafalgar.dashboard;

import com.trafalgar.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The HTML of {@code GET /} (API.md 4.1): heading, {@code <body data-projects data-base-path>} and
 * the navigation list for the example project. The panels, the token form and the event feed
 * are drawn by the ES module {@code /static/trafalgar.js} and its imports (docs/browser-page.md).
 */
public final class DashboardPage {
  private DashboardPage() {}

  /**
   * @param knownProjects sorted by code point; the first is the example project
   * @param basePath the servlet context path ({@code ""} at the root)
   */
  public static String render(List<String> knownProjects, String basePath) {
    String base = html(basePath);
    String example = knownProjects.isEmpty() ? null : knownProjects.get(0);
    StringBuilder page = new StringBuilder(4096);
    page.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>OnePiece Production Dashboard</title>\n")
        .append("<link rel=\"icon\" href=\"").append(base)
        .append("/static/favicon.svg\" type=\"image/svg+xml\">\n")
        .append("<link rel=\"stylesheet\" href=\"").append(base)
        .append("/static/trafalgar.css\">\n")
        .append("<script type=\"module\" src=\"").append(base)
        .append("/static/trafalgar.js\"></script>\n</head>\n")
        .append("<body data-projects=\"").append(html(projectsJson(knownProjects)))
        .append("\" data-base-path=\"").append(base).append("\">\n")
        .append("<header><h1>OnePiece Production Dashboard</h1></header>\n")
        .append("<nav>\n<ul>\n");
    link(page, "Project status overview", base + "/status");
    if (example == null) {
      page.append("<li><code>/projects/&lt;project&gt;</code></li>\n")
          .append("<li><code>/projects/&lt;project&gt;/episodes</code></li>\n")
          .append("<li><code>/deliveries/&lt;project&gt;</code></li>\n");
    } else {
      String p = percent(example);
      link(page, "Summary for " + example, base + "/projects/" + p);
      link(page, "Episode breakdown for " + example, base + "/projects/" + p + "/episodes");
      link(page, "Deliveries for " + example, base + "/deliveries/" + p);
    }
    link(page, "Reconciliation mismatches", base + "/errors");
    link(page, "Mismatch summary", base + "/errors/summary");
    link(page, "Review playlists API",
        base + "/review/projects/" + (example == null ? "example" : percent(example))
            + "/playlists");
    page.append("</ul>\n</nav>\n")
        .append("<noscript><p>Live cards need JavaScript; the links above work without it.</p>")
        .append("</noscript>\n")
        .append("</body>\n</html>\n");
    return page.toString();
  }

  private static void link(StringBuilder page, String text, String href) {
    // href is already percent-encoded where needed; escaping keeps it a valid attribute
    page.append("<li><a href=\"").append(html(href)).append("\">").append(html(text))
        .append("</a></li>\n");
  }

  /** The known projects as a JSON array with {@code ", "} between elements. */
  static String projectsJson(List<String> projects) {
    StringBuilder json = new StringBuilder("[");
    for (int i = 0; i < projects.size(); i++) {
      if (i > 0) {
        json.append(", ");
      }
      json.append(Json.compact(projects.get(i)));
    }
    return json.append(']').toString();
  }

  /** Percent-encodes every UTF-8 byte except {@code A-Z a-z 0-9 - . _ ~} (4.1). */
  public static String percent(String value) {
    StringBuilder out = new StringBuilder();
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
          || c == '-' || c == '.' || c == '_' || c == '~') {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return out.toString();
  }

  /** HTML-escapes text and attribute values. */
  public static String html(String value) {
    StringBuilder out = new StringBuilder(value.length() + 16);
    for (char c : value.toCharArray()) {
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#x27;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
