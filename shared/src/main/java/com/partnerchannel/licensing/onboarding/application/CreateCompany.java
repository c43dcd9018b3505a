package com.partnerchannel.licensing.onboarding.application;

import java.util.List;

/** The body of {@code POST /companies}, as sent. */
public record CreateCompany(String name, String kind, String parentId, String plan, List<ManagerInput> managers,
                            InitialOrder initialOrder) {

    public record ManagerInput(String email, String name) {
    }

    /** Licences ordered with the company, from the partner's purchase order. */
    public record InitialOrder(Integer quantity, String purchaseOrderRef) {
    }
}
