package com.partnerchannel.licensing.api;

import com.partnerchannel.licensing.testing.InProcessApi;

import static org.assertj.core.api.Assertions.assertThat;

/** What an answer under injected faults may be (docs/faults.md), for the tests that inject them. */
final class FaultAnswers {
    private FaultAnswers() {
    }

    /** A problem the caller is told to send again: a 409 of a resource that kept changing, or a 503, with Retry-After. */
    static boolean isRetryable(InProcessApi.Response response) {
        return (response.status() == 409 || response.status() == 503) && response.headers().containsKey("Retry-After");
    }

    /** A success, or a problem the contract documents: never a 500, a 503 or a "kept changing" 409 says when to come back. */
    static void isASuccessOrADocumentedProblem(InProcessApi.Response response) {
        if (response.status() < 300) return;
        assertThat(response.status()).as(response.toString()).isIn(400, 404, 409, 503);
        assertThat(response.headers().get("Content-Type")).isEqualTo("application/problem+json");
        if (response.status() == 503) assertThat(response.headers()).as(response.toString()).containsEntry("Retry-After", "2");
        if (response.json().path("detail").asText().contains("kept changing")) {
            assertThat(response.headers()).as(response.toString()).containsEntry("Retry-After", "1");
        }
    }
}
