import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * Part of server-config/smoke.sh: opens a WebSocket, prints the first text message it receives
 * and exits 0; exits 1 with a one-line reason when the upgrade is refused or nothing arrives in
 * time. JDK only, run as a single-file program: {@code java SmokeSocket.java ws://... [seconds]}.
 */
public final class SmokeSocket {
  private SmokeSocket() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: java SmokeSocket.java ws://host:port/path [timeout-seconds]");
      System.exit(2);
    }
    long seconds = args.length > 1 ? Long.parseLong(args[1]) : 15;
    CompletableFuture<String> first = new CompletableFuture<>();
    WebSocket.Listener listener = new WebSocket.Listener() {
      private final StringBuilder text = new StringBuilder();

      @Override
      public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
        text.append(data);
        if (last) {
          first.complete(text.toString());
        }
        socket.request(1);
        return null;
      }

      @Override
      public CompletionStage<?> onClose(WebSocket socket, int code, String reason) {
        first.completeExceptionally(
            new IllegalStateException("closed by the server: " + code + " " + reason));
        return null;
      }

      @Override
      public void onError(WebSocket socket, Throwable error) {
        first.completeExceptionally(error);
      }
    };
    WebSocket socket;
    try {
      socket = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(seconds)).build()
          .newWebSocketBuilder().connectTimeout(Duration.ofSeconds(seconds))
          .buildAsync(URI.create(args[0]), listener).get(seconds, TimeUnit.SECONDS);
    } catch (Exception e) {
      System.err.println("WebSocket upgrade failed: " + reason(e));
      System.exit(1);
      return;
    }
    try {
      System.out.println(first.get(seconds, TimeUnit.SECONDS));
    } catch (Exception e) {
      System.err.println("no WebSocket message within " + seconds + " s: " + reason(e));
      System.exit(1);
    }
    socket.sendClose(WebSocket.NORMAL_CLOSURE, "smoke test done");
    System.exit(0);
  }

  private static String reason(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause instanceof java.util.concurrent.TimeoutException ? "timed out" : cause.toString();
  }
}
