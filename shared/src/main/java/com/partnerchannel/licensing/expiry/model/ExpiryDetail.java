package com.partnerchannel.licensing.expiry.model;

import java.util.LinkedHashMap;
import java.util.Map;

final class ExpiryDetail {
    private ExpiryDetail() {
    }

    static Map<String, Object> of(Expiry expiry, String companyName) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("companyId", expiry.key().companyId().value());
        detail.put("companyName", companyName);
        detail.put("expiresAt", expiry.key().expiresAt().toString());
        detail.put("licences", expiry.licences());
        detail.put("licenceType", expiry.key().trial() ? "trial" : "premium");
        detail.put("poolIds", expiry.poolIds());
        return detail;
    }
}
