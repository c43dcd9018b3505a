package com.partnerchannel.licensing.expiry.application;

import com.partnerchannel.licensing.common.DomainEvent;
import com.partnerchannel.licensing.common.Ids;
import com.partnerchannel.licensing.common.Publish;
import com.partnerchannel.licensing.expiry.model.Expiring;
import com.partnerchannel.licensing.expiry.model.Expiry;
import com.partnerchannel.licensing.expiry.model.LicencesExpired;
import com.partnerchannel.licensing.expiry.model.LicencesExpiring;
import com.partnerchannel.licensing.expiry.model.Notice;
import com.partnerchannel.licensing.expiry.model.NoticeKind;
import com.partnerchannel.licensing.expiry.model.NoticeOutcome;
import com.partnerchannel.licensing.expiry.model.Verdict;
import com.partnerchannel.licensing.tenancy.application.Companies;
import com.partnerchannel.licensing.tenancy.model.Company;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The nightly run (rules 10 and 11): reads what expires from 8 days ago to 72 hours ahead through the
 * expiry index, records the notices that are due (each once, through the ledger, with its event),
 * and records expired state. Every step is idempotent, so a repeated, overlapping or crashed run
 * sends nothing twice, and a missed night is caught up by the next. After more than 8 days without a
 * completed run, the run reads back to the last completed one, so that what expired meanwhile is still
 * recorded: expired, and its notices skipped as too late.
 */
public final class SweepingExpiries {
    /** Back far enough that a late expiry notice is seen once more, to be recorded as skipped. */
    static final Duration LOOK_BACK = Notice.EXPIRY_LATEST.plusDays(1);

    private final ExpiringLicences expiring;
    private final NoticeLedger ledger;
    private final Companies companies;
    private final Ids ids;
    private final Clock clock;

    public SweepingExpiries(ExpiringLicences expiring, NoticeLedger ledger, Companies companies, Ids ids, Clock clock) {
        this.expiring = expiring;
        this.ledger = ledger;
        this.companies = companies;
        this.ids = ids;
        this.clock = clock;
    }

    public Sweep sweep() {
        Instant now = clock.instant();
        Instant from = now.minus(LOOK_BACK);
        Optional<Instant> lastCompleted = expiring.lastCompletedSweep();
        if (lastCompleted.isPresent() && lastCompleted.get().isBefore(from)) from = lastCompleted.get();
        Instant to = now.plus(Notice.REMINDER_AHEAD);
        List<Expiring> entries = expiring.between(from, to);
        Map<Expiry.Key, List<Expiring>> groups = new LinkedHashMap<>();
        for (Expiring entry : entries) groups.computeIfAbsent(entry.groupKey(), key -> new ArrayList<>()).add(entry);

        Counts counts = new Counts();
        List<String> failures = new ArrayList<>();
        for (Map.Entry<Expiry.Key, List<Expiring>> group : groups.entrySet()) {
            Expiry expiry = new Expiry(group.getKey(), group.getValue());
            try {
                sweep(expiry, now, counts);
            } catch (RuntimeException e) {
                // One customer's failure must not hold up the others; the run fails at the end, so it is retried.
                failures.add(expiry.key() + ": " + e);
            }
        }
        if (failures.isEmpty()) expiring.sweepCompleted(now);
        return new Sweep(now, from, to, entries.size(), counts.reminders, counts.expiryNotices, counts.skipped,
                counts.alreadyRecorded, counts.recordedExpired, failures);
    }

    private void sweep(Expiry expiry, Instant now, Counts counts) {
        Optional<Company> company = Optional.empty();
        for (NoticeKind kind : NoticeKind.values()) {
            Notice notice = expiry.notice(kind);
            Verdict verdict = notice.verdictAt(now);
            if (verdict == Verdict.NOT_YET) continue;
            Optional<Publish> event = Optional.empty();
            if (verdict == Verdict.SEND) {
                if (company.isEmpty()) company = companies.get(expiry.key().companyId());
                String name = company.map(Company::name).orElse(expiry.key().companyId().value());
                DomainEvent domainEvent = kind == NoticeKind.reminder
                        ? new LicencesExpiring(expiry, name, now) : new LicencesExpired(expiry, name, now);
                event = Optional.of(new Publish(ids.next(), domainEvent));
            }
            NoticeOutcome outcome = verdict == Verdict.SEND ? NoticeOutcome.published : NoticeOutcome.skipped;
            if (!ledger.record(notice, outcome, event, now)) counts.alreadyRecorded++;
            else if (outcome == NoticeOutcome.skipped) counts.skipped++;
            else if (kind == NoticeKind.reminder) counts.reminders++;
            else counts.expiryNotices++;
        }
        if (!now.isBefore(expiry.key().expiresAt())) {
            for (Expiring entry : expiry.entries()) {
                if (entry.recordedExpired()) continue;
                expiring.recordExpired(entry, now);
                counts.recordedExpired++;
            }
        }
    }

    private static final class Counts {
        int reminders;
        int expiryNotices;
        int skipped;
        int alreadyRecorded;
        int recordedExpired;
    }
}
