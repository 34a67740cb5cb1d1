package com.trafalgar.events;

/**
 * Receives a domain's events in id order, on the publishing thread while the domain's lock is
 * held: implementations must only enqueue, never block or write to a socket.
 */
@FunctionalInterface
public interface EventListener {
  void onEvent(DomainEvent event);
}
