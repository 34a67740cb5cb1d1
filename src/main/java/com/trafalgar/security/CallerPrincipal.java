package com.trafalgar.security;

import java.security.Principal;

/**
 * The authenticated {@link Caller} of a WebSocket upgrade, handed to the WebSocket runtime as the
 * request's user principal so that the endpoint sees it as {@code Session.getUserPrincipal()}.
 *
 * @param caller who was authenticated before the upgrade
 */
public record CallerPrincipal(Caller caller) implements Principal {
  @Override
  public String getName() {
    return caller.identifier();
  }
}
