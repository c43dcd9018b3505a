package com.partnerchannel.licensing.faults;

import com.partnerchannel.licensing.faults.Faults.Fault;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FaultsTest {

    @Test
    void readsTheRunnersFaultList() {
        Faults faults = Faults.parse("dynamodb-conflict=0.3, dynamodb-throttle=0.05,dynamodb-ambiguous-commit=0.02", 42);

        assertThat(faults.rate(Fault.DYNAMODB_CONFLICT)).isEqualTo(0.3);
        assertThat(faults.rate(Fault.DYNAMODB_THROTTLE)).isEqualTo(0.05);
        assertThat(faults.rate(Fault.DYNAMODB_AMBIGUOUS_COMMIT)).isEqualTo(0.02);
        assertThat(faults.rate(Fault.DYNAMODB_SERVER_ERROR)).isZero();
        assertThat(faults.seed()).isEqualTo(42);
        assertThat(faults.any()).isTrue();
        assertThat(faults.describe()).isEqualTo("dynamodb-conflict=0.3,dynamodb-throttle=0.05,dynamodb-ambiguous-commit=0.02");
        assertThat(Faults.parse("", 1).any()).isFalse();
    }

    @Test
    void anUnknownFaultIsRefusedWithTheNamesThatExist() {
        assertThatThrownBy(() -> Faults.parse("dynamodb-conflicts=0.3", 42))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown fault 'dynamodb-conflicts'")
                .hasMessageContaining("dynamodb-conflict, dynamodb-throttle, dynamodb-server-error, dynamodb-ambiguous-commit");
    }

    @Test
    void aRateOutsideZeroToOneOrMissingIsRefused() {
        assertThatThrownBy(() -> Faults.parse("dynamodb-throttle=1.5", 1)).hasMessageContaining("from 0 to 1, not 1.5");
        assertThatThrownBy(() -> Faults.parse("dynamodb-throttle=lots", 1)).hasMessageContaining("not 'lots'");
        assertThatThrownBy(() -> Faults.parse("dynamodb-throttle", 1)).hasMessageContaining("name=rate");
        assertThatThrownBy(() -> Faults.parse("dynamodb-throttle=0.1,dynamodb-throttle=0.2", 1)).hasMessageContaining("twice");
    }
}
