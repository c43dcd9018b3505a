package com.partnerchannel.licensing.tenancy.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TreePathTest {
    @Test
    void aCompanyIsOnThePathOfItselfAndEveryCompanyBelowIt() {
        TreePath customer = TreePath.root(new CompanyId("D")).child(new CompanyId("M")).child(new CompanyId("C"));
        assertThat(customer.value()).isEqualTo("D#M#C#");
        assertThat(customer.contains(new CompanyId("D"))).isTrue();
        assertThat(customer.contains(new CompanyId("M"))).isTrue();
        assertThat(customer.contains(new CompanyId("C"))).isTrue();
        assertThat(customer.rootId()).isEqualTo(new CompanyId("D"));
    }

    @Test
    void theDelimiterKeepsC1FromMatchingC10() {
        TreePath c10 = TreePath.root(new CompanyId("D")).child(new CompanyId("C10"));
        TreePath c1 = TreePath.root(new CompanyId("D")).child(new CompanyId("C1"));
        assertThat(c10.contains(new CompanyId("C1"))).isFalse();
        assertThat(c10.isWithin(c1)).isFalse();
        assertThat(c10.isWithin(TreePath.root(new CompanyId("D")))).isTrue();
    }
}
