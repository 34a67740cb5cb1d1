package com.trafalgar.it.streams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.trafalgar.events.DomainEvent;
import com.trafalgar.events.EventCounters;
import com.trafalgar.events.EventDomain;
import com.trafalgar.events.EventDomains;
import com.trafalgar.events.SnapshotSource;
import com.trafalgar.json.Json;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * TEST ONLY, added to the IT archive: stands in for the render and ingest features, which publish
 * the real events once merged. A servlet (not a JAX-RS resource) so the roles matrix, which
 * refuses unknown JAX-RS routes, never sees it.
 *
 * <ul>
 *   <li>{@code POST /__test/publish?domain=render&event=job.created&count=3&pad=0}: publishes
 *       {@code count} events whose payload names the item {@code it-<n>} (padded with
 *       {@code pad} characters) and answers {@code {"ids":[...]}}.
 *   <li>{@code POST /__test/snapshot?domain=render&refresh=job.updated} with a JSON array body:
 *       registers it as the domain's snapshot items; when {@code refresh} is given, every
 *       snapshot refresh publishes that event first (API.md 15, 5.6/8.3).
 *   <li>{@code GET /__test/counters?domain=render}: the domain's counters (8.7).
 * </ul>
 */
@WebServlet("/__test/*")
public class StreamTestServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  @Inject transient EventDomains domains;

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    EventDomain domain = domain(request);
    String item = domain.name().equals("render") ? "job" : "run";
    String idKey = domain.name().equals("render") ? "job_id" : "id";
    ObjectNode answer = Json.object();
    switch (request.getPathInfo()) {
      case "/publish" -> {
        String event = request.getParameter("event");
        int count = Integer.parseInt(request.getParameter("count"));
        String pad = "x".repeat(Integer.parseInt(
            request.getParameter("pad") == null ? "0" : request.getParameter("pad")));
        ArrayNode ids = answer.putArray("ids");
        for (int i = 0; i < count; i++) {
          ObjectNode body = Json.object();
          body.put(idKey, "it-" + i);
          if (!pad.isEmpty()) {
            body.put("pad", pad);
          }
          DomainEvent published = domain.publish(event, EventDomain.payload(item, body));
          ids.add(published.id());
        }
      }
      case "/snapshot" -> {
        JsonNode items = Json.mapper().readTree(request.getInputStream());
        String refreshEvent = request.getParameter("refresh");
        domain.snapshotSource(new SnapshotSource() {
          @Override
          public void refresh() {
            if (refreshEvent != null) {
              ObjectNode body = Json.object();
              body.put(idKey, "refreshed");
              domain.publish(refreshEvent, EventDomain.payload(item, body));
            }
          }

          @Override
          public ArrayNode items() {
            return ((ArrayNode) items).deepCopy();
          }
        });
        answer.put("registered", items.size());
      }
      default -> {
        response.sendError(404);
        return;
      }
    }
    write(response, answer);
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if (!"/counters".equals(request.getPathInfo())) {
      response.sendError(404);
      return;
    }
    EventCounters counters = domain(request).counters();
    write(response, (ObjectNode) Json.tree(counters));
  }

  private EventDomain domain(HttpServletRequest request) {
    return "ingest".equals(request.getParameter("domain")) ? domains.ingest() : domains.render();
  }

  private static void write(HttpServletResponse response, ObjectNode body) throws IOException {
    response.setContentType("application/json");
    response.getOutputStream().write(Json.compact(body).getBytes(
        java.nio.charset.StandardCharsets.UTF_8));
  }
}
