package com.trafalgar.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class RootAliasesTest {
  @Test
  void everyAliasOfApiSection13MapsToItsCanonicalRoute() {
    assertEquals(Optional.of("/render/farms"), RootAliases.canonical("/farms"));
    assertEquals(Optional.of("/render/jobs"), RootAliases.canonical("/jobs"));
    assertEquals(Optional.of("/render/jobs/metrics"), RootAliases.canonical("/jobs/metrics"));
    assertEquals(Optional.of("/render/jobs/stream"), RootAliases.canonical("/jobs/stream"));
    assertEquals(Optional.of("/render/jobs/ws"), RootAliases.canonical("/jobs/ws"));
    assertEquals(Optional.of("/render/jobs/j-1"), RootAliases.canonical("/jobs/j-1"));
    assertEquals(Optional.of("/ingest/runs"), RootAliases.canonical("/runs"));
    assertEquals(Optional.of("/ingest/runs/r%2F1"), RootAliases.canonical("/runs/r%2F1"));
    assertEquals(Optional.of("/ingest/runs/stream"), RootAliases.canonical("/runs/stream"));
  }

  @Test
  void onlyAWholeLiteralFirstSegmentIsAnAlias() {
    for (String other : new String[] {"/", "", "/jobsx", "/Jobs", "/%6Aobs", "/render/jobs",
        "/status", "jobs", "/farm", "/runs-old/1"}) {
      assertTrue(RootAliases.canonical(other).isEmpty(), other);
    }
  }

  @Test
  void theAliasOfACanonicalRouteIsItsRootSpelling() {
    assertEquals(Optional.of("/jobs/{job_id}"), RootAliases.alias("/render/jobs/{job_id}"));
    assertEquals(Optional.of("/farms"), RootAliases.alias("/render/farms"));
    assertEquals(Optional.of("/runs/ws"), RootAliases.alias("/ingest/runs/ws"));
    assertTrue(RootAliases.alias("/render/health").isEmpty());
    assertTrue(RootAliases.alias("/ingest/runsx").isEmpty());
  }
}
