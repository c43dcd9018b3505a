package com.partnerchannel.licensing.directory.application;

import com.partnerchannel.licensing.allocation.application.AddingLearners;
import com.partnerchannel.licensing.allocation.application.ArchivingLearners;
import com.partnerchannel.licensing.allocation.application.Learners;
import com.partnerchannel.licensing.allocation.model.Learner;
import com.partnerchannel.licensing.allocation.model.LearnerRole;
import com.partnerchannel.licensing.allocation.model.LearnerSource;
import com.partnerchannel.licensing.common.Ids;
import com.partnerchannel.licensing.common.Problem;
import com.partnerchannel.licensing.common.Text;
import com.partnerchannel.licensing.directory.model.DirectoryUser;
import com.partnerchannel.licensing.tenancy.application.Companies;
import com.partnerchannel.licensing.tenancy.model.Company;
import com.partnerchannel.licensing.tenancy.model.CompanyId;
import com.partnerchannel.licensing.tenancy.model.Emails;
import com.partnerchannel.licensing.tenancy.model.UserId;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * A company's directory keeping its learners in step (rule 12): a user it creates is a new learner
 * ({@code source} {@code directory}, rule 6); one it deactivates is archived, reactivated restored;
 * one it deletes is deleted for good (rule 9). The company is the token's: nothing here reaches another.
 * The company's managers may be synced too: deactivating one archives its learner only (it stays a
 * manager, so the company is never left without one); deleting one is refused, as rule 9 says.
 */
public final class SyncingUsers {
    static final int MAX_NAME = 100;

    private final Companies companies;
    private final Learners learners;
    private final AddingLearners adding;
    private final ArchivingLearners archiving;
    private final Ids ids;
    private final Clock clock;

    public SyncingUsers(Companies companies, Learners learners, AddingLearners adding, ArchivingLearners archiving,
                        Ids ids, Clock clock) {
        this.companies = companies;
        this.learners = learners;
        this.adding = adding;
        this.archiving = archiving;
        this.ids = ids;
        this.clock = clock;
    }

    /** The email is the company's already: the directory should match the user, not create it. */
    public static final class UserNameTaken extends RuntimeException {
        public UserNameTaken(String userName) {
            super("a user with userName " + userName + " exists in this company");
        }
    }

    /** The token's company (a token is only made for a customer; one deleted since names none). */
    public Optional<Company> company(CompanyId companyId) {
        return companies.get(companyId).filter(Company::isCustomer);
    }

    public Learner get(Company company, UserId userId) {
        return learners.get(company.companyId(), userId).filter(Learner::holdsLicences)
                .orElseThrow(() -> Problem.notFound("User", userId.value()));
    }

    public Optional<Learner> byUserName(Company company, String userName) {
        String email = Learner.normalise(userName);
        return Optional.ofNullable(learners.existingEmails(company.companyId(), List.of(email)).get(email))
                .flatMap(id -> learners.get(company.companyId(), id)).filter(Learner::holdsLicences);
    }

    public List<Learner> byExternalId(Company company, String externalId) {
        return learners.withExternalId(company.companyId(), externalId);
    }

    public List<Learner> everyone(Company company) {
        return learners.everyone(company.companyId());
    }

    public Learner create(Company company, DirectoryUser user) {
        String email = requireValid(user);
        // No read first: the email claim's condition in the add's transaction is the check (a taken one is the 409).
        Learner candidate = Learner.newUser(new UserId(ids.next()), company.companyId(), email, user.givenName(),
                user.familyName(), LearnerRole.learner, LearnerSource.directory, clock.instant()).withExternalId(user.externalId());
        Learner created;
        try {
            created = adding.addOne(company, candidate);
        } catch (Learners.EmailsTaken e) {
            throw new UserNameTaken(email);
        }
        return user.active() ? created : archiving.archive(company, created);
    }

    /** The user as the directory now has it: details first, then archived or restored as {@code active} says. */
    public Learner replace(Company company, UserId userId, DirectoryUser user) {
        return replace(company, get(company, userId), user);
    }

    /** The same, for a user the request read already ({@link #get(Company, UserId)}). */
    public Learner replace(Company company, Learner read, DirectoryUser user) {
        String email = requireValid(user);
        UserId userId = read.learnerId();
        Learner current = read;
        Learner changed = current.withDetails(email, user.givenName(), user.familyName(), user.externalId());
        if (!changed.equals(current)) {
            try {
                learners.changeDetails(current, changed, clock.instant());
            } catch (Learners.EmailsTaken e) {
                throw new UserNameTaken(email);
            } catch (Learners.LearnersChanged e) {
                throw Problem.conflict("User " + userId + " changed meanwhile; read it again");
            }
            current = get(company, userId);
        }
        return user.active() ? archiving.restore(company, current) : archiving.archive(company, current);
    }

    public void delete(Company company, UserId userId) {
        Learner learner = get(company, userId);
        if (company.managers().stream().anyMatch(m -> m.userId().equals(userId))) {
            throw Problem.conflict(learner.email() + " is a manager of " + company.name()
                    + "; a company's managers cannot be deleted (deactivate the user instead: that archives it)");
        }
        try {
            learners.delete(learner);
        } catch (Learners.LearnersChanged e) {
            throw Problem.conflict("User " + userId + " changed meanwhile; read it again");
        }
    }

    private static String requireValid(DirectoryUser user) {
        if (user.userName() == null || user.userName().isBlank()) throw Problem.invalid("userName", "is required");
        String email = user.userName().strip();
        if (!Emails.isEmail(email)) {
            throw Problem.invalid("userName", "must be the user's email address (map the directory's email or"
                    + " user principal name to userName)");
        }
        requireName("name.givenName", user.givenName());
        requireName("name.familyName", user.familyName());
        if (user.externalId().map(id -> id.length() > 255 || Text.forbiddenInOneLine(id).isPresent()).orElse(false)) {
            throw Problem.invalid("externalId", "must be one line of at most 255 visible characters");
        }
        return email;
    }

    private static void requireName(String field, String name) {
        if (name.length() > MAX_NAME) throw Problem.invalid(field, "must be at most " + MAX_NAME + " characters");
        if (Text.forbiddenInOneLine(name).isPresent()) throw Problem.invalid(field, "must be one line of visible text");
    }
}
