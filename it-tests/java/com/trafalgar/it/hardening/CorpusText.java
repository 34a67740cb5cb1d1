package com.trafalgar.it.hardening;

import com.trafalgar.it.hardening.RawExchange.Piece;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the text of a corpus field into the bytes that go on the wire (docs/testing.md, "The
 * adversarial corpus"). Characters are written as UTF-8; escapes {@code \r \n \t \0 \s \\ \" \)
 * \$ \xHH} write one byte each ({@code \xff} is how invalid UTF-8 is written); macros {@code
 * $(name args)} expand to bytes or, for {@code pause}, to a pause between two writes. A JSON
 * unicode escape (backslash, u, four hex digits) is written as it stands.
 */
final class CorpusText {
  /** What the macros that depend on the running server expand to. */
  interface Context {
    /** {@code token}, {@code key}, {@code secret}, {@code host}, {@code job}: their text. */
    String value(String macro, String argument);
  }

  private final Context context;

  CorpusText(Context context) {
    this.context = context;
  }

  /** The pieces of {@code text}: bytes, with a pause after a piece where a macro asked. */
  List<Piece> pieces(String text) {
    List<Piece> pieces = new ArrayList<>();
    ByteArrayOutputStream current = new ByteArrayOutputStream();
    expand(text, current, pieces);
    pieces.add(new Piece(current.toByteArray(), 0));
    return pieces;
  }

  /** The bytes of {@code text}; a pause is an error here (headers, WebSocket payloads). */
  byte[] bytes(String text) {
    List<Piece> pieces = pieces(text);
    if (pieces.size() != 1) {
      throw new IllegalArgumentException("$(pause) is only allowed in a body or raw request");
    }
    return pieces.get(0).bytes();
  }

  private void expand(String text, ByteArrayOutputStream out, List<Piece> pieces) {
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '\\') {
        i = escape(text, i, out);
      } else if (c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '(') {
        int end = closing(text, i + 2);
        macro(text.substring(i + 2, end), out, pieces);
        i = end + 1;
      } else {
        int codePoint = text.codePointAt(i);
        out.writeBytes(new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8));
        i += Character.charCount(codePoint);
      }
    }
  }

  private static int escape(String text, int at, ByteArrayOutputStream out) {
    if (at + 1 >= text.length()) {
      throw new IllegalArgumentException("a lone backslash ends the text");
    }
    char next = text.charAt(at + 1);
    switch (next) {
      case 'r' -> out.write('\r');
      case 'n' -> out.write('\n');
      case 't' -> out.write('\t');
      case '0' -> out.write(0);
      case 's' -> out.write(' ');
      case '\\', '"', ')', '$' -> out.write(next);
      case 'u' -> {
        // a JSON unicode escape is written as it stands: bodies are mostly JSON
        out.write('\\');
        out.write('u');
      }
      case 'x' -> {
        out.write(Integer.parseInt(text.substring(at + 2, at + 4), 16));
        return at + 4;
      }
      default -> throw new IllegalArgumentException("unknown escape \\" + next);
    }
    return at + 2;
  }

  /** The index of the {@code )} that closes a macro opened just before {@code from}. */
  static int closing(String text, int from) {
    int depth = 0;
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '(') {
        depth++;
        i++;
      } else if (c == ')') {
        if (depth == 0) {
          return i;
        }
        depth--;
      }
    }
    throw new IllegalArgumentException("unclosed $( in: " + text);
  }

  private void macro(String call, ByteArrayOutputStream out, List<Piece> pieces) {
    String[] parts = call.split(" ", 2);
    String name = parts[0];
    String argument = parts.length > 1 ? parts[1] : "";
    switch (name) {
      case "repeat" -> {
        String[] countAndText = argument.split(" ", 2);
        int count = Integer.parseInt(countAndText[0]);
        String unit = countAndText.length > 1 ? countAndText[1] : "";
        List<Piece> unitPieces = pieces(unit);
        if (unitPieces.size() == 1) {
          byte[] bytes = unitPieces.get(0).bytes();
          for (int n = 0; n < count; n++) {
            out.writeBytes(bytes);
          }
        } else {
          for (int n = 0; n < count; n++) {
            expand(unit, out, pieces);
          }
        }
      }
      case "pause" -> {
        pieces.add(new Piece(out.toByteArray(), Long.parseLong(argument.trim())));
        out.reset();
      }
      case "utf16" -> out.writeBytes(
          new String(bytes(argument), StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_16));
      case "wsframe" -> out.writeBytes(frame(argument, true));
      case "wsframe-unmasked" -> out.writeBytes(frame(argument, false));
      default -> out.writeBytes(context.value(name, argument.trim())
          .getBytes(StandardCharsets.UTF_8));
    }
  }

  /**
   * A final WebSocket frame: {@code OP PAYLOAD}, OP in hex. Masked with the key 0 (the payload
   * bytes stay as written) unless {@code masked} is false, which the protocol forbids a client.
   */
  private byte[] frame(String argument, boolean masked) {
    String[] parts = argument.split(" ", 2);
    int opcode = Integer.parseInt(parts[0], 16);
    byte[] payload = parts.length > 1 ? bytes(parts[1]) : new byte[0];
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    frame.write(0x80 | opcode);
    int mask = masked ? 0x80 : 0;
    if (payload.length < 126) {
      frame.write(mask | payload.length);
    } else if (payload.length < 65536) {
      frame.write(mask | 126);
      frame.write(payload.length >> 8);
      frame.write(payload.length & 0xff);
    } else {
      frame.write(mask | 127);
      for (int shift = 56; shift >= 0; shift -= 8) {
        frame.write((int) (((long) payload.length >> shift) & 0xff));
      }
    }
    if (masked) {
      frame.writeBytes(new byte[4]);
    }
    frame.writeBytes(payload);
    return frame.toByteArray();
  }
}
