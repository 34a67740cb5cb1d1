package com.trafalgar.dashboard;

import com.trafalgar.http.ApiException;
import com.trafalgar.http.HttpErrors;
import com.trafalgar.security.BrowserHeaders;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;

/**
 * {@code GET /} (API.md 4.1) and the page's public assets under {@code /static/} (the JAX-RS
 * application owns {@code /*}, so the assets in {@code src/main/webapp/static} are served here),
 * with the browser headers of {@link BrowserHeaders}.
 */
@ApplicationScoped
@Path("")
public class DashboardPageResource {
  private static final Map<String, String> TYPES =
      Map.of(
          "js", "text/javascript; charset=UTF-8",
          "css", "text/css; charset=UTF-8",
          "html", "text/html; charset=UTF-8",
          "svg", "image/svg+xml",
          "png", "image/png",
          "ico", "image/x-icon",
          "json", "application/json");

  private final Dashboard dashboard;

  @Inject
  public DashboardPageResource(Dashboard dashboard) {
    this.dashboard = dashboard;
  }

  /** For CDI proxies and RESTEasy's resource model (it needs a public constructor) only. */
  public DashboardPageResource() {
    this.dashboard = null;
  }

  @GET
  @Produces("text/html; charset=UTF-8")
  public Response page(@Context ServletContext servletContext) {
    return BrowserHeaders.page(Response.ok(
        DashboardPage.render(dashboard.knownProjects(), servletContext.getContextPath())))
        .build();
  }

  @GET
  @Path("static/{asset: .+}")
  public Response asset(
      @PathParam("asset") String asset, @Context ServletContext servletContext) {
    if (asset.contains("..") || asset.contains("\\") || asset.startsWith("/")) {
      throw ApiException.detail(404, HttpErrors.NOT_FOUND);
    }
    int dot = asset.lastIndexOf('.');
    String type = dot < 0 ? null : TYPES.get(asset.substring(dot + 1).toLowerCase(Locale.ROOT));
    InputStream content = servletContext.getResourceAsStream("/static/" + asset);
    if (content == null || type == null) {
      throw ApiException.detail(404, HttpErrors.NOT_FOUND);
    }
    try (content) {
      return BrowserHeaders.asset(Response.ok(content.readAllBytes(), type))
          .header("Cache-Control", "public, max-age=300")
          .build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
