package com.trafalgar.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.trafalgar.config.ConfigReader;
import com.trafalgar.config.SecuritySettings;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AuthenticatorTest {
  private static final Set<String> READ = Set.of(Role.RENDER_READ);

  private static Authenticator authenticator(Map<String, String> settings) {
    ConfigReader config = new ConfigReader(name -> Optional.ofNullable(settings.get(name)));
    return new Authenticator(CredentialStore.load(SecuritySettings.from(config)));
  }

  private static final Authenticator CONFIGURED = authenticator(Map.of(
      "TRAFALGAR_DASHBOARD_TOKEN", "dash",
      "TRAFALGAR_SERVICE_CREDENTIALS", """
          [{"id": "reader", "key": "rk", "secret": "rs", "roles": "render:read"},
           {"id": "nosecret", "key": "nk", "roles": "render:read"},
           {"id": "bot", "token": "bt", "roles": ["render:submit"]},
           {"id": "dup", "key": "rk", "roles": "render:manage"}]"""));

  private static Authenticator.Presented bearer(String value) {
    return new Authenticator.Presented(value, null, null, null);
  }

  private static Authenticator.Presented key(String key, String secret) {
    return new Authenticator.Presented(null, key, secret, null);
  }

  @Test
  void dashboardTokenRules() {
    assertEquals(503, authenticator(Map.of()).dashboard(bearer("Bearer x")).status());
    assertEquals(503,
        authenticator(Map.of("TRAFALGAR_DASHBOARD_TOKEN", "   ")).dashboard(bearer(null))
            .status());
    for (String header : new String[] {null, "", "Bearer", "Bearer   ", "Basic dash",
        "Bearer dash2", "Bearerdash", "Token dash"}) {
      Authenticator.Decision decision = CONFIGURED.dashboard(bearer(header));
      assertEquals(401, decision.status(), String.valueOf(header));
      assertEquals("Invalid authentication token.", decision.detail());
    }
    for (String header : new String[] {"Bearer dash", "bearer dash", "BEARER   dash  ",
        "  Bearer dash"}) {
      assertTrue(CONFIGURED.dashboard(bearer(header)).allowed(), header);
    }
    // service bearer tokens are not the dashboard token (15)
    assertEquals(401, CONFIGURED.dashboard(bearer("Bearer bt")).status());
  }

  @Test
  void nothingConfiguredIs503OnServiceRoutes() {
    Authenticator.Decision decision = authenticator(Map.of()).service(bearer("Bearer x"), READ,
        false);
    assertEquals(503, decision.status());
    assertEquals("Service authentication has not been configured.", decision.detail());
  }

  @Test
  void onlyServiceCredentialsConfiguredIsEnough() {
    Authenticator onlyService = authenticator(Map.of("TRAFALGAR_SERVICE_CREDENTIALS",
        "[{\"id\": \"r\", \"token\": \"t\", \"roles\": \"render:read\"}]"));
    assertTrue(onlyService.service(bearer("Bearer t"), READ, false).allowed());
    assertEquals(503, onlyService.dashboard(bearer("Bearer t")).status());
  }

  @Test
  void operatorHoldsEveryRole() {
    Authenticator.Decision decision = CONFIGURED.service(bearer("Bearer dash"),
        Set.of(Role.RENDER_MANAGE, Role.INGEST_READ, Role.REVIEW_READ, Role.ADMIN), false);
    assertTrue(decision.allowed());
    assertEquals(Caller.OPERATOR, decision.caller().get());
  }

  @Test
  void bearerRules() {
    assertEquals("bot",
        CONFIGURED.service(bearer("Bearer bt"), Set.of(Role.RENDER_SUBMIT), false).caller()
            .get().identifier());
    Authenticator.Decision wrong = CONFIGURED.service(
        new Authenticator.Presented("Bearer nope", "rk", "rs", null), READ, false);
    assertEquals(401, wrong.status());
    assertEquals("Invalid bearer token.", wrong.detail());
    // another scheme or an empty bearer is ignored: the API key decides
    assertTrue(CONFIGURED.service(new Authenticator.Presented("Basic abc", "rk", "rs", null),
        READ, false).allowed());
    assertTrue(CONFIGURED.service(new Authenticator.Presented("Bearer  ", "rk", "rs", null),
        READ, false).allowed());
  }

  @Test
  void apiKeyRules() {
    assertTrue(CONFIGURED.service(key("rk", "rs"), READ, false).allowed());
    assertTrue(CONFIGURED.service(key("nk", null), READ, false).allowed());
    assertTrue(CONFIGURED.service(key("nk", ""), READ, false).allowed());
    for (Authenticator.Presented presented : List.of(key("rk", null), key("rk", "wrong"),
        key("nk", "unexpected"), key("unknown", null))) {
      Authenticator.Decision decision = CONFIGURED.service(presented, READ, false);
      assertEquals(401, decision.status());
      assertEquals("Invalid API credentials.", decision.detail());
    }
  }

  @Test
  void duplicateKeyKeepsTheFirstEntry() {
    Authenticator.Decision decision = CONFIGURED.service(key("rk", "rs"),
        Set.of(Role.RENDER_MANAGE), false);
    assertEquals(403, decision.status());
  }

  @Test
  void noCredentialsAndMissingRoles() {
    Authenticator.Decision none = CONFIGURED.service(key(null, null), READ, false);
    assertEquals(401, none.status());
    assertEquals("Authentication credentials were not provided.", none.detail());
    Authenticator.Decision forbidden = CONFIGURED.service(bearer("Bearer bt"), READ, false);
    assertEquals(403, forbidden.status());
    assertEquals("Caller is missing required roles.", forbidden.detail());
  }

  @Test
  void accessTokenCountsOnStreamRoutesOnlyAndHeaderWins() {
    Authenticator.Presented query = new Authenticator.Presented(null, null, null, "dash");
    assertTrue(CONFIGURED.service(query, READ, true).allowed());
    assertEquals(401, CONFIGURED.service(query, READ, false).status());
    Authenticator.Presented both = new Authenticator.Presented("Bearer bt", null, null, "dash");
    assertEquals(403, CONFIGURED.service(both, READ, true).status());
    Authenticator.Presented blank = new Authenticator.Presented(null, null, null, "  ");
    assertEquals(401, CONFIGURED.service(blank, READ, true).status());
  }

  @Test
  void bearerParsing() {
    assertEquals(Optional.empty(), Authenticator.bearer(null));
    assertEquals(Optional.empty(), Authenticator.bearer("Basic x"));
    assertEquals(Optional.of(""), Authenticator.bearer("Bearer"));
    assertEquals(Optional.of(""), Authenticator.bearer("bearer    "));
    assertEquals(Optional.of("a b"), Authenticator.bearer("Bearer  a b "));
    assertFalse(Authenticator.bearer("Bearerx").isPresent());
  }

  @Test
  void secretsCompareByDigest() {
    assertTrue(Secrets.equal("abc", "abc"));
    assertFalse(Secrets.equal("abc", "abd"));
    assertFalse(Secrets.equal("abc", "abcd"));
    assertFalse(Secrets.equal(null, "abc"));
    assertTrue(Secrets.matches("abc", Secrets.digest("abc")));
    assertFalse(Secrets.matches("abc", null));
  }
}
