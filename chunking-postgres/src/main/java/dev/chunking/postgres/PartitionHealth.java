package dev.chunking.postgres;

import dev.chunking.domain.InvalidOptionsException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How evenly the chunks spread over the 100 partitions: per partition its rows, its size on disk
 * and its deviation from the mean, and a summary. The same figures as the {@code partition_health}
 * and {@code partition_health_summary} views, which count rows exactly (a read of the whole table).
 * Immutable.
 *
 * @param partitions every partition, in name order
 * @param partitionsUsed partitions that hold at least one row
 * @param rows rows in all
 * @param meanRows mean rows per partition
 * @param maxSkewPercent the largest absolute deviation of a partition from the mean, in percent
 */
public record PartitionHealth(List<Partition> partitions, int partitionsUsed, long rows, double meanRows,
                              double maxSkewPercent) {
    /** The deviation from the mean beyond which a partition is {@code HOT} or {@code COLD}: 20 %. */
    public static final double THRESHOLD_PERCENT = 20;

    /** Copies the list. */
    public PartitionHealth {
        partitions = List.copyOf(partitions);
    }

    /** Whether a partition holds more, fewer or about the mean number of rows. */
    public enum Status {
        /** More than 20 % above the mean. */
        HOT,
        /** More than 20 % below the mean. */
        COLD,
        /** Within 20 % of the mean. */
        NORMAL
    }

    /**
     * One partition's figures.
     *
     * @param name the partition's table, {@code chunks_p00} to {@code chunks_p99}
     * @param rows its rows
     * @param totalBytes its size on disk with indexes and TOAST, in bytes
     * @param deviationPercent its deviation from the mean, in percent (0 when the table is empty)
     * @param status {@code HOT}, {@code COLD} or {@code NORMAL}
     */
    public record Partition(String name, long rows, long totalBytes, double deviationPercent, Status status) {
    }

    /**
     * Tells whether every partition lies within a threshold of the mean.
     *
     * @param thresholdPercent the largest deviation allowed, in percent, not negative
     * @return true when {@link #maxSkewPercent()} is at most the threshold
     * @throws InvalidOptionsException if the threshold is negative
     */
    public boolean skewWithin(double thresholdPercent) {
        if (!(thresholdPercent >= 0)) {
            throw new InvalidOptionsException("skew threshold " + thresholdPercent + " % must be 0 or more");
        }
        return maxSkewPercent <= thresholdPercent;
    }

    /**
     * Formats the report as a text table, one line per partition and a summary line.
     *
     * @return the table, lines ending in {@code \n}
     */
    public String table() {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%-12s %12s %14s %10s  %s%n", "partition", "rows",
                "bytes", "deviation", "status"));
        for (Partition p : partitions) {
            s.append(String.format(Locale.ROOT, "%-12s %12d %14d %+9.1f%%  %s%n", p.name(), p.rows(), p.totalBytes(),
                    p.deviationPercent(), p.status()));
        }
        return s.append(String.format(Locale.ROOT, "%d of %d partitions used, %d rows, mean %.1f, max skew %.1f%%%n",
                partitionsUsed, partitions.size(), rows, meanRows, maxSkewPercent)).toString();
    }

    /**
     * Reads the report from the views.
     *
     * @param connection a connection with the chunking schema first on its search path
     * @return the report
     * @throws SQLException if the views cannot be read
     */
    static PartitionHealth read(Connection connection) throws SQLException {
        List<Partition> partitions = new ArrayList<>();
        try (Statement s = connection.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT partition, row_count, total_bytes, deviation_percent, status"
                    + " FROM partition_health ORDER BY partition")) {
                while (rs.next()) {
                    partitions.add(new Partition(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getDouble(4),
                            Status.valueOf(rs.getString(5))));
                }
            }
        }
        // the summary from the same rows, not from the summary view, which would read the table a second time
        int used = 0;
        long rows = 0;
        double skew = 0;
        for (Partition p : partitions) {
            used += p.rows() > 0 ? 1 : 0;
            rows += p.rows();
            skew = Math.max(skew, Math.abs(p.deviationPercent()));
        }
        return new PartitionHealth(partitions, used, rows, partitions.isEmpty() ? 0 : (double) rows / partitions.size(), skew);
    }
}
