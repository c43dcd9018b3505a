package com.partnerchannel.licensing.contract;

import com.partnerchannel.licensing.common.Page;
import com.partnerchannel.licensing.common.PageRequest;
import com.partnerchannel.licensing.common.Problem;
import com.partnerchannel.licensing.tenancy.application.Companies;
import com.partnerchannel.licensing.tenancy.application.CompanyQuery;
import com.partnerchannel.licensing.tenancy.model.Company;
import com.partnerchannel.licensing.tenancy.model.CompanyId;
import com.partnerchannel.licensing.tenancy.model.CompanyKind;
import com.partnerchannel.licensing.tenancy.model.NewCompany;
import com.partnerchannel.licensing.tenancy.model.Plan;
import com.partnerchannel.licensing.tenancy.model.TreePath;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link Companies}: one company by id, a subtree in tree order with the view's filters, the top-level partners. */
public abstract class CompaniesContract extends PortContract {

    private Company aPartnerUnder(Company parent, String name) {
        CompanyId id = new CompanyId(ids.next());
        Company partner = new Company(id, name, CompanyKind.partner, Optional.of(parent.companyId()), parent.path().child(id),
                Optional.empty(), clock.instant(), Optional.empty(), List.of());
        commit(new NewCompany(partner));
        return partner;
    }

    private List<Company> every(java.util.function.Function<PageRequest, Page<Company>> list, int limit) {
        List<Company> all = new ArrayList<>();
        Page<Company> page = list.apply(PageRequest.first(limit));
        all.addAll(page.items());
        while (page.nextCursor() != null) {
            assertThat(page.items()).hasSize(limit);
            page = list.apply(new PageRequest(limit, page.nextCursor()));
            all.addAll(page.items());
        }
        return all;
    }

    @Test
    void aCompanyIsReadAsItWasWritten() {
        Company customer = aCustomer(Plan.trial);
        assertThat(ports.companies().get(customer.companyId())).contains(customer);
        assertThat(ports.companies().get(new CompanyId(ids.next()))).isEmpty();
    }

    @Test
    void belowListsTheWholeSubtreeInTreeOrderAndNotTheCompanyItself() {
        Company distributor = aPartner("Distributor");
        Company msp = aPartnerUnder(distributor, "MSP");
        Company acme = aCustomerUnder(msp, "Acme", Plan.premium);
        Company globex = aCustomerUnder(distributor, "Globex", Plan.trial);
        Company elsewhere = aCustomerUnder(aPartner("Other"), "Initech", Plan.premium);

        List<Company> below = every(page -> ports.companies().below(distributor.path(), CompanyQuery.all(), page), 1);
        assertThat(below).containsExactlyInAnyOrder(msp, acme, globex).doesNotContain(elsewhere);
        assertThat(below.stream().map(c -> c.path().value()).toList()).isSorted();
        assertThat(every(page -> ports.companies().below(msp.path(), CompanyQuery.all(), page), 50)).containsExactly(acme);
    }

    @Test
    void belowFiltersByParentKindPlanAndPartOfTheName() {
        Company distributor = aPartner("Distributor");
        Company msp = aPartnerUnder(distributor, "MSP");
        Company acme = aCustomerUnder(msp, "Acme Widgets", Plan.premium);
        Company globex = aCustomerUnder(distributor, "Globex", Plan.trial);
        TreePath path = distributor.path();
        assertThat(ports.companies().below(path, new CompanyQuery(Optional.of(msp.companyId()), Optional.empty(),
                Optional.empty(), Optional.empty()), PageRequest.first(50)).items()).containsExactly(acme);
        assertThat(ports.companies().below(path, new CompanyQuery(Optional.empty(), Optional.of(CompanyKind.partner),
                Optional.empty(), Optional.empty()), PageRequest.first(50)).items()).containsExactly(msp);
        assertThat(ports.companies().below(path, new CompanyQuery(Optional.empty(), Optional.empty(),
                Optional.of(Plan.trial), Optional.empty()), PageRequest.first(50)).items()).containsExactly(globex);
        assertThat(ports.companies().below(path, new CompanyQuery(Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of("widget")), PageRequest.first(50)).items()).containsExactly(acme);
    }

    @Test
    void topLevelPartnersAreThoseWithoutAParent() {
        Company first = aPartner("Alpha Distribution");
        clock.advance(java.time.Duration.ofMillis(1)); // ids are made of the moment: the second sorts after
        Company second = aPartner("Beta Distribution");
        aCustomerUnder(first, "Acme", Plan.premium);
        List<Company> top = every(page -> ports.companies().topLevelPartners(CompanyQuery.all(), page), 1);
        assertThat(top).containsExactly(first, second);
        assertThat(ports.companies().topLevelPartners(new CompanyQuery(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of("beta")), PageRequest.first(50)).items()).containsExactly(second);
    }

    @Test
    void aCursorThatIsNotOneIsRefused() {
        aPartner("Alpha");
        assertThatThrownBy(() -> ports.companies().topLevelPartners(CompanyQuery.all(), new PageRequest(10, "not-a-cursor")))
                .isInstanceOf(Problem.class);
    }
}
