package com.trafalgar.events;

import com.trafalgar.security.StreamRoutes;
import jakarta.websocket.Endpoint;
import jakarta.websocket.server.ServerApplicationConfig;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.Set;
import java.util.function.Function;

/**
 * Deploys the WebSocket endpoints (API.md 8.6): {@link EventSocket} at each stream path of {@link
 * StreamRoutes}, with the hub it streams. The container finds this class in the WAR and asks it
 * which endpoints to deploy; the root aliases {@code /jobs/ws} and {@code /runs/ws} are not
 * endpoints of their own, the handshake filter hands the runtime the canonical path.
 */
public class EventSocketRoutes implements ServerApplicationConfig {
  @Override
  public Set<ServerEndpointConfig> getEndpointConfigs(Set<Class<? extends Endpoint>> scanned) {
    return Set.of(
        endpoint(StreamRoutes.RENDER_SOCKET, EventStreams::render),
        endpoint(StreamRoutes.INGEST_SOCKET, EventStreams::ingest));
  }

  @Override
  public Set<Class<?>> getAnnotatedEndpointClasses(Set<Class<?>> scanned) {
    return scanned;
  }

  private static ServerEndpointConfig endpoint(String path, Function<EventStreams, StreamHub> hub) {
    // the base configurator asks the container for its default only when used, so the tests
    // that list the routes can build these outside a server
    ServerEndpointConfig config = ServerEndpointConfig.Builder.create(EventSocket.class, path)
        .configurator(new ServerEndpointConfig.Configurator()).build();
    config.getUserProperties().put(EventSocket.PATH, path);
    config.getUserProperties().put(EventSocket.HUB, hub);
    return config;
  }
}
