package io.getbill.server.resources.timelines;

import jakarta.inject.Singleton;

/** The logging email sender; a real provider replaces it with {@code @Replaces(LoggingEmailChannel.class)}. */
@Singleton
public class LoggingEmailChannel extends LoggingCollectionChannel {

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }
}
