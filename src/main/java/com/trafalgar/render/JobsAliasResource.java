package com.trafalgar.render;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Path;

/** Root alias {@code /jobs} (API.md 1.3): same handlers, same state. */
@RequestScoped
@Path("jobs")
public class JobsAliasResource extends RenderJobsResource {}
