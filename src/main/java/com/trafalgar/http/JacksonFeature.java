package com.trafalgar.http;

import com.fasterxml.jackson.jakarta.rs.json.JacksonJsonProvider;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.ext.Provider;

/** Registers the WAR's Jackson provider explicitly so it is the JSON provider on every server. */
@ApplicationScoped
@Provider
public class JacksonFeature implements Feature {
  @Override
  public boolean configure(FeatureContext context) {
    if (!context.getConfiguration().isRegistered(JacksonJsonProvider.class)) {
      context.register(JacksonJsonProvider.class);
    }
    return true;
  }
}
