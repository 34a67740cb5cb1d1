package com.trafalgar.events;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * An SSE connection written with Servlet non-blocking I/O: no thread waits on the client. A
 * drain writes pre-encoded frames while the container says the stream is ready; when it is not,
 * the write counts as started and the container calls {@link #onWritePossible} once the client
 * has read enough. Write failures and container errors close the subscriber (API.md 8.7).
 */
final class SseSubscriber extends StreamSubscriber implements WriteListener, AsyncListener {
  static final String CONTENT_TYPE = "text/event-stream";

  /**
   * Frames longer than this (a snapshot of a large history) are written a slice at a time, each
   * after the container says the stream is ready: the write deadline then runs per slice, so a
   * slow client that keeps reading is not dropped for a snapshot that cannot leave within it, and
   * the container holds at most a slice of it, not a copy of the rest (docs/streams.md).
   */
  static final int SLICE = 64 * 1024;

  private final AsyncContext async;
  private final ServletOutputStream out;
  // guarded by this: the container's callbacks and the writer pool take turns
  private boolean writable;
  private boolean flushPending;
  // the frame being written, when it is longer than a slice, and how much of it is written
  private byte[] writing;
  private int written;

  private SseSubscriber(StreamHub hub, AsyncContext async, ServletOutputStream out) {
    super(hub);
    this.async = async;
    this.out = out;
  }

  /**
   * Switches the request to async mode and sends the headers at once (8.2). The caller opens the
   * subscriber on its hub, then calls {@link #listen()}.
   */
  static SseSubscriber start(StreamHub hub, HttpServletRequest request,
      HttpServletResponse response) throws IOException {
    response.setStatus(HttpServletResponse.SC_OK);
    response.setContentType(CONTENT_TYPE);
    // no-store: a stream route requires a credential, and its events are for that caller only
    response.setHeader("Cache-Control", EventStreams.CACHE_CONTROL);
    response.setHeader("X-Accel-Buffering", "no");
    // the no-argument form keeps the container's own request and response (portable even when
    // the JAX-RS runtime hands the resource proxies or wrappers)
    AsyncContext async = request.startAsync();
    async.setTimeout(0);
    response.flushBuffer();
    SseSubscriber subscriber = new SseSubscriber(hub, async, response.getOutputStream());
    async.addListener(subscriber);
    return subscriber;
  }

  /** Hands writing over to the container's non-blocking callbacks. */
  void listen() {
    out.setWriteListener(this);
  }

  @Override
  public void onWritePossible() {
    synchronized (this) {
      writable = true;
    }
    drain();
  }

  @Override
  protected synchronized void drain() {
    if (!writable || isClosed()) {
      return;
    }
    try {
      while (true) {
        if (!out.isReady()) {
          // the container holds unwritten bytes; onWritePossible follows when they are out
          queue.writeStarted(hub.now());
          return;
        }
        // everything written so far has left: the client keeps up, whatever is still queued
        queue.writeCompleted(hub.now());
        if (writing == null) {
          Frame next = queue.poll();
          if (next == null) {
            if (flushPending) {
              flushPending = false;
              out.flush();
              continue;
            }
            return;
          }
          writing = next.sse();
          written = 0;
        }
        int length = Math.min(SLICE, writing.length - written);
        out.write(writing, written, length);
        written += length;
        if (written == writing.length) {
          writing = null;
        }
        flushPending = true;
      }
    } catch (IOException | IllegalStateException gone) {
      close(CloseCause.CLIENT_GONE);
    }
  }

  @Override
  protected void keepalive(long now) {
    if (queue.offerKeepalive(now, hub.keepaliveMillis())) {
      hub.schedule(this);
    }
  }

  @Override
  protected void closeTransport(CloseCause cause) {
    // ending a response may touch the socket: keep it off the publishing and tick threads
    hub.execute(this::complete);
  }

  private synchronized void complete() {
    try {
      async.complete();
    } catch (IllegalStateException alreadyComplete) {
      // the container ended the request first
    }
  }

  @Override
  public void onError(Throwable failure) {
    close(CloseCause.CLIENT_GONE);
  }

  @Override
  public void onComplete(AsyncEvent event) {
    close(CloseCause.CLIENT_GONE);
  }

  @Override
  public void onTimeout(AsyncEvent event) {
    close(CloseCause.CLIENT_GONE);
  }

  @Override
  public void onError(AsyncEvent event) {
    close(CloseCause.CLIENT_GONE);
  }

  @Override
  public void onStartAsync(AsyncEvent event) {
    // not restarted
  }
}
