package com.trafalgar.apidocs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ApiDocsPageTest {

  @Test
  void pageHasNoInlineScriptOrStyle() {
    String page = ApiDocsPage.render("");
    Matcher script = Pattern.compile("<script([^>]*)>(.*?)</script>", Pattern.DOTALL)
        .matcher(page);
    int scripts = 0;
    while (script.find()) {
      scripts++;
      assertTrue(script.group(1).contains(" src=\""), script.group());
      assertEquals("", script.group(2).trim(), script.group());
    }
    assertEquals(2, scripts);
    assertFalse(page.contains("<style"), page);
    assertFalse(page.contains(" style="), page);
    assertFalse(page.matches("(?s).*\\son[a-z]+=.*"), "no inline event handlers");
    assertTrue(ApiDocsPage.CONTENT_SECURITY_POLICY.startsWith("default-src 'self'"));
  }

  @Test
  void urlsFollowTheContextPathEscaped() {
    String root = ApiDocsPage.render("");
    assertTrue(root.contains("data-openapi-url=\"/openapi\""), root);
    assertTrue(root.contains("src=\"/api-docs/swagger-ui-bundle.js\""), root);
    String nested = ApiDocsPage.render("/a\"b");
    assertTrue(nested.contains("data-openapi-url=\"/a&quot;b/openapi\""), nested);
  }

  @Test
  void servesOnlyThePagesFiles() {
    ApiDocsAssets assets = new ApiDocsAssets("9.9.9");
    assertEquals("/webjars/swagger-ui/9.9.9/swagger-ui-bundle.js",
        assets.find("swagger-ui-bundle.js").orElseThrow().resourcePath());
    assertTrue(assets.find("swagger-ui.css").orElseThrow().contentType().startsWith("text/css"));
    assertEquals("/api-docs/trafalgar-api-docs.js",
        assets.find("trafalgar-api-docs.js").orElseThrow().resourcePath());
    for (String name : new String[] {"index.html", "swagger-initializer.js", "..",
        "../WEB-INF/web.xml", "swagger-ui.js.map", ""}) {
      assertTrue(assets.find(name).isEmpty(), name);
    }
  }

  @Test
  void everyWebJarFileThePageNamesIsInTheWebJar() throws IOException {
    ClassLoader loader = getClass().getClassLoader();
    ApiDocsAssets assets = ApiDocsAssets.fromClassPath(loader);
    for (String name : new String[] {"swagger-ui.css", "index.css", "swagger-ui-bundle.js",
        "favicon-16x16.png", "favicon-32x32.png"}) {
      String path = "META-INF/resources" + assets.find(name).orElseThrow().resourcePath();
      try (InputStream in = loader.getResourceAsStream(path)) {
        assertNotNull(in, path);
      }
    }
  }
}
