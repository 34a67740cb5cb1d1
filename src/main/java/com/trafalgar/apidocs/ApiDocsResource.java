package com.trafalgar.apidocs;

import com.trafalgar.http.ApiException;
import com.trafalgar.http.HttpErrors;
import jakarta.enterprise.context.ApplicationScoped;
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

/**
 * {@code GET /api-docs/}: the human page for the OpenAPI document, and its files (the JAX-RS
 * application owns {@code /*}, so the container's default servlet never sees them).
 */
@ApplicationScoped
@Path("api-docs")
public class ApiDocsResource {
  /** Read once, on first use (not while CDI builds the bean's proxy). */
  private static final class Assets {
    static final ApiDocsAssets INSTANCE =
        ApiDocsAssets.fromClassPath(ApiDocsResource.class.getClassLoader());
  }

  @GET
  @Produces("text/html; charset=UTF-8")
  public Response page(@Context ServletContext servletContext) {
    return Response.ok(ApiDocsPage.render(servletContext.getContextPath()))
        .header("Content-Security-Policy", ApiDocsPage.CONTENT_SECURITY_POLICY)
        .header("Cache-Control", "no-cache")
        .build();
  }

  @GET
  @Path("{asset}")
  public Response asset(@PathParam("asset") String name,
      @Context ServletContext servletContext) {
    ApiDocsAssets.Asset asset = Assets.INSTANCE.find(name)
        .orElseThrow(() -> ApiException.detail(404, HttpErrors.NOT_FOUND));
    InputStream content = servletContext.getResourceAsStream(asset.resourcePath());
    if (content == null) {
      throw ApiException.detail(404, HttpErrors.NOT_FOUND);
    }
    try (content) {
      return Response.ok(content.readAllBytes(), asset.contentType())
          .header("Cache-Control", "public, max-age=3600")
          .build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
