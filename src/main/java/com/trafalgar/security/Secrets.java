package com.trafalgar.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Constant-time secret comparison. Both sides are hashed first so neither the content nor the
 * length of a configured secret leaks through timing.
 */
public final class Secrets {
  private Secrets() {}

  /** SHA-256 of the UTF-8 text; what the credential store keeps instead of the secret. */
  public static byte[] digest(String secret) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }

  /** Constant-time comparison of a presented secret with a stored digest. */
  public static boolean matches(String presented, byte[] storedDigest) {
    if (presented == null || storedDigest == null) {
      return false;
    }
    return MessageDigest.isEqual(digest(presented), storedDigest);
  }

  /** Constant-time comparison of two secrets. */
  public static boolean equal(String a, String b) {
    if (a == null || b == null) {
      return false;
    }
    return MessageDigest.isEqual(digest(a), digest(b));
  }
}
