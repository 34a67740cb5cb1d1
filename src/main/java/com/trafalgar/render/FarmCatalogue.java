package com.trafalgar.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.trafalgar.json.Json;
import com.trafalgar.render.farm.FarmCapabilities;
import com.trafalgar.render.farm.RenderFarmRegistry;
import com.trafalgar.render.farm.RenderFarmRegistry.Registration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The farm catalogue of {@code GET /render/farms} (API.md 5.2): every registered farm with its
 * description and capabilities, asked of its adapter within the call deadline. A farm that cannot
 * answer is still listed, without metadata.
 */
final class FarmCatalogue {
  private static final Logger LOG = Logger.getLogger(FarmCatalogue.class.getName());

  private final RenderFarmRegistry registry;
  private final FarmCalls calls;

  FarmCatalogue(RenderFarmRegistry registry, FarmCalls calls) {
    this.registry = registry;
    this.calls = calls;
  }

  /** {@code {"farms": [...]}} (5.2), sorted by name. */
  ObjectNode farms() {
    ObjectNode body = Json.object();
    ArrayNode farms = body.putArray("farms");
    for (Registration farm : registry.registrations()) {
      ObjectNode node = farms.addObject();
      node.put("name", farm.name());
      String description = null;
      FarmCapabilities capabilities = null;
      try {
        description = calls.call(farm.adapter(), farm.adapter()::description);
        capabilities = calls.call(farm.adapter(), farm::effectiveCapabilities);
      } catch (Exception e) {
        LOG.log(Level.WARNING, "Capabilities of render farm '" + farm.name()
            + "' are unavailable; describing it without metadata", e);
      }
      node.put("description", description != null ? description
          : "Render farm adapter registered as '" + farm.name() + "'.");
      node.set("capabilities", describe(capabilities));
    }
    return body;
  }

  /** The {@code capabilities} object of one farm; all {@code null} when unknown. */
  static ObjectNode describe(FarmCapabilities capabilities) {
    FarmCapabilities caps = capabilities != null ? capabilities
        : new FarmCapabilities(null, null, null, false, null, null, null, false);
    ObjectNode node = Json.object();
    ObjectNode priority = node.putObject("priority");
    priority.put("default", capabilities == null ? null
        : caps.defaultPriority() != null ? caps.defaultPriority() : Integer.valueOf(50));
    priority.put("minimum", caps.priorityMin());
    priority.put("maximum", caps.priorityMax());
    ObjectNode chunking = node.putObject("chunking");
    chunking.put("enabled", caps.chunkingEnabled());
    chunking.put("minimum", caps.chunkSizeMin());
    chunking.put("maximum", caps.chunkSizeMax());
    chunking.put("default", caps.chunkingEnabled() ? caps.defaultChunkSize() : null);
    node.putObject("cancellation").put("supported", caps.cancellationSupported());
    return node;
  }
}
