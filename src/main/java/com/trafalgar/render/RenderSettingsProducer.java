package com.trafalgar.render;

import com.trafalgar.config.ConfigReader;
import com.trafalgar.config.RenderSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Parses the render settings once, so each unusable value is logged once (API.md 10). */
@ApplicationScoped
public class RenderSettingsProducer {
  @Produces
  @Singleton
  RenderSettings settings(ConfigReader config) {
    return RenderSettings.from(config);
  }
}
