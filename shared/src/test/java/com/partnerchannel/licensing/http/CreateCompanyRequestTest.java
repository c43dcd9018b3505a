package com.partnerchannel.licensing.http;

import com.partnerchannel.licensing.common.Problem;
import com.partnerchannel.licensing.onboarding.application.CreateCompany;
import com.partnerchannel.licensing.tenancy.model.CompanyId;
import com.partnerchannel.licensing.tenancy.model.CompanyKind;
import com.partnerchannel.licensing.tenancy.model.Plan;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** {@code POST /companies}' body read into the company to create, or one refusal naming every problem. */
class CreateCompanyRequestTest {

    private static CreateCompany read(String body) {
        return Json.read(body, CreateCompanyRequest.class).command();
    }

    @Test
    void aCustomerIsReadTrimmedWithItsPlanItsManagersAndItsInitialOrder() {
        CreateCompany company = read("""
                {"name": " Acme Ltd ", "kind": "customer", "parentId": "01HZX3K8Q4Y7T2M9V6B5N1C0DE",
                 "managers": [{"email": " Ann@acme.test ", "name": " Ann  Lee "}, {"email": "bob@acme.test"}],
                 "initialOrder": {"quantity": 25, "purchaseOrderRef": " PO-7 "}}""");
        assertThat(company).isEqualTo(new CreateCompany("Acme Ltd", CompanyKind.customer,
                Optional.of(new CompanyId("01HZX3K8Q4Y7T2M9V6B5N1C0DE")), Optional.empty(),
                List.of(new CreateCompany.NewManager("Ann@acme.test", "Ann  Lee"), new CreateCompany.NewManager("bob@acme.test", "")),
                Optional.of(new CreateCompany.InitialOrder(25, Optional.of("PO-7")))));
        assertThat(company.planOrDefault()).contains(Plan.premium);
    }

    @Test
    void oneRefusalNamesTheFieldsProblemsAndTheRulesBrokenInTheOrderOfTheFields() {
        assertThatThrownBy(() -> read("""
                {"name": "", "kind": "partner", "plan": "premium",
                 "managers": [{"email": "not-an-email"}, {"email": "a@b.test"}, {"email": " A@B.test"}],
                 "initialOrder": {"quantity": 0, "purchaseOrderRef": "PO"}}"""))
                .isInstanceOfSatisfying(Problem.class, problem -> assertThat(problem.errors())
                        .extracting(Problem.FieldError::field, Problem.FieldError::message).containsExactly(
                                tuple("name", "is required"),
                                tuple("plan", "only customer companies have a plan"),
                                tuple("managers[0].email", "is not an email address"),
                                tuple("managers[2].email", "is named twice"),
                                tuple("initialOrder", "only customer companies order licences"),
                                tuple("initialOrder.quantity", "must be from 1 to 100000 (was 0)")));
    }

    @Test
    void aParentIdThatIsNoIdIsRefusedOnceTheFieldsAreGood() {
        assertThatThrownBy(() -> read("""
                {"name": "MSP", "kind": "partner", "parentId": "C#1"}"""))
                .isInstanceOfSatisfying(Problem.class, problem -> assertThat(problem.errors())
                        .extracting(Problem.FieldError::field).containsExactly("parentId"));
    }
}
