package com.trafalgar.events;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One published event of a domain (API.md 8.1).
 *
 * @param id the domain's strictly increasing id (8.5)
 * @param name the event name, e.g. {@code job.created}
 * @param payload the JSON payload (it carries {@code "event": name})
 * @param data the payload as compact single-line JSON, serialised once for every subscriber
 */
public record DomainEvent(long id, String name, JsonNode payload, String data) {}
