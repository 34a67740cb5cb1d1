package com.trafalgar.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.trafalgar.json.Json;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/**
 * Hands the service's one Jackson configuration ({@link Json}) to the JAX-RS provider. Not a CDI
 * bean, unlike the other providers: Jersey (Payara) does not find a context resolver that CDI
 * proxies, and Jackson then writes records with its default (camelCase) mapper.
 */
@Provider
public class ObjectMapperResolver implements ContextResolver<ObjectMapper> {
  @Override
  public ObjectMapper getContext(Class<?> type) {
    return Json.mapper();
  }
}
