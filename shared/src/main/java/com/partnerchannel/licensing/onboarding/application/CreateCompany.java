package com.partnerchannel.licensing.onboarding.application;

import com.partnerchannel.licensing.common.Problem;
import com.partnerchannel.licensing.ordering.model.Order;
import com.partnerchannel.licensing.tenancy.model.Company;
import com.partnerchannel.licensing.tenancy.model.CompanyId;
import com.partnerchannel.licensing.tenancy.model.CompanyKind;
import com.partnerchannel.licensing.tenancy.model.Plan;

import java.util.List;
import java.util.Optional;

/**
 * A company to create, as the rules read it: text checked and trimmed, emails valid and each named once, the
 * kind and plan as values (http.CreateCompanyRequest reads it from {@code POST /companies}' body). The rules
 * that need only the request are here, so that whoever builds one checks them; the reader checks them field
 * by field with the parsing, so that one refusal names every problem in the order of the fields.
 */
public record CreateCompany(String name, CompanyKind kind, Optional<CompanyId> parentId, Optional<Plan> plan,
                            List<NewManager> managers, Optional<InitialOrder> initialOrder) {
    public static final int MAX_MANAGERS = 20;

    public CreateCompany {
        java.util.Objects.requireNonNull(name, "name");
        java.util.Objects.requireNonNull(kind, "kind");
        managers = List.copyOf(managers);
        planProblem(kind, plan).ifPresent(problem -> {
            throw Problem.invalid("plan", problem);
        });
        managersProblem(kind, managers.size()).ifPresent(problem -> {
            throw Problem.invalid("managers", problem);
        });
        if (initialOrder.isPresent()) {
            initialOrderProblem(kind, plan).ifPresent(problem -> {
                throw Problem.invalid("initialOrder", problem);
            });
            quantityProblem(initialOrder.get().quantity()).ifPresent(problem -> {
                throw Problem.invalid("initialOrder.quantity", problem);
            });
        }
    }

    /** A customer's plan, premium unless it is named; a partner has none. */
    public Optional<Plan> planOrDefault() {
        return kind == CompanyKind.customer ? Optional.of(plan.orElse(Plan.premium)) : Optional.empty();
    }

    /** A manager named on creation: the email as sent, trimmed; the name, "" when none was sent. */
    public record NewManager(String email, String name) {
    }

    /** Licences ordered with the company, from the partner's purchase order. */
    public record InitialOrder(int quantity, Optional<String> purchaseOrderRef) {
    }

    public static Optional<String> planProblem(CompanyKind kind, Optional<Plan> plan) {
        return kind == CompanyKind.partner && plan.isPresent() ? Optional.of("only customer companies have a plan")
                : Optional.empty();
    }

    public static Optional<String> managersProblem(CompanyKind kind, int managers) {
        if (managers == 0 && kind == CompanyKind.customer) return Optional.of("a customer needs at least one manager");
        if (managers > MAX_MANAGERS) return Optional.of("at most " + MAX_MANAGERS + " managers can be named on creation");
        return Optional.empty();
    }

    /** Rules 3 and 4: only a premium customer comes with licences ordered. */
    public static Optional<String> initialOrderProblem(CompanyKind kind, Optional<Plan> plan) {
        if (kind == CompanyKind.partner) return Optional.of("only customer companies order licences");
        if (plan.equals(Optional.of(Plan.trial))) {
            return Optional.of("a trial company needs no order: it has full access for " + Company.TRIAL_DAYS
                    + " days; to make it premium, order an upgrade for it later");
        }
        return Optional.empty();
    }

    public static Optional<String> quantityProblem(int quantity) {
        return Order.quantityProblem(quantity);
    }
}
