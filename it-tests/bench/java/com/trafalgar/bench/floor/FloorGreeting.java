package com.trafalgar.bench.floor;

import jakarta.enterprise.context.ApplicationScoped;

/** The body {@link FloorResource} answers: the bean its constructor injection resolves. */
@ApplicationScoped
public class FloorGreeting {
  public String body() {
    return "{\"service\":\"floor\",\"status\":\"ok\"}";
  }
}
