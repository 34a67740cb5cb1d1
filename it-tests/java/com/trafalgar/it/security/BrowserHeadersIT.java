package com.trafalgar.it.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.trafalgar.it.Deployments;
import com.trafalgar.it.Http;
import com.trafalgar.it.WarTest;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * The browser headers of the dashboard page and its assets (tracker issue 12), and that the page
 * still works under its Content-Security-Policy: nothing inline for the policy to block.
 */
@WarTest
class BrowserHeadersIT {
  static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; "
      + "img-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
      + "form-action 'self'; frame-ancestors 'none'";

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.trafalgar("TRAFALGAR_DASHBOARD_TOKEN", "headers-token");
  }

  @ArquillianResource Http http;

  @Test
  void thePageAllowsOnlyItsOwnAssetsAndSendsNoReferrer() {
    for (String method : List.of("GET", "HEAD")) {
      Http.Answer page = http.method(method, "/");
      assertEquals(200, page.status(), method);
      assertEquals("text/html", page.mediaType());
      assertEquals(CSP, page.header("Content-Security-Policy"), method);
      assertEquals("no-referrer", page.header("Referrer-Policy"), method);
      assertEquals("nosniff", page.header("X-Content-Type-Options"), method);
      // public: caches may keep it
      assertNull(page.header("Cache-Control"), method);
    }
  }

  @Test
  void thePageHasNothingInlineThePolicyWouldBlock() {
    String html = http.get("/").body();
    assertTrue(html.contains("<script type=\"module\" src=\"/static/trafalgar.js\"></script>"),
        html);
    assertTrue(html.contains("<link rel=\"stylesheet\" href=\"/static/trafalgar.css\">"), html);
    assertFalse(Pattern.compile("<script(?![^>]*\\ssrc=)", Pattern.CASE_INSENSITIVE)
        .matcher(html).find(), "inline script: " + html);
    assertFalse(Pattern.compile("<style|\\sstyle=|\\son[a-z]+=|javascript:",
        Pattern.CASE_INSENSITIVE).matcher(html).find(), "inline style or handler: " + html);
    // the entry module and every module it imports, transitively
    Deque<String> pending = new ArrayDeque<>(List.of("/static/trafalgar.js"));
    Set<String> seen = new HashSet<>();
    Pattern imports = Pattern.compile("from\\s+'\\./(?:modules/)?([a-z-]+\\.js)'");
    while (!pending.isEmpty()) {
      String path = pending.pop();
      if (!seen.add(path)) {
        continue;
      }
      Http.Answer module = http.get(path);
      assertEquals(200, module.status(), path);
      String script = module.body();
      for (String blocked : List.of("eval(", "new Function", "innerHTML", "'style'", "style:",
          "cssText", "http://", "https://")) {
        assertFalse(script.contains(blocked), path + " uses " + blocked);
      }
      Matcher imported = imports.matcher(script);
      while (imported.find()) {
        pending.push("/static/modules/" + imported.group(1));
      }
    }
    assertTrue(seen.size() > 5, "modules read: " + seen);
  }

  @Test
  void assetsAreNotSniffed() {
    for (String asset : List.of("/static/trafalgar.js", "/static/trafalgar.css")) {
      Http.Answer answer = http.get(asset);
      assertEquals(200, answer.status(), asset);
      assertEquals("nosniff", answer.header("X-Content-Type-Options"), asset);
    }
    assertEquals("text/javascript", http.get("/static/trafalgar.js").mediaType());
  }

  @Test
  void onlyCredentialAnswersAreNoStore() {
    assertNull(http.get("/status").header("Cache-Control"));
    assertEquals("no-store", http.get("/metrics").header("Cache-Control"));
    assertEquals("no-store",
        http.get("/metrics", Http.bearer("headers-token")).header("Cache-Control"));
    assertEquals("no-store", http.get("/render/jobs").header("Cache-Control"));
  }
}
