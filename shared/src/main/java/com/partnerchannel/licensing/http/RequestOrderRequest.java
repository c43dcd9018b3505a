package com.partnerchannel.licensing.http;

import com.partnerchannel.licensing.common.Validation;
import com.partnerchannel.licensing.ordering.application.RequestOrder;
import com.partnerchannel.licensing.ordering.model.Order;
import com.partnerchannel.licensing.ordering.model.OrderKind;
import com.partnerchannel.licensing.tenancy.model.Company;

import java.util.Optional;

/**
 * The body of {@code POST /companies/{companyId}/orders}, as sent, and its reading into a {@link RequestOrder}
 * for the company the order is for: each field parsed, and the rules that need the company checked beside
 * it, so that one 400 names every problem in the order of the fields.
 */
public record RequestOrderRequest(Integer quantity, String kind, String purchaseOrderRef, String note) {

    /** The order the body asks for. @throws com.partnerchannel.licensing.common.Problem (400) naming each problem */
    public RequestOrder command(Company company) {
        Validation validation = new Validation();
        RequestOrder.customerProblem(company).ifPresent(problem -> validation.add("companyId", problem));
        if (quantity == null) {
            validation.add("quantity", "is required");
        } else {
            Order.quantityProblem(quantity).ifPresent(problem -> validation.add("quantity", problem));
        }
        Optional<OrderKind> asked = Optional.empty();
        if (kind != null) {
            asked = OrderKind.fromWire(kind);
            if (asked.isEmpty()) validation.add("kind", "must be new or upgrade (was '" + kind + "')");
        }
        if (kind == null || asked.isPresent()) {
            RequestOrder.kindProblem(company, RequestOrder.kindFor(company, asked))
                    .ifPresent(problem -> validation.add("kind", problem));
        }
        String checkedRef = validation.optionalText("purchaseOrderRef", purchaseOrderRef, 100);
        String checkedNote = validation.optionalMultiLineText("note", note, 1000);
        validation.throwIfInvalid();
        return new RequestOrder(quantity, asked, Optional.ofNullable(checkedRef), Optional.ofNullable(checkedNote));
    }
}
