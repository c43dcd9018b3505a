package com.partnerchannel.licensing.allocation.model;

import com.partnerchannel.licensing.common.PoolId;

import com.partnerchannel.licensing.tenancy.model.Company;
import com.partnerchannel.licensing.tenancy.model.CompanyId;
import com.partnerchannel.licensing.tenancy.model.UserId;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * A user of a company. Learners of customers, the customer's managers among them, hold licences;
 * partner users hold none ({@code recordedStatus} empty). A seat held is an allocation: the learner
 * carries the pool it came from.
 */
public record Learner(
        UserId learnerId,
        CompanyId companyId,
        String email,
        String firstName,
        String lastName,
        LearnerRole role,
        LearnerSource source,
        Optional<LicenceStatus> recordedStatus,
        Optional<LicenceType> licenceType,
        Optional<PoolId> poolId,
        Optional<Instant> expiresAt,
        Instant createdAt,
        Optional<String> allocationId,
        Optional<String> externalId,
        Optional<Instant> updatedAt) {

    /** Emails are compared trimmed and case-insensitively. */
    public static String normalise(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }

    public String emailNormalised() {
        return normalise(email);
    }

    public boolean holdsLicences() {
        return licence().holdsLicences();
    }

    /** What this user holds, without the rest: the rules of a licence's status are there. */
    public LearnerLicence licence() {
        return new LearnerLicence(learnerId, email, recordedStatus, licenceType, expiresAt);
    }

    public boolean holdsSeat() {
        return poolId.isPresent();
    }

    /**
     * The status as of {@code now}: a licence whose end has passed is expired, whatever was recorded.
     * A trial licence ends with the company's trial (which an upgrade brings forward to its moment).
     */
    public LicenceStatus statusAt(Instant now, Company company) {
        return licence().statusAt(now, company);
    }

    /** When the licence ends: the pool's expiry, or the end of the company's trial. */
    public Optional<Instant> endAt(Company company) {
        return licence().endAt(company);
    }

    public Learner withSeat(LicencePool pool) {
        return new Learner(learnerId, companyId, email, firstName, lastName, role, source,
                Optional.of(LicenceStatus.active), Optional.of(LicenceType.premium), Optional.of(pool.poolId()),
                Optional.of(pool.expiresAt()), createdAt, Optional.empty(), externalId, updatedAt);
    }

    public Learner withTrialLicence(Instant trialEndsAt) {
        return new Learner(learnerId, companyId, email, firstName, lastName, role, source,
                Optional.of(LicenceStatus.active), Optional.of(LicenceType.trial), Optional.empty(),
                Optional.of(trialEndsAt), createdAt, Optional.empty(), externalId, updatedAt);
    }

    public Learner unlicensed() {
        return new Learner(learnerId, companyId, email, firstName, lastName, role, source,
                Optional.of(LicenceStatus.unlicensed), Optional.empty(), Optional.empty(), Optional.empty(), createdAt,
                Optional.empty(), externalId, updatedAt);
    }

    public Learner expiredAt(Instant at) {
        return new Learner(learnerId, companyId, email, firstName, lastName, role, source,
                Optional.of(LicenceStatus.expired), licenceType, poolId, Optional.of(at), createdAt, allocationId,
                externalId, updatedAt);
    }

    public static Learner newUser(UserId id, CompanyId companyId, String email, String firstName, String lastName,
                                  LearnerRole role, LearnerSource source, Instant at) {
        return new Learner(id, companyId, email.trim(), firstName, lastName, role, source, Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), at, Optional.empty(), Optional.empty(), Optional.of(at));
    }

    /** Marks which renewal gave this licence, so a retry of that renewal recognises its own work. */
    public Learner allocatedBy(String renewalId) {
        return new Learner(learnerId, companyId, email, firstName, lastName, role, source, recordedStatus, licenceType,
                poolId, expiresAt, createdAt, Optional.of(renewalId), externalId, updatedAt);
    }

    /** Archived: no seat, no licence, counted only as archived; the user and its records stay (rule 12). */
    public Learner archived() {
        return new Learner(learnerId, companyId, email, firstName, lastName, role, source,
                Optional.of(LicenceStatus.archived), Optional.empty(), Optional.empty(), Optional.empty(), createdAt,
                Optional.empty(), externalId, updatedAt);
    }

    public boolean isArchived() {
        return licence().isArchived();
    }

    /** The same user with other details (a directory's update): names, email and external id. */
    public Learner withDetails(String email, String firstName, String lastName, Optional<String> externalId) {
        return new Learner(learnerId, companyId, email.trim(), firstName, lastName, role, source, recordedStatus,
                licenceType, poolId, expiresAt, createdAt, allocationId, externalId, updatedAt);
    }

    public Learner withExternalId(Optional<String> externalId) {
        return withDetails(email, firstName, lastName, externalId);
    }

    /** Written at {@code at}: what {@code updatedAt} (SCIM's {@code meta.lastModified}) says. */
    public Learner writtenAt(Instant at) {
        return new Learner(learnerId, companyId, email, firstName, lastName, role, source, recordedStatus,
                licenceType, poolId, expiresAt, createdAt, allocationId, externalId, Optional.of(at));
    }
}
