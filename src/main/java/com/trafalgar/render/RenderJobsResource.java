package com.trafalgar.render;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.trafalgar.http.ApiException;
import com.trafalgar.http.RequestBodies;
import com.trafalgar.http.ValidationError;
import com.trafalgar.http.ValidationException;
import com.trafalgar.json.Json;
import com.trafalgar.text.Text;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.math.BigInteger;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** {@code /render/jobs} and {@code /render/jobs/{job_id}} (API.md 5.3, 5.7–5.10). */
@ApplicationScoped
@Path("render/jobs")
@Produces(MediaType.APPLICATION_JSON)
public class RenderJobsResource {
  /** Fixed segments that are never job ids (1.4). */
  private static final Set<String> RESERVED = Set.of("metrics", "stream", "ws");
  private static final Pattern DECIMAL = Pattern.compile("[+-]?\\d+");

  private final RenderService service;

  @Inject
  public RenderJobsResource(RenderService service) {
    this.service = service;
  }

  /** For CDI proxies and RESTEasy's resource model (it needs a public constructor) only. */
  public RenderJobsResource() {
    this.service = null;
  }

  @POST
  public Response submit(@Context HttpHeaders headers, InputStream body) {
    ObjectNode request = RequestBodies.readObject(headers, body);
    return Response.status(201).entity(service.submit(request)).build();
  }

  @GET
  public ObjectNode list(@QueryParam("limit") List<String> limit,
      @QueryParam("status") List<String> status, @QueryParam("farm") List<String> farm) {
    Integer max = limit(limit);
    ObjectNode body = Json.object();
    body.set("jobs", service.list(max, values(status), values(farm)));
    return body;
  }

  @GET
  @Path("metrics")
  public ObjectNode metrics() {
    return service.metrics();
  }

  @GET
  @Path("{job_id}")
  public ObjectNode job(@PathParam("job_id") String jobId) {
    if (RESERVED.contains(jobId)) {
      throw ApiException.detail(404, "Not Found");
    }
    return service.job(jobId);
  }

  @DELETE
  @Path("{job_id}")
  public ObjectNode cancel(@PathParam("job_id") String jobId) {
    if (RESERVED.contains(jobId)) {
      throw new ApiException(405, ApiException.detailBody("Method Not Allowed"),
          Map.of(HttpHeaders.ALLOW, "GET, HEAD, OPTIONS"));
    }
    return service.cancel(jobId);
  }

  private static Integer limit(List<String> values) {
    if (values == null || values.isEmpty()) {
      return null;
    }
    String raw = Text.trim(values.get(values.size() - 1));
    List<String> loc = List.of("query", "limit");
    if (!DECIMAL.matcher(raw).matches() || raw.length() > 1000) {
      throw new ValidationException(ValidationError.intType(loc));
    }
    BigInteger value = new BigInteger(raw);
    if (value.signum() <= 0) {
      throw new ValidationException(ValidationError.greaterThan(loc, 0));
    }
    return value.min(BigInteger.valueOf(Integer.MAX_VALUE)).intValue();
  }

  private static Set<String> values(List<String> raw) {
    Set<String> values = new LinkedHashSet<>();
    if (raw != null) {
      for (String value : raw) {
        String trimmed = Text.trim(value).toLowerCase(Locale.ROOT);
        if (!trimmed.isEmpty()) {
          values.add(trimmed);
        }
      }
    }
    return values;
  }
}
