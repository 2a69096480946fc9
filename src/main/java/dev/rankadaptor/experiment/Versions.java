package dev.rankadaptor.experiment;

import ai.djl.engine.Engine;

import java.net.InetAddress;

/**
 * Software and host a run (or a resumed part of it) ran on. Scores can shift with the PyTorch build
 * or the device, so every run_started / run_resumed record carries these to explain differences later.
 */
public record Versions(String java, String djl, String pytorch, String os, String host) {
    /**
     * The versions of this process. Pass the started engine to record its PyTorch version; with
     * null (engine not started yet) the PyTorch field says so, rather than starting native code here.
     */
    public static Versions detect(Engine engine) {
        String djl;
        try {
            djl = Engine.getDjlVersion();
        } catch (RuntimeException | LinkageError e) {
            djl = "unknown";
        }
        String pytorch = engine == null ? "not started" : engine.getEngineName() + " " + engine.getVersion();
        String os = System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch");
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = System.getenv().getOrDefault("HOSTNAME", "unknown");
        }
        return new Versions(System.getProperty("java.version"), djl, pytorch, os, host);
    }
}
