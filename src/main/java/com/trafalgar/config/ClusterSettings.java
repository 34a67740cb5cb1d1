package com.trafalgar.config;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The clustered mode's one variable (docs/cluster.md), read once.
 *
 * @param dataSource {@code TRAFALGAR_CLUSTER_DATASOURCE} (property {@code
 *     trafalgar.cluster.datasource}): the JNDI name of the container-managed PostgreSQL DataSource,
 *     e.g. {@code java:global/jdbc/trafalgar}; empty (unset) keeps the file store and one instance
 */
public record ClusterSettings(Optional<String> dataSource) {
  static final String NAME = "TRAFALGAR_CLUSTER_DATASOURCE";
  /** A JNDI name: printable, no spaces; anything else is a typo, logged and ignored. */
  private static final Pattern JNDI_NAME = Pattern.compile("[\\x21-\\x7e]{1,255}");

  public static ClusterSettings from(ConfigReader config) {
    Optional<String> name = config.string(NAME);
    if (name.isPresent() && !JNDI_NAME.matcher(name.get()).matches()) {
      config.invalid(NAME, name.get(), "the file store (not clustered)");
      return standalone();
    }
    return new ClusterSettings(name);
  }

  /** Not clustered: the file store, as before issue 14. */
  public static ClusterSettings standalone() {
    return new ClusterSettings(Optional.empty());
  }

  public boolean clustered() {
    return dataSource.isPresent();
  }
}
