package com.partnerchannel.licensing.allocation.application;

import com.partnerchannel.licensing.allocation.model.Learner;
import com.partnerchannel.licensing.allocation.model.LearnerLicence;
import com.partnerchannel.licensing.allocation.model.LicencePool;
import com.partnerchannel.licensing.allocation.model.LicenceStatus;
import com.partnerchannel.licensing.allocation.model.SeatTake;
import com.partnerchannel.licensing.common.Page;
import com.partnerchannel.licensing.common.PageRequest;
import com.partnerchannel.licensing.tenancy.model.Company;
import com.partnerchannel.licensing.tenancy.model.CompanyId;
import com.partnerchannel.licensing.tenancy.model.UserId;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The learners of companies. Every write that takes or frees a seat changes the pool's counter in the
 * same transaction, so a pool's {@code allocated} always equals the learners holding its seats.
 */
public interface Learners {
    Optional<Learner> get(CompanyId companyId, UserId learnerId);

    /** The learners of these ids that exist, read strongly consistent in batches. */
    List<Learner> getAll(CompanyId companyId, Collection<UserId> learnerIds);

    /**
     * The company's unlicensed learners, oldest first, read strongly consistent from the table itself:
     * what an assignment seats must include a learner added a moment before (an index may lag).
     */
    List<Learner> unlicensedNow(CompanyId companyId);

    /** Which of these (normalised) emails are already users of the company, and whose. */
    Map<String, UserId> existingEmails(CompanyId companyId, Collection<String> emails);

    /**
     * Hands {@code found} what each user of the company whose (normalised) email is one of {@code emails} holds,
     * once; an email nobody has is never handed. Read strongly consistent, by whichever read costs less for the
     * share of the company the emails name (docs/data-model.md, "Matching a file's emails to learners"); only the
     * licence is brought back, not the whole user. Handed one at a time, not returned, so that a 100,000-row file
     * never holds 100,000 users at once.
     */
    void withEmails(CompanyId companyId, Collection<String> emails,
                    java.util.function.Consumer<LearnerLicence> found);

    /**
     * Hands {@code found} each learner of these ids that exists, once, in no particular order. Read strongly
     * consistent, by key or page by page as {@link #withEmails}, whichever costs less for the share of the company
     * the ids name (docs/data-model.md, "Reading the users in segments").
     */
    void withIds(CompanyId companyId, Collection<UserId> learnerIds, java.util.function.Consumer<Learner> found);

    /** Learners of one status as of {@code now} (an expiry in the past reads as expired), oldest first. */
    Page<Learner> list(Company company, Optional<LicenceStatus> status, Optional<String> q, Instant now,
                       PageRequest page);

    /** Every learner of the company with this status as of {@code now}, oldest first. */
    List<Learner> all(Company company, LicenceStatus status, Instant now);

    Map<LicenceStatus, Integer> count(Company company, Instant now);

    /**
     * Creates the learners and takes {@code seats} from the pools, all at once or not at all. Every write here
     * that moves a learner in or out of unlicensed, archived or a trial licence changes the company's counters
     * in the same write (docs/data-model.md, "Licence counts on the company item").
     *
     * @throws SeatsTaken when a pool no longer has the seats
     * @throws EmailsTaken when some emails became users meanwhile
     */
    void add(CompanyId companyId, List<Learner> learners, List<SeatTake> seats, Instant now);

    /**
     * The most learners one {@link #add} creates, all or nothing, when their seats come from {@code pools} pools:
     * a store writes only so much at once. A use case adds more in parts of this size, each part whole.
     */
    int mostAddedAtOnce(int pools);

    /**
     * Gives each learner its new licence (from {@code before} to {@code after}), taking {@code seats}
     * from the pools, or from {@code reservation} when its seats were reserved first. All at once or
     * not at all.
     *
     * @throws SeatsTaken when a pool no longer has the seats
     * @throws LearnersChanged when a learner is no longer as read
     */
    default void allocate(CompanyId companyId, List<Change> changes, List<SeatTake> seats,
                          Optional<Reservation> reservation, Instant now) {
        allocate(companyId, changes, seats, reservation, now, List.of());
    }

    /**
     * The same, and in the same transaction, records the {@code settled} pools' assignments done: they owe
     * the unlicensed learners no more seats (the last chunk {@link SeatingUnlicensed} seats).
     */
    void allocate(CompanyId companyId, List<Change> changes, List<SeatTake> seats,
                  Optional<Reservation> reservation, Instant now, List<LicencePool> settled);

    /**
     * The most learners one {@link #allocate} from a reservation gives new licences, all or nothing, when the
     * write changes {@code otherItems} items besides them and the reservation: the pools whose seats they leave
     * (which get those seats back in the same write), and the company's counters when any of them held no seat.
     */
    int mostAllocatedFromReservation(int otherItems);

    /** Removes the learner for good, and frees its seat. @throws LearnersChanged when it is gone already */
    void delete(Learner learner);

    /** Every learner of the company (any status, managers included), read strongly consistent, oldest id first. */
    List<Learner> everyone(CompanyId companyId);

    /** The learners a directory knows by this id (not indexed: reads the company's users with a filter). */
    List<Learner> withExternalId(CompanyId companyId, String externalId);

    /**
     * Changes a learner's email, names or external id, moving its email claim when the email changes.
     *
     * @throws EmailsTaken when the new email is another user's
     * @throws LearnersChanged when the learner is no longer as read
     */
    void changeDetails(Learner before, Learner after, Instant now);

    record Change(Learner before, Learner after) {
    }

    final class SeatsTaken extends RuntimeException {
        public SeatsTaken(Throwable cause) {
            super("another request took the seats first", cause);
        }
    }

    final class EmailsTaken extends RuntimeException {
        private final Set<String> emails;

        public EmailsTaken(Set<String> emails, Throwable cause) {
            super("emails became users meanwhile: " + emails, cause);
            this.emails = Set.copyOf(emails);
        }

        public Set<String> emails() {
            return emails;
        }
    }

    final class LearnersChanged extends RuntimeException {
        private final Set<UserId> learners;

        public LearnersChanged(Set<UserId> learners, Throwable cause) {
            super("learners changed meanwhile: " + learners, cause);
            this.learners = Set.copyOf(learners);
        }

        public Set<UserId> learners() {
            return learners;
        }
    }
}
