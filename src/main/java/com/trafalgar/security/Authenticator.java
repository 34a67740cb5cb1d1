package com.trafalgar.security;

import com.trafalgar.text.Text;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The authentication and authorisation rules of API.md 3.2, 3.5 and 3.7 as plain logic: given what
 * a request carries, decide who the caller is or which error answers it. Transport-neutral, so the
 * JAX-RS filter and the WebSocket handshake filter share it.
 */
public final class Authenticator {
  public static final String TOKEN_NOT_CONFIGURED =
      "Dashboard authentication token is not configured.";
  public static final String INVALID_TOKEN = "Invalid authentication token.";
  public static final String SERVICE_NOT_CONFIGURED =
      "Service authentication has not been configured.";
  public static final String INVALID_BEARER = "Invalid bearer token.";
  public static final String INVALID_API_CREDENTIALS = "Invalid API credentials.";
  public static final String NOT_PROVIDED = "Authentication credentials were not provided.";
  public static final String MISSING_ROLES = "Caller is missing required roles.";

  /** What a request carries that matters for authentication. */
  public record Presented(
      String authorization, String apiKey, String apiSecret, String accessTokenParameter) {}

  /** The decision: a caller, or a status with its {@code detail} message. */
  public record Decision(Optional<Caller> caller, int status, String detail) {
    static Decision allow(Caller caller) {
      return new Decision(Optional.of(caller), 200, null);
    }

    static Decision deny(int status, String detail) {
      return new Decision(Optional.empty(), status, detail);
    }

    public boolean allowed() {
      return caller.isPresent();
    }
  }

  private final CredentialStore store;

  public Authenticator(CredentialStore store) {
    this.store = store;
  }

  public CredentialStore store() {
    return store;
  }

  /** Routes protected by the dashboard token only (API.md 3.2). */
  public Decision dashboard(Presented presented) {
    if (!store.dashboardTokenConfigured()) {
      return Decision.deny(503, TOKEN_NOT_CONFIGURED);
    }
    Optional<String> token = bearer(presented.authorization());
    if (token.isEmpty() || token.get().isEmpty() || !store.isDashboardToken(token.get())) {
      return Decision.deny(401, INVALID_TOKEN);
    }
    return Decision.allow(Caller.OPERATOR);
  }

  /**
   * The soft check of {@code GET /deliveries/{project}}: true only for a valid dashboard token;
   * never an error.
   */
  public boolean hasDashboardToken(String authorization) {
    Optional<String> token = bearer(authorization);
    return token.isPresent() && !token.get().isEmpty() && store.isDashboardToken(token.get());
  }

  /**
   * Render, ingest and review routes (API.md 3.5). {@code streamRoute} allows the
   * {@code access_token} query parameter (3.7).
   */
  public Decision service(Presented presented, Set<String> requiredRoles, boolean streamRoute) {
    if (!store.anyServiceAuthentication()) {
      return Decision.deny(503, SERVICE_NOT_CONFIGURED);
    }
    Optional<String> token =
        bearer(presented.authorization()).filter(value -> !value.isEmpty());
    if (token.isEmpty() && streamRoute && presented.accessTokenParameter() != null) {
      String parameter = Text.trim(presented.accessTokenParameter());
      if (!parameter.isEmpty()) {
        token = Optional.of(parameter);
      }
    }
    Caller caller;
    if (token.isPresent()) {
      if (store.isDashboardToken(token.get())) {
        caller = Caller.OPERATOR;
      } else {
        Optional<CredentialStore.Entry> entry = store.byBearer(token.get());
        if (entry.isEmpty()) {
          return Decision.deny(401, INVALID_BEARER);
        }
        caller = callerOf(entry.get());
      }
    } else if (presented.apiKey() != null && !presented.apiKey().isEmpty()) {
      Optional<CredentialStore.Entry> entry = store.byApiKey(presented.apiKey());
      if (entry.isEmpty() || !secretAccepted(entry.get(), presented.apiSecret())) {
        return Decision.deny(401, INVALID_API_CREDENTIALS);
      }
      caller = callerOf(entry.get());
    } else {
      return Decision.deny(401, NOT_PROVIDED);
    }
    if (!caller.holdsAll(requiredRoles)) {
      return Decision.deny(403, MISSING_ROLES);
    }
    return Decision.allow(caller);
  }

  private static boolean secretAccepted(CredentialStore.Entry entry, String presentedSecret) {
    boolean sent = presentedSecret != null && !presentedSecret.isEmpty();
    if (entry.secretDigest() == null) {
      return !sent;
    }
    return sent && Secrets.matches(presentedSecret, entry.secretDigest());
  }

  private static Caller callerOf(CredentialStore.Entry entry) {
    return new Caller(entry.credential().identifier(), entry.credential().roles());
  }

  /**
   * The token of an {@code Authorization: Bearer ...} header: empty Optional when the header is
   * absent or uses another scheme; an empty string when the scheme is Bearer without a token.
   */
  static Optional<String> bearer(String authorization) {
    if (authorization == null) {
      return Optional.empty();
    }
    String value = Text.trim(authorization);
    if (value.length() < 6 || !value.substring(0, 6).toLowerCase(Locale.ROOT).equals("bearer")) {
      return Optional.empty();
    }
    if (value.length() == 6) {
      return Optional.of("");
    }
    if (!Character.isWhitespace(value.charAt(6))) {
      return Optional.empty(); // e.g. "Bearerxyz": another scheme
    }
    return Optional.of(Text.trim(value.substring(6)));
  }
}
