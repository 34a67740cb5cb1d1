package com.trafalgar.http;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;

/**
 * The JAX-RS application at context root {@code /}. Resources and providers are discovered. The
 * Jersey keys switch off Payara's own JSON providers so Jackson from the WAR is the only one
 * (toolchain guide 3); RESTEasy ignores them. Its OpenAPI document is written by hand in
 * {@code META-INF/openapi.yaml}, not derived from annotations (docs/api/README.md).
 */
@ApplicationPath("/")
public class TrafalgarApplication extends Application {
  @Override
  public Map<String, Object> getProperties() {
    return Map.of(
        "jersey.config.server.disableJsonBinding", true,
        "jersey.config.server.disableMoxyJson", true,
        "jersey.config.jsonFeature", "WarJacksonOnly",
        "jersey.config.server.wadl.disableWadl", true);
  }
}
