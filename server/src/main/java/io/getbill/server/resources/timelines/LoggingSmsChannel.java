package io.getbill.server.resources.timelines;

import jakarta.inject.Singleton;

/** The logging sms sender; a real provider replaces it with {@code @Replaces(LoggingSmsChannel.class)}. */
@Singleton
public class LoggingSmsChannel extends LoggingCollectionChannel {

    @Override
    public Channel channel() {
        return Channel.SMS;
    }
}
