package com.trafalgar.render;

/** What the dashboard may ask the render service: its summary (API.md 4.2). */
public interface RenderSummaryView {
  RenderSummary renderSummary();
}
