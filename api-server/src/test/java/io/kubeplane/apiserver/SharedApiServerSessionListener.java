package io.kubeplane.apiserver;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/** Stops the shared api-server when the test session ends, before the JVM exits. */
public final class SharedApiServerSessionListener implements LauncherSessionListener {

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        SharedApiServer.close();
    }
}
