package com.trafalgar.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClusterSettingsTest {
  private static ClusterSettings of(Map<String, String> values) {
    return ClusterSettings.from(new ConfigReader(name -> Optional.ofNullable(values.get(name))));
  }

  @Test
  void unsetIsTheFileStore() {
    assertFalse(of(Map.of()).clustered());
    assertFalse(of(Map.of("TRAFALGAR_CLUSTER_DATASOURCE", "  ")).clustered());
  }

  @Test
  void theVariableOrThePropertyNamesTheDataSource() {
    assertEquals(Optional.of("java:global/jdbc/trafalgar"),
        of(Map.of("TRAFALGAR_CLUSTER_DATASOURCE", " java:global/jdbc/trafalgar ")).dataSource());
    assertTrue(of(Map.of("trafalgar.cluster.datasource", "jdbc/trafalgar")).clustered());
  }

  @Test
  void aNameWithSpacesIsIgnored() {
    assertFalse(of(Map.of("TRAFALGAR_CLUSTER_DATASOURCE", "jdbc/my pool")).clustered());
  }
}
