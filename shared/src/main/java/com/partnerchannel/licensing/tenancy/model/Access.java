package com.partnerchannel.licensing.tenancy.model;

import com.partnerchannel.licensing.common.Problem;

/**
 * Who may touch which company. A manager acts on their own company and, for a partner, on every
 * company below it; a platform admin acts on every company as a manager of a partner above it would. Anything else is answered as if it did not
 * exist, so that ids of other tenants cannot be probed.
 */
public final class Access {
    private Access() {
    }

    public static boolean canSee(Actor actor, Company company) {
        return canSee(actor, company.path());
    }

    /** As {@link #canSee(Actor, Company)}, by the company's path alone (an order carries its company's). */
    public static boolean canSee(Actor actor, TreePath companyPath) {
        if (actor.isPlatformAdmin()) return true;
        return actor.role() == Role.manager && companyPath.contains(actor.companyId());
    }

    public static Company requireVisible(Actor actor, Company company) {
        actor.requireManagerOrAdmin();
        if (!canSee(actor, company)) throw Problem.notFound("company", company.companyId().value());
        return company;
    }

    /**
     * A manager of a partner strictly above the company, or a platform admin (who acts on every company
     * as such a manager would): who assigns and rejects its orders.
     */
    public static boolean isAbove(Actor actor, Company company) {
        return isAbove(actor, company.companyId(), company.path());
    }

    /** As {@link #isAbove(Actor, Company)}, by the company's id and path alone. */
    public static boolean isAbove(Actor actor, CompanyId companyId, TreePath companyPath) {
        if (actor.isPlatformAdmin()) return true;
        return actor.role() == Role.manager
                && !companyId.equals(actor.companyId())
                && companyPath.contains(actor.companyId());
    }
}
