package com.partnerchannel.licensing.local;

import com.partnerchannel.licensing.http.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The demo companies the seed made, and who manages each: enough to mint their tokens again after a
 * restart (the key pair, so every token, is new each start). Kept as {@code demo.json} in the data
 * directory.
 */
public record DemoTree(Member platformAdmin, Member distributor, Member msp, Member premiumCustomer,
                       Member trialCustomer) {
    static final String FILE = "demo.json";

    /** One company of the tree (the platform admin's is {@code PLATFORM}) and the identity that acts for it. */
    public record Member(String label, String companyId, String companyName, LocalAuthorizer.Identity identity) {
    }

    public List<Member> members() {
        return List.of(platformAdmin, distributor, msp, premiumCustomer, trialCustomer);
    }

    void save(Path dataDir) {
        try {
            Files.writeString(dataDir.resolve(FILE), Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(this));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dataDir.resolve(FILE), e);
        }
    }

    static Optional<DemoTree> load(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        if (!Files.isRegularFile(file)) return Optional.empty();
        try {
            return Optional.of(Json.MAPPER.readValue(file.toFile(), DemoTree.class));
        } catch (IOException e) {
            System.err.println("ignoring " + file + ": " + e.getMessage());
            return Optional.empty();
        }
    }
}
