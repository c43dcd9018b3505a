package com.partnerchannel.licensing.dynamodb;

import com.partnerchannel.licensing.allocation.model.Learner;
import com.partnerchannel.licensing.allocation.model.LearnerRole;
import com.partnerchannel.licensing.allocation.model.LearnerSource;
import com.partnerchannel.licensing.allocation.model.LearnerLicence;
import com.partnerchannel.licensing.allocation.model.LicenceStatus;
import com.partnerchannel.licensing.allocation.model.LicenceType;
import com.partnerchannel.licensing.common.PoolId;
import com.partnerchannel.licensing.tenancy.model.CompanyId;
import com.partnerchannel.licensing.tenancy.model.UserId;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import static com.partnerchannel.licensing.dynamodb.Attr.s;

/**
 * Learner (any user): PK {@code C#<companyId>}, SK {@code USER#<learnerId>}; learners of customers also
 * GSI5 {@code C#<companyId>#LEARNERS#<recordedStatus>} / {@link #licenceOrder}: the holders of one licence
 * (a pool, or the trial) together, so the sweep reads exactly the learners whose licence it expires.
 * Email claim: SK {@code EMAIL#<emailNormalised>} → learnerId. The seat a learner holds is its
 * {@code poolId}: the allocation lives on the learner, so taking a seat is one item plus the pool.
 */
final class LearnerItems {
    static final String PREFIX = "USER#";
    static final String EMAIL_PREFIX = "EMAIL#";

    private LearnerItems() {
    }

    static Map<String, AttributeValue> key(CompanyId companyId, UserId learnerId) {
        return Map.of(Keys.PK, s(Keys.company(companyId.value())), Keys.SK, s(PREFIX + learnerId.value()));
    }

    static Map<String, AttributeValue> emailKey(CompanyId companyId, String emailNormalised) {
        return Map.of(Keys.PK, s(Keys.company(companyId.value())), Keys.SK, s(EMAIL_PREFIX + emailNormalised));
    }

    static String statusPartition(CompanyId companyId, LicenceStatus status) {
        return Keys.company(companyId.value()) + "#LEARNERS#" + status.name();
    }

    /**
     * GSI5SK: {@code POOL#<poolId>#} for a seat of a pool, {@code TRIAL#} for a trial licence, nothing for
     * the unlicensed; then {@code <createdAt>#<learnerId>}, oldest first within each.
     */
    static String licenceOrder(Learner learner) {
        return holding(learner) + Attr.time(learner.createdAt()) + "#" + learner.learnerId().value();
    }

    private static String holding(Learner learner) {
        if (learner.poolId().isPresent()) return poolHolders(learner.poolId().get());
        return learner.licenceType().filter(type -> type == LicenceType.trial).map(type -> TRIAL_HOLDERS).orElse("");
    }

    /** The GSI5SK prefix of the learners holding a seat of this pool. */
    static String poolHolders(PoolId poolId) {
        return PoolItems.PREFIX + poolId.value() + "#";
    }

    /** The GSI5SK prefix of the learners holding a trial licence. */
    static final String TRIAL_HOLDERS = "TRIAL#";

    static Map<String, AttributeValue> emailClaim(Learner learner) {
        Map<String, AttributeValue> item = new HashMap<>(emailKey(learner.companyId(), learner.emailNormalised()));
        item.put("type", s("emailClaim"));
        item.put("learnerId", s(learner.learnerId().value()));
        return item;
    }

    static Map<String, AttributeValue> toItem(Learner learner) {
        Map<String, AttributeValue> item = new HashMap<>(key(learner.companyId(), learner.learnerId()));
        item.put("type", s("user"));
        item.put("companyId", s(learner.companyId().value()));
        item.put("learnerId", s(learner.learnerId().value()));
        item.put("email", s(learner.email()));
        item.put("emailNormalised", s(learner.emailNormalised()));
        item.put("firstName", s(learner.firstName()));
        item.put("lastName", s(learner.lastName()));
        item.put("nameLower", s((learner.firstName() + " " + learner.lastName()).toLowerCase(Locale.ROOT)));
        item.put("role", s(learner.role().name()));
        item.put("source", s(learner.source().name()));
        Attr.putOpt(item, "licenceStatus", learner.recordedStatus());
        Attr.putOpt(item, "licenceType", learner.licenceType());
        Attr.putOpt(item, "poolId", learner.poolId());
        Attr.putOptTime(item, "expiresAt", learner.expiresAt());
        Attr.putOpt(item, "allocationId", learner.allocationId());
        Attr.putOpt(item, "externalId", learner.externalId());
        Attr.putOptTime(item, "updatedAt", learner.updatedAt());
        item.put("createdAt", Attr.t(learner.createdAt()));
        learner.recordedStatus().ifPresent(status -> {
            item.put(Keys.pk(Keys.LEARNERS), s(statusPartition(learner.companyId(), status)));
            item.put(Keys.sk(Keys.LEARNERS), s(licenceOrder(learner)));
        });
        return item;
    }

    /**
     * What a read of users for their licences brings back of each ({@link #licenceFromItem}): its key, id, email and
     * licence, about a third of a learner item. DynamoDB still charges the items whole.
     */
    static final String LICENCE_PROJECTION = "#sk, #learnerId, #email, #status, #type, #expiresAt";
    static final Map<String, String> LICENCE_NAMES = Map.of("#sk", Keys.SK, "#learnerId", "learnerId", "#email", "email",
            "#status", "licenceStatus", "#type", "licenceType", "#expiresAt", "expiresAt");

    static LearnerLicence licenceFromItem(Map<String, AttributeValue> item) {
        return new LearnerLicence(new UserId(Attr.str(item, "learnerId")), Attr.str(item, "email"),
                Attr.optStr(item, "licenceStatus").map(LicenceStatus::valueOf),
                Attr.optStr(item, "licenceType").map(LicenceType::valueOf),
                Attr.optInstant(item, "expiresAt"));
    }

    static Learner fromItem(Map<String, AttributeValue> item) {
        return new Learner(
                new UserId(Attr.str(item, "learnerId")),
                new CompanyId(Attr.str(item, "companyId")),
                Attr.str(item, "email"),
                Attr.str(item, "firstName"),
                Attr.str(item, "lastName"),
                stored(item, "role", LearnerRole.class),
                stored(item, "source", LearnerSource.class),
                Attr.optStr(item, "licenceStatus").map(LicenceStatus::valueOf),
                Attr.optStr(item, "licenceType").map(LicenceType::valueOf),
                Attr.optStr(item, "poolId").map(PoolId::new),
                Attr.optInstant(item, "expiresAt"),
                Attr.instant(item, "createdAt"),
                Attr.optStr(item, "allocationId"),
                Attr.optStr(item, "externalId"),
                Attr.optInstant(item, "updatedAt"));
    }

    /** A stored name of one of {@code type}'s values; any other is a corrupt item, named, not a guess. */
    private static <E extends Enum<E>> E stored(Map<String, AttributeValue> item, String name, Class<E> type) {
        String value = Attr.str(item, name);
        for (E known : type.getEnumConstants()) {
            if (known.name().equals(value)) return known;
        }
        throw new IllegalStateException("user item " + Attr.str(item, Keys.SK) + " of " + Attr.str(item, Keys.PK)
                + " has " + name + " '" + value + "', none of " + Arrays.toString(type.getEnumConstants()));
    }
}
