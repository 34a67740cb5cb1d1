package com.trafalgar.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * Service credentials from a file in the mapping form, concatenated after inline ones, with custom
 * header names, and no dashboard token: dashboard routes answer 503 while service routes work.
 */
@WarTest
class CredentialFileIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    Path file = Path.of("target/it-credentials/service-credentials.json").toAbsolutePath();
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, """
          {"ingest-bot": {"api_key": "file-key", "api_secret": "file-secret",
                          "scopes": "ingest:read"},
           "render-bot": {"identifier": "renderer", "oauth_token": "file-token",
                          "roles": ["render:read"]},
           "dup-of-inline": {"token": "inline-token", "roles": "render:read ingest:read"}}
          """);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Deployments.trafalgar(
        "TRAFALGAR_SERVICE_CREDENTIAL_FILE", file.toString(),
        "TRAFALGAR_SERVICE_CREDENTIALS",
        "[{\"id\": \"inline\", \"token\": \"inline-token\", \"roles\": \"review:read\"}]",
        "TRAFALGAR_API_KEY_HEADER", "X-Studio-Key",
        "TRAFALGAR_API_SECRET_HEADER", "X-Studio-Secret");
  }

  @ArquillianResource Http http;

  @Test
  void dashboardRoutesAre503WithoutTheToken() {
    Http.Answer answer = http.get("/metrics", Http.bearer("file-token"));
    assertEquals(503, answer.status());
    assertEquals("Dashboard authentication token is not configured.",
        answer.json().get("detail").asText());
  }

  @Test
  void fileCredentialsWithCustomHeaders() {
    assertEquals(200, http.get("/ingest/", "x-studio-key", "file-key",
        "X-STUDIO-SECRET", "file-secret").status());
    // the default header names are not credentials any more
    Http.Answer defaultHeaders = http.get("/ingest/", "X-API-Key", "file-key",
        "X-API-Secret", "file-secret");
    assertEquals(401, defaultHeaders.status());
    assertEquals("Authentication credentials were not provided.",
        defaultHeaders.json().get("detail").asText());
    assertEquals(403, http.get("/render/", "X-Studio-Key", "file-key",
        "X-Studio-Secret", "file-secret").status());
    assertEquals(200, http.get("/render/", Http.bearer("file-token")).status());
  }

  @Test
  void inlineEntriesComeFirstAndDuplicatesAreSkipped() {
    // "inline-token" belongs to the inline entry (review:read only); the file's duplicate is skipped
    Http.Answer answer = http.get("/render/", Http.bearer("inline-token"));
    assertEquals(403, answer.status());
    assertEquals("Caller is missing required roles.", answer.json().get("detail").asText());
  }
}
