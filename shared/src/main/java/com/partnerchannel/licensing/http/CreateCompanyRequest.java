package com.partnerchannel.licensing.http;

import com.partnerchannel.licensing.allocation.model.Learner;
import com.partnerchannel.licensing.common.IdShape;
import com.partnerchannel.licensing.common.Validation;
import com.partnerchannel.licensing.onboarding.application.CreateCompany;
import com.partnerchannel.licensing.tenancy.model.CompanyId;
import com.partnerchannel.licensing.tenancy.model.CompanyKind;
import com.partnerchannel.licensing.tenancy.model.Emails;
import com.partnerchannel.licensing.tenancy.model.Plan;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The body of {@code POST /companies}, as sent, and its reading into a {@link CreateCompany}: each field
 * parsed, and the rules that need only the request checked beside it, so that one 400 names every problem
 * in the order of the fields.
 */
public record CreateCompanyRequest(String name, String kind, String parentId, String plan, List<ManagerInput> managers,
                                   InitialOrder initialOrder) {

    public record ManagerInput(String email, String name) {
    }

    /** Licences ordered with the company, from the partner's purchase order. */
    public record InitialOrder(Integer quantity, String purchaseOrderRef) {
    }

    /** The company the body asks for. @throws com.partnerchannel.licensing.common.Problem (400) naming each problem */
    public CreateCompany command() {
        Validation validation = new Validation();
        String checkedName = validation.requireText("name", name, 200);
        CompanyKind checkedKind = null;
        if (kind == null) {
            validation.add("kind", "is required: partner or customer");
        } else {
            try {
                checkedKind = CompanyKind.valueOf(kind);
            } catch (IllegalArgumentException e) {
                validation.add("kind", "must be partner or customer (was '" + kind + "')");
            }
        }
        Optional<Plan> checkedPlan = Optional.empty();
        if (plan != null) {
            try {
                checkedPlan = Optional.of(Plan.valueOf(plan));
            } catch (IllegalArgumentException e) {
                validation.add("plan", "must be trial or premium (was '" + plan + "')");
            }
        }
        CompanyKind kindRead = checkedKind;
        Optional<Plan> planRead = checkedPlan;
        CreateCompany.planProblem(kindRead, planRead).ifPresent(problem -> validation.add("plan", problem));
        List<ManagerInput> managerInputs = managers == null ? List.of() : managers;
        CreateCompany.managersProblem(kindRead, managerInputs.size())
                .ifPresent(problem -> validation.add("managers", problem));
        Set<String> seen = new HashSet<>();
        List<CreateCompany.NewManager> newManagers = new ArrayList<>();
        for (int i = 0; i < managerInputs.size(); i++) {
            ManagerInput input = managerInputs.get(i);
            String field = "managers[" + i + "]";
            if (input == null || !Emails.isEmail(input.email())) {
                validation.add(field + ".email", "is not an email address");
            } else if (!seen.add(Learner.normalise(input.email()))) {
                validation.add(field + ".email", "is named twice");
            }
            if (input != null) validation.optionalText(field + ".name", input.name(), 200);
            if (input != null && input.email() != null) {
                newManagers.add(new CreateCompany.NewManager(input.email().trim(),
                        input.name() == null ? "" : input.name().trim()));
            }
        }
        Optional<CreateCompany.InitialOrder> order = Optional.empty();
        if (initialOrder != null) {
            CreateCompany.initialOrderProblem(kindRead, planRead)
                    .ifPresent(problem -> validation.add("initialOrder", problem));
            if (initialOrder.quantity() == null) {
                validation.add("initialOrder.quantity", "is required");
            } else {
                CreateCompany.quantityProblem(initialOrder.quantity())
                        .ifPresent(problem -> validation.add("initialOrder.quantity", problem));
            }
            validation.optionalText("initialOrder.purchaseOrderRef", initialOrder.purchaseOrderRef(), 100);
            String ref = initialOrder.purchaseOrderRef();
            order = Optional.of(new CreateCompany.InitialOrder(initialOrder.quantity() == null ? 0 : initialOrder.quantity(),
                    ref == null || ref.isBlank() ? Optional.empty() : Optional.of(ref.trim())));
        }
        validation.throwIfInvalid();
        Optional<CompanyId> parent = Optional.ofNullable(parentId).map(id -> new CompanyId(IdShape.require("parentId", id)));
        return new CreateCompany(checkedName, checkedKind, parent, checkedPlan, newManagers, order);
    }
}
