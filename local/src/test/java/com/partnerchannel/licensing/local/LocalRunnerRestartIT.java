package com.partnerchannel.licensing.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.partnerchannel.licensing.testing.TemplateTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalRunnerRestartIT {
    @TempDir
    Path dataDir;

    @Test
    void restartingWithTheSameDataDirectoryKeepsTheDataAndDoesNotSeedAgain() {
        LocalOptions options = LocalOptions.defaults().withPort(0).withDataDir(dataDir);
        DemoTree seeded;
        String orderId;
        try (LocalRunner first = LocalRunner.start(options)) {
            assertThat(first.seeded()).isTrue();
            seeded = first.demo().orElseThrow();
            ApiClient api = new ApiClient(first.baseUrl());
            ApiClient.Answer ordered = api.post("/companies/" + seeded.premiumCustomer().companyId() + "/orders",
                    first.authorizer().mint(seeded.premiumCustomer().identity()), "{\"quantity\":7}");
            assertThat(ordered.status()).as(ordered.toString()).isEqualTo(201);
            orderId = ordered.json().path("orderId").asText();
        }

        try (LocalRunner second = LocalRunner.start(options)) {
            ApiClient api = new ApiClient(second.baseUrl());
            assertThat(second.seeded()).isFalse();
            assertThat(second.demo()).contains(seeded);

            JsonNode topLevel = api.get("/companies", api.token("platform-admin", "PLATFORM", "platform_admin"))
                    .json().path("items");
            assertThat(topLevel).hasSize(1);
            assertThat(topLevel.path(0).path("name").asText()).isEqualTo("Northwind Distribution");

            String mspManager = second.authorizer().mint(seeded.msp().identity());
            assertThat(api.get("/companies?parentId=" + seeded.msp().companyId(), mspManager).json().path("items")).hasSize(2);
            ApiClient.Answer order = api.get("/orders/" + orderId, mspManager);
            assertThat(order.status()).as(order.toString()).isEqualTo(200);
            assertThat(order.json().path("quantity").asInt()).isEqualTo(7);
            assertThat(order.json().path("status").asText()).isEqualTo("requested");
        }
    }

    @Test
    void aDataDirectoryWhoseTableNoLongerMatchesTheTemplateIsRefusedWithAClearMessage() throws Exception {
        Path template = TemplateTable.templatePath();
        Path olderTemplate = Files.createDirectories(dataDir.resolve("older")).resolve("template.yaml");
        Files.writeString(olderTemplate, Files.readString(template).replace("IndexName: GSI3", "IndexName: GSI3Old"));
        Path tableDir = dataDir.resolve("table");
        try (LocalRunner older = LocalRunner.start(LocalOptions.defaults().withPort(0).withDataDir(tableDir).withoutSeed()
                .withTemplate(olderTemplate))) {
            assertThat(older.gateway().routes()).isNotEmpty();
        }

        assertThatThrownBy(() -> LocalRunner.start(LocalOptions.defaults().withPort(0).withDataDir(tableDir).withoutSeed()
                .withTemplate(template)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is not the one template.yaml declares now")
                .hasMessageContaining("GSI3Old");
    }
}
