package com.trafalgar.render.farm;

/**
 * What an adapter receives for one submission: normalised values, the effective priority and
 * chunk size, and the user (the request's, else the server's operating-system account).
 */
public record FarmSubmission(
    String dcc,
    String scene,
    String frames,
    String output,
    int priority,
    Integer chunkSize,
    String user) {}
