package io.getbill.server.resources.timelines;

import io.micronaut.data.connection.annotation.Connectable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The ordered steps of timelines ({@code timeline_steps}), replaced as a whole on every change. */
@Singleton
public class TimelineSteps {

    private final JdbcOperations jdbc;

    public TimelineSteps(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Connectable
    public List<TimelineStep> of(String timelineId) {
        return jdbc.prepareStatement("SELECT position, channel, day_offset, message FROM timeline_steps"
                + " WHERE timeline_id = ? ORDER BY position", ps -> {
            ps.setString(1, timelineId);
            List<TimelineStep> steps = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    steps.add(read(rs));
                }
            }
            return steps;
        });
    }

    /** The steps of every timeline of a company, by timeline id. */
    @Connectable
    public Map<String, List<TimelineStep>> ofCompany(String companyId) {
        return jdbc.prepareStatement("SELECT s.timeline_id, s.position, s.channel, s.day_offset, s.message"
                + " FROM timeline_steps s JOIN timelines t ON t.id = s.timeline_id WHERE t.company_id = ?"
                + " ORDER BY s.timeline_id, s.position", ps -> {
            ps.setString(1, companyId);
            Map<String, List<TimelineStep>> steps = new HashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    steps.computeIfAbsent(rs.getString("timeline_id"), k -> new ArrayList<>()).add(read(rs));
                }
            }
            return steps;
        });
    }

    public void replace(String timelineId, List<TimelineStep> steps) {
        jdbc.prepareStatement("DELETE FROM timeline_steps WHERE timeline_id = ?", ps -> {
            ps.setString(1, timelineId);
            return ps.executeUpdate();
        });
        jdbc.prepareStatement("INSERT INTO timeline_steps (timeline_id, position, channel, day_offset, message)"
                + " VALUES (?, ?, ?, ?, ?)", ps -> {
            for (TimelineStep step : steps) {
                ps.setString(1, timelineId);
                ps.setInt(2, step.position());
                ps.setString(3, step.channel().wireName());
                ps.setInt(4, step.dayOffset());
                ps.setString(5, step.message());
                ps.addBatch();
            }
            return ps.executeBatch();
        });
    }

    private static TimelineStep read(ResultSet rs) throws java.sql.SQLException {
        return new TimelineStep(rs.getInt("position"), Channel.fromWireName(rs.getString("channel")).orElseThrow(),
                rs.getInt("day_offset"), rs.getString("message"));
    }
}
