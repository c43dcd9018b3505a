package com.partnerchannel.licensing.dynamodb;

import com.partnerchannel.licensing.config.Ports;
import com.partnerchannel.licensing.contract.PortContract;
import com.partnerchannel.licensing.directory.model.DirectoryToken;
import com.partnerchannel.licensing.directory.model.DirectoryTokenId;
import com.partnerchannel.licensing.directory.model.TokenText;
import com.partnerchannel.licensing.faults.DynamoDbFaults;
import com.partnerchannel.licensing.faults.Faults;
import com.partnerchannel.licensing.notification.application.SentEmails.Claim;
import com.partnerchannel.licensing.renewal.application.RenewalImports;
import com.partnerchannel.licensing.renewal.model.ImportId;
import com.partnerchannel.licensing.renewal.model.NewRenewalImport;
import com.partnerchannel.licensing.renewal.model.Reanalysis;
import com.partnerchannel.licensing.renewal.model.RenewalImport;
import com.partnerchannel.licensing.tenancy.model.Actor;
import com.partnerchannel.licensing.tenancy.model.Company;
import com.partnerchannel.licensing.tenancy.model.Plan;
import com.partnerchannel.licensing.tenancy.model.Role;
import com.partnerchannel.licensing.tenancy.model.UserId;
import com.partnerchannel.licensing.testing.LocalDynamoDb;
import com.partnerchannel.licensing.testing.TemplateTable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A conditional single write (PutItem with a condition) whose first attempt committed and whose answer was
 * lost: the SDK sends it again, and the retry meets its own write as ConditionalCheckFailed. The adapters
 * recognise their own write there, instead of answering as if another writer had got there first: an
 * email's claim stays the claimer's to send (it was left "in doubt", and never sent), a directory token is
 * issued (it was a 409 naming a token whose secret nobody saw), an import's new version is saved (it was
 * "the import changed"), a token's revocation is a transaction whose retry DynamoDB answers as done (it was
 * "no such token"). DynamoDbFaults loses the answer of every write once, on a client over HTTP with
 * the SDK's retries.
 */
class AmbiguousCommitsIT extends PortContract {
    private static final AtomicInteger TABLES = new AtomicInteger();
    private static LocalDynamoDb.OverHttp dynamoDb;

    private final DynamoDbFaults faults = new DynamoDbFaults(Faults.parse("dynamodb-ambiguous-commit=1", 1606));

    @BeforeAll
    static void startDynamoDbLocal() {
        dynamoDb = LocalDynamoDb.overHttp();
    }

    @AfterAll
    static void stopDynamoDbLocal() {
        dynamoDb.close();
    }

    @Override
    protected Ports freshPorts(Clock clock) {
        faults.switchOn(false);
        String table = "ambiguous-" + TABLES.incrementAndGet();
        dynamoDb.client().createTable(TemplateTable.createTableRequest(table));
        return Ports.dynamo(dynamoDb.client(faults), table, clock);
    }

    @Test
    void anEmailClaimWhoseAnswerWasLostIsStillTheClaimersToSendAndNobodyElses() {
        Claim claimed = answerLost(() -> ports.sentEmails().claim("acme", "event-1", "ann@acme.test", clock.instant()));

        assertThat(claimed).isEqualTo(Claim.CLAIMED);
        assertThat(ports.sentEmails().claim("acme", "event-1", "ann@acme.test", clock.instant())).isEqualTo(Claim.IN_DOUBT);
    }

    @Test
    void aDirectoryTokenWhoseAnswerWasLostIsIssued() {
        Company acme = aCustomer(Plan.premium);
        DirectoryTokenId id = new DirectoryTokenId(ids.next());
        TokenText text = TokenText.issue(acme.companyId(), id);
        DirectoryToken token = new DirectoryToken(id, acme.companyId(), text.hash(), text.hint(), clock.instant(),
                "it-manager", Optional.empty());

        answerLost(() -> {
            ports.directoryTokens().add(token);
            return null;
        });

        assertThat(ports.directoryTokens().get(acme.companyId(), id)).contains(token);
    }

    @Test
    void aDirectoryTokenWhoseRevocationsAnswerWasLostIsRevokedNotUnknown() {
        Company acme = aCustomer(Plan.premium);
        DirectoryTokenId id = new DirectoryTokenId(ids.next());
        TokenText text = TokenText.issue(acme.companyId(), id);
        ports.directoryTokens().add(new DirectoryToken(id, acme.companyId(), text.hash(), text.hint(), clock.instant(),
                "it-manager", Optional.empty()));

        boolean removed = answerLost(() -> ports.directoryTokens().remove(acme.companyId(), id));

        assertThat(removed).as("removed").isTrue();
        assertThat(ports.directoryTokens().get(acme.companyId(), id)).isEmpty();
        assertThat(ports.directoryTokens().remove(acme.companyId(), id)).as("removed again").isFalse();
    }

    @Test
    void anImportVersionWhoseAnswerWasLostIsSavedAndAStaleOneStillRefused() {
        Company acme = aCustomer(Plan.premium);
        Actor manager = new Actor(acme.managers().get(0).userId(), acme.companyId(), Role.manager);
        RenewalImport started = RenewalImport.started(new ImportId(ids.next()), acme.companyId(), new UserId("u1"),
                clock.instant(), clock.instant().plus(Duration.ofHours(1)));
        commit(new NewRenewalImport(started));
        RenewalImport analysing = started.analysing(new Reanalysis("r1", "email", manager, clock.instant()));

        answerLost(() -> {
            ports.renewalImports().save(analysing);
            return null;
        });

        assertThat(ports.renewalImports().get(acme.companyId(), started.importId())).contains(analysing);
        RenewalImport stale = started.analysing(new Reanalysis("r2", "mail", manager, clock.instant()));
        assertThatThrownBy(() -> ports.renewalImports().save(stale)).isInstanceOf(RenewalImports.Changed.class);
    }

    /** {@code write} with its answer lost once and sent again by the SDK: one fault injected. */
    private <T> T answerLost(Supplier<T> write) {
        long before = faults.injected();
        faults.switchOn(true);
        try {
            return write.get();
        } finally {
            faults.switchOn(false);
            assertThat(faults.injected() - before).as("answers lost").isEqualTo(1);
        }
    }
}
