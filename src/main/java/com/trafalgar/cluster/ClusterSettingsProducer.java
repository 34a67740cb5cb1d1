package com.trafalgar.cluster;

import com.trafalgar.config.ClusterSettings;
import com.trafalgar.config.ConfigReader;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Parses the cluster setting once, so an unusable value is logged once. */
@ApplicationScoped
public class ClusterSettingsProducer {
  @Produces
  @Singleton
  ClusterSettings settings(ConfigReader config) {
    return ClusterSettings.from(config);
  }
}
