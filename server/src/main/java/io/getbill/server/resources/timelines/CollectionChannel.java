package io.getbill.server.resources.timelines;

/**
 * Sends one timeline step to the debtor over one channel — the seam where a real provider (a telephony or voice-AI
 * platform for calls, an email service, an SMS or WhatsApp gateway) plugs in. The server ships one logging
 * implementation per channel ({@link LoggingCallChannel}, {@link LoggingEmailChannel}, {@link LoggingSmsChannel},
 * {@link LoggingWhatsAppChannel}); a provider is a bean implementing this interface for its {@link #channel()} and
 * annotated {@code @Replaces(LoggingSmsChannel.class)} (for instance), so that exactly one sender per channel exists.
 *
 * <p>Contract for implementations: {@link #send} is called at most once per step, outside any database
 * transaction, on the executor's thread; it returns when the provider accepted the message and throws when it did
 * not — the step then fails with {@code status_reason} {@code channel_error: <exception class>} and its credits are
 * refunded. It must not retry forever: bound its own time (the executor handles one step at a time). It must not log
 * the debtor's contact details in clear.
 */
public interface CollectionChannel {

    Channel channel();

    void send(CollectionStep step) throws Exception;
}
