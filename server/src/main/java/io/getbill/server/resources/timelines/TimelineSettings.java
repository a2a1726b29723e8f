package io.getbill.server.resources.timelines;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Map;

/**
 * Settings under {@code getbill.timelines.*}: the zone and time of day steps are scheduled in, how often the executor
 * looks for due steps, and the credits each channel costs ({@code getbill.timelines.costs.call}, ...).
 */
@ConfigurationProperties("getbill.timelines")
public class TimelineSettings {

    private String zone = "Europe/Paris";
    private String sendTime = "09:00";
    private boolean executorEnabled = true;
    private Duration executorInterval = Duration.ofSeconds(30);
    private int executorBatch = 100;
    private Duration interruptedAfter = Duration.ofMinutes(15);
    private Map<String, Integer> costs = Map.of();

    public ZoneId zoneId() {
        return ZoneId.of(zone);
    }

    public LocalTime sendLocalTime() {
        return LocalTime.parse(sendTime);
    }

    /**
     * Credits per step and channel; a call is charged at the standard (mainland France) rate and multiplied by the
     * destination's rate (see {@link StepCosts}). Defaults: call 25, sms 5, whatsapp 3, email 1.
     */
    public Map<Channel, Integer> channelCosts() {
        Map<Channel, Integer> out = new EnumMap<>(Channel.class);
        out.put(Channel.CALL, 25);
        out.put(Channel.SMS, 5);
        out.put(Channel.WHATSAPP, 3);
        out.put(Channel.EMAIL, 1);
        costs.forEach((name, credits) -> Channel.fromWireName(name).ifPresent(c -> out.put(c, credits)));
        return out;
    }

    public String getZone() {
        return zone;
    }

    public void setZone(String zone) {
        this.zone = zone;
    }

    public String getSendTime() {
        return sendTime;
    }

    public void setSendTime(String sendTime) {
        this.sendTime = sendTime;
    }

    public boolean isExecutorEnabled() {
        return executorEnabled;
    }

    public void setExecutorEnabled(boolean executorEnabled) {
        this.executorEnabled = executorEnabled;
    }

    public Duration getExecutorInterval() {
        return executorInterval;
    }

    public void setExecutorInterval(Duration executorInterval) {
        this.executorInterval = executorInterval;
    }

    public int getExecutorBatch() {
        return executorBatch;
    }

    public void setExecutorBatch(int executorBatch) {
        this.executorBatch = executorBatch;
    }

    public Duration getInterruptedAfter() {
        return interruptedAfter;
    }

    public void setInterruptedAfter(Duration interruptedAfter) {
        this.interruptedAfter = interruptedAfter;
    }

    public Map<String, Integer> getCosts() {
        return costs;
    }

    public void setCosts(Map<String, Integer> costs) {
        this.costs = costs;
    }
}
