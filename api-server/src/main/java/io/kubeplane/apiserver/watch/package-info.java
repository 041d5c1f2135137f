/**
 * Watches: the tailer that reads the watch-event log in resource-version order once versions are
 * settled, and the in-memory window of recent events that watch requests are served from.
 */
@NullMarked
package io.kubeplane.apiserver.watch;

import org.jspecify.annotations.NullMarked;
