package com.trafalgar.render;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Path;

/** Root alias {@code /farms} (API.md 1.3). */
@RequestScoped
@Path("farms")
public class FarmsAliasResource extends RenderFarmsResource {}
