package com.trafalgar.render;

/** The render feature's threads: named, and daemons so a stuck one never blocks a JVM exit. */
final class RenderThreads {
  private RenderThreads() {}

  /** An unstarted daemon thread named {@code name} (shown in thread dumps). */
  static Thread daemon(Runnable body, String name) {
    Thread thread = new Thread(body, name);
    thread.setDaemon(true);
    return thread;
  }
}
