package com.trafalgar.http;

/** The generic {@code detail} messages of API.md 2.2, by status. */
public final class HttpErrors {
  public static final String NOT_FOUND = "Not Found";
  public static final String METHOD_NOT_ALLOWED = "Method Not Allowed";
  public static final String BODY_TOO_LARGE = "Request body exceeds the 1 MiB limit.";
  public static final String UNSUPPORTED_MEDIA_TYPE = "Unsupported Media Type";
  public static final String INTERNAL = "Internal Server Error";
  public static final String BODY_INCOMPLETE =
      "Request body incomplete: fewer bytes arrived than declared before the read timed out.";

  private HttpErrors() {}

  /** The message the service uses for a status it did not choose a route-specific text for. */
  public static String messageFor(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> NOT_FOUND;
      case 405 -> METHOD_NOT_ALLOWED;
      case 406 -> "Not Acceptable";
      case 408 -> "Request Timeout";
      case 413 -> BODY_TOO_LARGE;
      case 414 -> "URI Too Long";
      case 415 -> UNSUPPORTED_MEDIA_TYPE;
      case 422 -> "Unprocessable Entity";
      case 501 -> "Not Implemented";
      case 502 -> "Bad Gateway";
      case 503 -> "Service Unavailable";
      default -> status >= 500 ? INTERNAL : "Error";
    };
  }
}
