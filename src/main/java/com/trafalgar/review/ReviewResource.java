package com.trafalgar.review;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The review routes (API.md 7). Authentication ({@code review:read}) is done by the access filter
 * before these run.
 */
@ApplicationScoped
@Path("review/projects/{project}/playlists")
@Produces(MediaType.APPLICATION_JSON)
public class ReviewResource {
  private final ReviewService review;

  @Inject
  public ReviewResource(ReviewService review) {
    this.review = review;
  }

  /** For CDI proxies and RESTEasy's resource model (it needs a public constructor) only. */
  public ReviewResource() {
    this.review = null;
  }

  /** {@code GET /review/projects/{project}/playlists} (7.1). */
  @GET
  public ProjectPlaylists playlists(@PathParam("project") String project) {
    return review.playlists(project);
  }

  /** {@code GET /review/projects/{project}/playlists/{playlist}} (7.2). */
  @GET
  @Path("{playlist}")
  public PlaylistDetail playlist(
      @PathParam("project") String project, @PathParam("playlist") String playlist) {
    return review.playlist(project, playlist);
  }
}
