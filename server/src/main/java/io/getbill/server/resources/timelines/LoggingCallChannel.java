package io.getbill.server.resources.timelines;

import jakarta.inject.Singleton;

/** The logging call sender; a real provider replaces it with {@code @Replaces(LoggingCallChannel.class)}. */
@Singleton
public class LoggingCallChannel extends LoggingCollectionChannel {

    @Override
    public Channel channel() {
        return Channel.CALL;
    }
}
