package com.partnerchannel.licensing.observability;

import com.partnerchannel.licensing.testing.CapturedMetrics;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MetricsTest {

    @Test
    void whatAnInvocationCountedIsWrittenAsOneEmfLineInTheLicensingNamespaceWithNoDimension() {
        try (CapturedMetrics metrics = CapturedMetrics.start()) {
            Invocation.ofEvent(null, "Scheduled Event").run(invocation -> {
                Metrics.count(Metrics.NOTICES_SENT, 2);
                Metrics.count(Metrics.NOTICES_SENT, 1);
                Metrics.count(Metrics.NOTICES_SKIPPED, 0);
                Metrics.milliseconds(Metrics.SWEEP_DURATION, 1234);
                Metrics.count(Metrics.SWEEP_COMPLETED, 1);
                return null;
            });

            assertThat(metrics.lines()).singleElement().satisfies(line -> {
                assertThat(line.namespace()).isEqualTo("Licensing");
                assertThat(line.dimensions().toString()).as("one dimension set, empty: no per-tenant metric")
                        .isEqualTo("[[]]");
                assertThat(line.values()).isEqualTo(Map.of("NoticesSent", 3.0, "SweepDuration", 1234.0,
                        "SweepCompleted", 1.0));
                assertThat(line.units()).containsEntry("NoticesSent", "Count")
                        .containsEntry("SweepDuration", "Milliseconds").containsEntry("SweepCompleted", "Count");
            });
        }
    }

    @Test
    void aFailedInvocationStillWritesWhatItCountedAndOneThatCountedNothingWritesNoLine() {
        try (CapturedMetrics metrics = CapturedMetrics.start()) {
            Invocation.ofRequest(null, "GET /orders").run(invocation -> invocation.closing("status", 200));
            assertThatThrownBy(() -> Invocation.ofEvent(null, "OrderAssigned").run(invocation -> {
                Metrics.count(Metrics.EMAILS_FAILED, 1);
                throw new IllegalStateException("SES refused");
            })).isInstanceOf(IllegalStateException.class);

            assertThat(metrics.lines()).singleElement()
                    .satisfies(line -> assertThat(line.values()).isEqualTo(Map.of("EmailsFailed", 1.0)));
        }
    }

    @Test
    void outsideAnInvocationNothingIsRecorded() {
        try (CapturedMetrics metrics = CapturedMetrics.start()) {
            Metrics.count(Metrics.ORDERS_REQUESTED, 1);
            Invocation.ofRequest(null, "GET /orders").run(invocation -> invocation.closing("status", 200));

            assertThat(metrics.lines()).isEmpty();
        }
    }
}
