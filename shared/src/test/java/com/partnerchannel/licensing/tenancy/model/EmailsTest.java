package com.partnerchannel.licensing.tenancy.model;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class EmailsTest {
    @ParameterizedTest
    @ValueSource(strings = {"ann@acme.test", "  DANA@acme.test ", "o'brien+news@mail.acme.co.uk", "a.b-c_d@xn--mller-kva.de",
            "x@sub-domain.example.com"})
    void ordinaryAddressesAreEmails(String value) {
        assertThat(Emails.isEmail(value)).isTrue();
    }

    /** Five addresses that look like ann@acme.test, and two that break a line. */
    @ParameterizedTest
    @ValueSource(strings = {"ann\u200B@acme.test", "ann@acme\u2060.test", "\u202Eann@acme.test", "an\u00ADn@acme.test",
            "ann@acme.test\u0000", "ann@acme.test\u0085", "\u0000ann@acme.test", "ann@acme.test\r\nBcc: x@evil.test",
            "ann@acme.test\n", "\uFEFFann@acme.test", "ann@acme.test\u00A0"})
    void addressesWithInvisibleOrControlCharactersAreNotEmails(String value) {
        assertThat(Emails.isEmail(value)).isFalse();
    }

    /** SES accepts 7-bit addresses only: a look-alike letter from another script is not the same person. */
    @ParameterizedTest
    @ValueSource(strings = {"\u0430nn@acme.test", "ann@m\u00FCller.de", "ann@acme.test.", "ann@.acme.test", "ann@acme..test",
            "ann@-acme.test", "ann@acme.t", ".ann@acme.test", "an..n@acme.test", "ann.@acme.test", "ann@acme", "a b@acme.test",
            "a\"b@acme.test", "a<b@acme.test", "a,b@acme.test"})
    void addressesOutsideTheSevenBitRulesAreNotEmails(String value) {
        assertThat(Emails.isEmail(value)).isFalse();
    }
}
