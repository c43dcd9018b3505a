package com.partnerchannel.licensing.dynamodb;

import com.partnerchannel.licensing.tenancy.model.CompanyId;
import com.partnerchannel.licensing.tenancy.model.User;
import com.partnerchannel.licensing.tenancy.model.UserId;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.HashMap;
import java.util.Map;

import static com.partnerchannel.licensing.dynamodb.Attr.s;

/**
 * User: PK {@code C#<companyId>}, SK {@code USER#<userId>}; GSI6 {@code C#<companyId>#LEARNERS#<status>} /
 * {@code <emailNormalised>#<userId>}. Email claim: SK {@code EMAIL#<emailNormalised>}.
 */
final class UserItems {
    static final String PREFIX = "USER#";

    private UserItems() {
    }

    static Map<String, AttributeValue> key(CompanyId companyId, UserId userId) {
        return Map.of(Keys.PK, s(Keys.company(companyId.value())), Keys.SK, s(PREFIX + userId.value()));
    }

    static Map<String, AttributeValue> emailClaim(User user) {
        return Map.of(Keys.PK, s(Keys.company(user.companyId().value())),
                Keys.SK, s("EMAIL#" + user.emailNormalised()),
                "type", s("emailClaim"),
                "userId", s(user.userId().value()));
    }

    static Map<String, AttributeValue> toItem(User user) {
        Map<String, AttributeValue> item = new HashMap<>(key(user.companyId(), user.userId()));
        item.put("type", s("user"));
        item.put("companyId", s(user.companyId().value()));
        item.put("userId", s(user.userId().value()));
        item.put("email", s(user.email()));
        item.put("emailNormalised", s(user.emailNormalised()));
        item.put("firstName", s(user.firstName()));
        item.put("lastName", s(user.lastName()));
        item.put("role", s(user.role()));
        Attr.putOpt(item, "licenceStatus", user.licenceStatus());
        Attr.putOpt(item, "licenceType", user.licenceType());
        Attr.putOptTime(item, "expiresAt", user.expiresAt());
        item.put("createdAt", Attr.t(user.createdAt()));
        user.licenceStatus().ifPresent(status -> {
            item.put(Keys.pk(Keys.GSI6), s(Keys.company(user.companyId().value()) + "#LEARNERS#" + status));
            item.put(Keys.sk(Keys.GSI6), s(user.emailNormalised() + "#" + user.userId().value()));
        });
        return item;
    }

    static User fromItem(Map<String, AttributeValue> item) {
        return new User(
                new CompanyId(Attr.str(item, "companyId")),
                new UserId(Attr.str(item, "userId")),
                Attr.str(item, "email"),
                Attr.str(item, "firstName"),
                Attr.str(item, "lastName"),
                Attr.str(item, "role"),
                Attr.optStr(item, "licenceStatus"),
                Attr.optStr(item, "licenceType"),
                Attr.optInstant(item, "expiresAt"),
                Attr.instant(item, "createdAt"));
    }
}
