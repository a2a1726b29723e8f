package io.getbill.server.resources.timelines;

import io.micronaut.core.annotation.Nullable;

/** One step of a timeline: the channel, the calendar days after the start day, and the text the channel sends. */
public record TimelineStep(int position, Channel channel, int dayOffset, @Nullable String message) {
}
