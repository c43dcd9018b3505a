package com.partnerchannel.licensing.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.partnerchannel.licensing.testing.TemplateTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
    void tokensAndEmailsOfAnEarlierRunWithTheSameDataDirectoryAndPortStillWork() {
        LocalOptions options = LocalOptions.defaults().withPort(0).withDataDir(dataDir);
        String customerManager;
        String orderId;
        int port;
        JsonNode emails;
        try (LocalRunner first = LocalRunner.start(options)) {
            port = first.port();
            DemoTree demo = first.demo().orElseThrow();
            ApiClient api = new ApiClient(first.baseUrl());
            customerManager = first.authorizer().mint(demo.premiumCustomer().identity());
            ApiClient.Answer ordered = api.post("/companies/" + demo.premiumCustomer().companyId() + "/orders",
                    customerManager, "{\"quantity\":7}");
            assertThat(ordered.status()).as(ordered.toString()).isEqualTo(201);
            orderId = ordered.json().path("orderId").asText();
            emails = api.get("/local/emails", null).json().path("items");
            assertThat(subjects(emails)).anyMatch(subject -> subject.contains("requested 7 licences"));
        }

        try (LocalRunner second = LocalRunner.start(options.withPort(port))) {
            ApiClient api = new ApiClient(second.baseUrl());

            ApiClient.Answer order = api.get("/orders/" + orderId, customerManager);
            assertThat(order.status()).as(order.toString()).isEqualTo(200);
            assertThat(api.get("/local/emails", null).json().path("items")).isEqualTo(emails);
        }
    }

    @Test
    void aTokenOfAnEarlierRunWithoutADataDirectorySaysToGetANewOne() {
        String earlier;
        try (LocalRunner first = LocalRunner.start(LocalOptions.defaults().withPort(0).withoutSeed())) {
            earlier = new ApiClient(first.baseUrl()).token("platform-admin", "PLATFORM", "platform_admin");
        }

        try (LocalRunner second = LocalRunner.start(LocalOptions.defaults().withPort(0).withoutSeed())) {
            ApiClient.Answer answer = new ApiClient(second.baseUrl()).get("/companies", earlier);

            assertThat(answer.status()).isEqualTo(401);
            assertThat(answer.json().path("detail").asText()).contains("earlier run").contains("POST /local/token")
                    .contains("--data-dir").doesNotContain("Signed JWT rejected");
        }
    }

    private static List<String> subjects(JsonNode emails) {
        List<String> subjects = new ArrayList<>();
        emails.forEach(email -> subjects.add(email.path("subject").asText()));
        return subjects;
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
