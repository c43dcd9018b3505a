package com.partnerchannel.licensing.directory.model;

import java.util.Optional;

/**
 * What a company's directory says about one of its users: its email ({@code userName}), names, its own
 * id for the user, and whether the user is active. An inactive user is an archived learner.
 */
public record DirectoryUser(String userName, String givenName, String familyName, Optional<String> externalId,
                            boolean active) {
    public DirectoryUser {
        givenName = givenName == null ? "" : givenName.strip();
        familyName = familyName == null ? "" : familyName.strip();
        externalId = externalId == null ? Optional.empty() : externalId.map(String::strip).filter(id -> !id.isEmpty());
    }
}
