package com.partnerchannel.licensing.dynamodb;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Two (user, key) pairs never share a record: a {@code #} in a user's sub cannot shift the key's start. */
class IdempotencyItemsTest {

    @Test
    void aSubWithAHashAndAKeyWithAHashDoNotMeet() {
        assertThat(IdempotencyItems.key("01JCUSTOMER000000000000000", "probeuser", "a#bK"))
                .isNotEqualTo(IdempotencyItems.key("01JCUSTOMER000000000000000", "probeuser#a", "bK"));
        assertThat(IdempotencyItems.partPrefix("probeuser", "a#bK", "v"))
                .isNotEqualTo(IdempotencyItems.partPrefix("probeuser#a", "bK", "v"));
    }

    @Test
    void theSameUserAndKeyNameTheSameRecord() {
        assertThat(IdempotencyItems.key("01JCUSTOMER000000000000000", "user-sub-123", "6f1c2a"))
                .isEqualTo(IdempotencyItems.key("01JCUSTOMER000000000000000", "user-sub-123", "6f1c2a"));
    }
}
