package com.trafalgar.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.trafalgar.json.Json;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/** Hands the service's one Jackson configuration ({@link Json}) to the JAX-RS provider. */
@ApplicationScoped
@Provider
public class ObjectMapperResolver implements ContextResolver<ObjectMapper> {
  @Override
  public ObjectMapper getContext(Class<?> type) {
    return Json.mapper();
  }
}
