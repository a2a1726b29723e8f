package io.getbill.server.resources.timelines;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shipped sender of a channel: it records that the step would have been sent (followup, debt, channel and a
 * masked address) and succeeds. Replace it per channel with a real provider (see {@link CollectionChannel}).
 */
public abstract class LoggingCollectionChannel implements CollectionChannel {

    private static final Logger LOG = LoggerFactory.getLogger(LoggingCollectionChannel.class);

    @Override
    public void send(CollectionStep step) {
        String to = channel().usesPhone() ? mask(step.phone()) : mask(step.email());
        LOG.info("Timeline step sent by the logging {} channel: followup {}, debt {}, to {}", channel().wireName(),
                step.followupId(), step.debtId(), to);
    }

    /** The last four characters only: enough to tell numbers apart in a log, not enough to contact anyone. */
    static String mask(String address) {
        if (address == null || address.length() <= 4) {
            return "****";
        }
        return "****" + address.substring(address.length() - 4);
    }
}
