package com.partnerchannel.licensing.renewal.model;

import java.util.Optional;

/**
 * One row of the file as analysed: its number as a spreadsheet shows it (the header is row 1), the
 * email cell as it can be shown safely, and either the learner it renews or why it renews nobody.
 */
public record Row(int row, String email, Optional<String> learnerId, Optional<NotRenewedReason> reason) {
    public static Row toRenew(int row, String email, String learnerId) {
        return new Row(row, email, Optional.of(learnerId), Optional.empty());
    }

    public static Row notRenewed(int row, String email, NotRenewedReason reason) {
        return new Row(row, email, Optional.empty(), Optional.of(reason));
    }
}
