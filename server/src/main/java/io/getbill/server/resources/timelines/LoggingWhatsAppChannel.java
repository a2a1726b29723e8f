package io.getbill.server.resources.timelines;

import jakarta.inject.Singleton;

/** The logging whatsapp sender; a real provider replaces it with {@code @Replaces(LoggingWhatsAppChannel.class)}. */
@Singleton
public class LoggingWhatsAppChannel extends LoggingCollectionChannel {

    @Override
    public Channel channel() {
        return Channel.WHATSAPP;
    }
}
