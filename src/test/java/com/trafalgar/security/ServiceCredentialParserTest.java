package com.trafalgar.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ServiceCredentialParserTest {

  private static List<ServiceCredential> parse(String json) {
    return ServiceCredentialParser.parse("TEST", json).credentials();
  }

  @Test
  void arrayFormWithCanonicalFields() {
    List<ServiceCredential> entries = parse("""
        [{"identifier": " farm-bot ", "api_key": "k1", "api_secret": "s1",
          "roles": ["render:read", "render:submit"], "description": "CI"}]""");
    assertEquals(1, entries.size());
    ServiceCredential entry = entries.get(0);
    assertEquals("farm-bot", entry.identifier());
    assertEquals(Optional.of("k1"), entry.apiKey());
    assertEquals(Optional.of("s1"), entry.apiSecret());
    assertEquals(Optional.empty(), entry.bearerToken());
    assertEquals(Set.of("render:read", "render:submit"), entry.roles());
    assertEquals(Optional.of("CI"), entry.description());
  }

  @Test
  void everyAlias() {
    List<ServiceCredential> entries = parse("""
        [{"id": "a", "key": "k", "secret": "s", "scopes": "ingest:read"},
         {"name": "b", "token": "t1"},
         {"name": "c", "oauth_token": "t2"},
         {"identifier": "d", "bearer_token": "t3"}]""");
    assertEquals(List.of("a", "b", "c", "d"),
        entries.stream().map(ServiceCredential::identifier).toList());
    assertEquals(Optional.of("k"), entries.get(0).apiKey());
    assertEquals(Optional.of("s"), entries.get(0).apiSecret());
    assertEquals(Set.of("ingest:read"), entries.get(0).roles());
    assertEquals(Optional.of("t1"), entries.get(1).bearerToken());
    assertEquals(Optional.of("t2"), entries.get(2).bearerToken());
    assertEquals(Optional.of("t3"), entries.get(3).bearerToken());
  }

  @Test
  void mappingFormUsesTheKeyUnlessTheEntryNamesItself() {
    List<ServiceCredential> entries = parse("""
        {"from-key": {"token": "t1", "roles": "render:read"},
         "ignored-key": {"id": "own-id", "token": "t2"},
         "numeric-id": {"id": 7, "token": "t3"},
         "not-an-object": "x"}""");
    assertEquals(List.of("from-key", "own-id", "numeric-id"),
        entries.stream().map(ServiceCredential::identifier).toList());
  }

  @Test
  void scopesStringSplitsOnWhitespaceOnly() {
    ServiceCredential entry = parse("""
        [{"id": "x", "token": "t", "roles": "  render:read\\trender:submit,render:manage  "}]""")
        .get(0);
    assertEquals(Set.of("render:read", "render:submit,render:manage"), entry.roles());
  }

  @Test
  void emptyRoleItemsAreDropped() {
    ServiceCredential entry = parse("""
        [{"id": "x", "token": "t", "roles": ["", " ", "review:read", 5]}]""").get(0);
    assertEquals(Set.of("review:read"), entry.roles());
  }

  @Test
  void entriesWithoutIdOrWithoutKeyAndTokenAreSkipped() {
    ServiceCredentialParser.Result result = ServiceCredentialParser.parse("TEST", """
        [{"api_key": "k"}, {"id": "  ", "token": "t"}, {"id": "nokey", "api_secret": "s"},
         {"id": "blank", "key": "   ", "token": ""}, 42, "text", {"id": "ok", "key": "k2"}]""");
    assertEquals(List.of("ok"),
        result.credentials().stream().map(ServiceCredential::identifier).toList());
    assertEquals(6, result.problems().size());
  }

  @Test
  void invalidSourcesContributeNothing() {
    for (String json : new String[] {"not json", "\"a string\"", "42", "null", "[", ""}) {
      ServiceCredentialParser.Result result = ServiceCredentialParser.parse("TEST", json);
      assertTrue(result.credentials().isEmpty(), json);
      assertFalse(result.problems().isEmpty(), json);
    }
  }

  @Test
  void problemsNeverContainSecrets() {
    ServiceCredentialParser.Result result = ServiceCredentialParser.parse("TEST", """
        [{"id": "no-key", "api_secret": "TOP-SECRET-VALUE"}, {"key": "KEY-VALUE"}]""");
    String all = String.join("\n", result.problems());
    assertFalse(all.contains("TOP-SECRET-VALUE"), all);
    assertFalse(all.contains("KEY-VALUE"), all);
  }

  @Test
  void toStringHidesSecrets() {
    ServiceCredential entry = parse("""
        [{"id": "x", "key": "KEY-1", "secret": "SECRET-1", "token": "TOKEN-1"}]""").get(0);
    String text = entry.toString();
    assertFalse(text.contains("KEY-1") || text.contains("SECRET-1") || text.contains("TOKEN-1"));
  }
}
