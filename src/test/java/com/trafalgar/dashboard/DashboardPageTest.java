package com.trafalgar.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.trafalgar.security.BrowserHeaders;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The page of API.md 4.1. */
class DashboardPageTest {

  @Test
  void attributesAndLinksForTheExampleProject() {
    String page = DashboardPage.render(List.of("A/B <x>", "beta"), "/ctx");
    assertTrue(page.contains("<h1>OnePiece Production Dashboard</h1>"));
    assertTrue(page.contains("<body data-projects=\"[&quot;A/B &lt;x&gt;&quot;, &quot;beta&quot;]\""
        + " data-base-path=\"/ctx\">"), page);
    assertTrue(page.contains("<li><a href=\"/ctx/projects/A%2FB%20%3Cx%3E\">Summary for"
        + " A/B &lt;x&gt;</a></li>"), page);
    assertTrue(page.contains("<li><a href=\"/ctx/review/projects/A%2FB%20%3Cx%3E/playlists\">"
        + "Review playlists API</a></li>"), page);
  }

  @Test
  void withoutProjectsThePlaceholdersAreCode() {
    String page = DashboardPage.render(List.of(), "");
    assertTrue(page.contains("data-projects=\"[]\" data-base-path=\"\""), page);
    assertTrue(page.contains("<li><code>/projects/&lt;project&gt;</code></li>\n"
        + "<li><code>/projects/&lt;project&gt;/episodes</code></li>\n"
        + "<li><code>/deliveries/&lt;project&gt;</code></li>"), page);
    assertTrue(page.contains("<a href=\"/review/projects/example/playlists\">"), page);
    assertTrue(page.contains("<li><a href=\"/status\">Project status overview</a></li>"), page);
  }

  @Test
  void thePageLoadsItsModuleAndNothingInlineSoItRunsUnderTheContentSecurityPolicy() {
    String page = DashboardPage.render(List.of("alpha"), "/ctx");
    assertTrue(page.contains("<script type=\"module\" src=\"/ctx/static/trafalgar.js\"></script>"),
        page);
    assertTrue(page.contains("<link rel=\"icon\" href=\"/ctx/static/favicon.svg\""), page);
    assertEquals(1, page.split("<script", -1).length - 1, "one script, and it has a src");
    assertTrue(!page.contains(" style=") && !page.contains("<style")
        && !java.util.regex.Pattern.compile(" on[a-z]+=").matcher(page).find(),
        "no inline style or event handler: " + page);
    String policy = BrowserHeaders.CONTENT_SECURITY_POLICY;
    assertTrue(policy.contains("script-src 'self'") && policy.contains("style-src 'self'")
        && policy.contains("frame-ancestors 'none'") && !policy.contains("unsafe"), policy);
  }

  @Test
  void percentEncodingKeepsOnlyUnreservedBytes() {
    assertEquals("a-b.c_d~e%20%2F%C3%A9%25", DashboardPage.percent("a-b.c_d~e /é%"));
  }
}
