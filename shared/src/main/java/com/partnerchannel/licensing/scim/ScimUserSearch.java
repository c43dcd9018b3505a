package com.partnerchannel.licensing.scim;

import com.partnerchannel.licensing.allocation.model.Learner;
import com.partnerchannel.licensing.common.IdShape;
import com.partnerchannel.licensing.common.Problem;
import com.partnerchannel.licensing.directory.application.SyncingUsers;
import com.partnerchannel.licensing.tenancy.model.Company;
import com.partnerchannel.licensing.tenancy.model.UserId;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * {@code GET /Users}: the filter read through the cheapest lookup it allows (an id, then the email claim,
 * then externalId, else every user), every clause then applied, and {@code startIndex}/{@code count}
 * (RFC 7644 §3.4.2.4) over the result in a stable order (oldest first).
 */
public final class ScimUserSearch {
    private final SyncingUsers users;

    public ScimUserSearch(SyncingUsers users) {
        this.users = users;
    }

    public record Found(List<Learner> page, int total, int startIndex) {
    }

    public Found find(Company company, String filterText, String startIndexText, String countText) {
        ScimFilter filter = ScimFilter.parse(filterText);
        int startIndex = Math.max(1, integer("startIndex", startIndexText, 1));
        int count = Math.min(ScimDiscovery.MAX_RESULTS, Math.max(0, integer("count", countText, ScimDiscovery.MAX_RESULTS)));
        List<Learner> matching = candidates(company, filter).stream().filter(matches(filter))
                .sorted(Comparator.comparing(Learner::createdAt).thenComparing(l -> l.learnerId().value())).toList();
        int from = Math.min(matching.size(), startIndex - 1);
        return new Found(matching.subList(from, Math.min(matching.size(), from + count)), matching.size(), startIndex);
    }

    private List<Learner> candidates(Company company, ScimFilter filter) {
        Optional<String> id = value(filter, ScimFilter.Attribute.id);
        if (id.isPresent()) {
            if (!IdShape.fits(id.get())) return List.of();
            try {
                return List.of(users.get(company, new UserId(id.get())));
            } catch (Problem notFound) {
                return List.of();
            }
        }
        Optional<String> email = value(filter, ScimFilter.Attribute.userName).or(() -> value(filter, ScimFilter.Attribute.email));
        if (email.isPresent()) return users.byUserName(company, email.get()).stream().toList();
        Optional<String> externalId = value(filter, ScimFilter.Attribute.externalId);
        if (externalId.isPresent()) return users.byExternalId(company, externalId.get());
        return users.everyone(company);
    }

    private static Optional<String> value(ScimFilter filter, ScimFilter.Attribute attribute) {
        return filter.clauses().stream().filter(c -> c.attribute() == attribute).map(ScimFilter.Clause::value).findFirst();
    }

    /** userName and emails compare as emails do here (trimmed, any case); externalId and id exactly. */
    private static Predicate<Learner> matches(ScimFilter filter) {
        return learner -> filter.clauses().stream().allMatch(clause -> switch (clause.attribute()) {
            case userName, email -> learner.emailNormalised().equals(Learner.normalise(clause.value()));
            case externalId -> learner.externalId().equals(Optional.of(clause.value()));
            case id -> learner.learnerId().value().equals(clause.value());
        });
    }

    private static int integer(String name, String text, int otherwise) {
        if (text == null || text.isBlank()) return otherwise;
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw ScimError.invalidValue(name + " must be an integer");
        }
    }
}
