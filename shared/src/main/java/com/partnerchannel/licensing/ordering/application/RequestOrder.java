package com.partnerchannel.licensing.ordering.application;

import com.partnerchannel.licensing.common.Problem;
import com.partnerchannel.licensing.ordering.model.Order;
import com.partnerchannel.licensing.ordering.model.OrderKind;
import com.partnerchannel.licensing.tenancy.model.Company;

import java.util.Objects;
import java.util.Optional;

/**
 * Licences to order for a customer, as the rules read them: how many, the kind asked for (none: the
 * company's, {@link #kindFor}), the purchase order's reference and a note, text checked and trimmed
 * (http.RequestOrderRequest reads it from {@code POST /companies/{companyId}/orders}' body). The rules that
 * need the company are here, beside the command, so that the reader checks them field by field with the
 * parsing (one refusal names every problem, in the order of the fields) and {@link RequestingOrder} checks
 * them for whoever else builds one.
 */
public record RequestOrder(int quantity, Optional<OrderKind> kind, Optional<String> purchaseOrderRef,
                           Optional<String> note) {
    public RequestOrder {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(purchaseOrderRef, "purchaseOrderRef");
        Objects.requireNonNull(note, "note");
        Order.quantityProblem(quantity).ifPresent(problem -> {
            throw Problem.invalid("quantity", problem);
        });
    }

    /** {@code quantity} licences of the company's kind, with no reference or note. */
    public static RequestOrder of(int quantity) {
        return new RequestOrder(quantity, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** {@code quantity} licences of {@code kind}, with no reference or note. */
    public static RequestOrder of(int quantity, OrderKind kind) {
        return new RequestOrder(quantity, Optional.of(kind), Optional.empty(), Optional.empty());
    }

    /** Rule 3: licences are ordered for customers only. */
    public static Optional<String> customerProblem(Company company) {
        return company.isCustomer() ? Optional.empty() : Optional.of("company " + company.companyId()
                + " is a partner; licences are ordered for customers");
    }

    /** The kind asked for, or the company's when none was: an upgrade for a trial company, new licences otherwise. */
    public static OrderKind kindFor(Company company, Optional<OrderKind> asked) {
        return asked.orElse(company.isTrial() ? OrderKind.upgrade : OrderKind.new_);
    }

    /** Rule 3: a trial company orders an upgrade, a premium one new licences. */
    public static Optional<String> kindProblem(Company company, OrderKind kind) {
        if (company.isCustomer() && kind == OrderKind.upgrade && !company.isTrial()) {
            return Optional.of("upgrade is for trial companies; " + company.name() + " is premium, order new");
        }
        if (company.isCustomer() && kind == OrderKind.new_ && company.isTrial()) {
            return Optional.of(company.name() + " is on a trial: order an upgrade to premium");
        }
        return Optional.empty();
    }
}
