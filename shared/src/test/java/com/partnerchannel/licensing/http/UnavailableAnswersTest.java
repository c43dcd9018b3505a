package com.partnerchannel.licensing.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.partnerchannel.licensing.common.Problem;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.InternalServerErrorException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.RequestLimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;

import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a caller hears when AWS stays busy after the SDK's retries, or when the rules' own retries ran
 * out: a problem it may send again, with Retry-After; a 500 only for what retrying cannot mend.
 */
class UnavailableAnswersTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void throttlesAndServerErrorsAfterTheSdksRetriesAre503WithRetryAfter() throws Exception {
        for (RuntimeException busy : new RuntimeException[]{
                ProvisionedThroughputExceededException.builder().awsErrorDetails(details("ProvisionedThroughputExceededException", 400)).statusCode(400).build(),
                DynamoDbException.builder().awsErrorDetails(details("ThrottlingException", 400)).statusCode(400).build(),
                RequestLimitExceededException.builder().awsErrorDetails(details("RequestLimitExceeded", 400)).statusCode(400).build(),
                InternalServerErrorException.builder().awsErrorDetails(details("InternalServerError", 500)).statusCode(500).build(),
                TransactionCanceledException.builder().awsErrorDetails(details("TransactionCanceledException", 400)).statusCode(400)
                        .cancellationReasons(reason("None"), reason("ThrottlingError")).build(),
                new IllegalStateException("wrapped", ProvisionedThroughputExceededException.builder()
                        .awsErrorDetails(details("ProvisionedThroughputExceededException", 400)).statusCode(400).build())}) {
            APIGatewayV2HTTPResponse response = answerFailingWith(busy);

            assertThat(response.getStatusCode()).as(busy.toString()).isEqualTo(503);
            assertThat(response.getHeaders()).containsEntry("Retry-After", "2")
                    .containsEntry("Content-Type", "application/problem+json");
            JsonNode problem = JSON.readTree(response.getBody());
            assertThat(problem.path("type").asText()).isEqualTo(Responses.PROBLEM_TYPES + "unavailable");
            assertThat(problem.path("status").asInt()).isEqualTo(503);
        }
    }

    @Test
    void aTransactionCancelledByItsOwnConditionsOrAnythingElseUnexpectedStaysA500WithoutRetryAfter() {
        for (RuntimeException broken : new RuntimeException[]{
                TransactionCanceledException.builder().awsErrorDetails(details("TransactionCanceledException", 400)).statusCode(400)
                        .cancellationReasons(reason("ValidationError")).build(),
                DynamoDbException.builder().awsErrorDetails(details("ValidationException", 400)).statusCode(400).build(),
                new IllegalStateException("a bug")}) {
            APIGatewayV2HTTPResponse response = answerFailingWith(broken);

            assertThat(response.getStatusCode()).as(broken.toString()).isEqualTo(500);
            assertThat(response.getHeaders()).doesNotContainKey("Retry-After");
        }
    }

    @Test
    void aResourceThatKeptChangingIsA409WithRetryAfterWhereAStateConflictHasNone() {
        APIGatewayV2HTTPResponse keptChanging = answerFailingWith(Problem.keptChanging("the company's seats kept changing; try again"));
        APIGatewayV2HTTPResponse stateConflict = answerFailingWith(Problem.conflict("order 1 is assigned"));

        assertThat(keptChanging.getStatusCode()).isEqualTo(409);
        assertThat(keptChanging.getHeaders()).containsEntry("Retry-After", "1");
        assertThat(stateConflict.getStatusCode()).isEqualTo(409);
        assertThat(stateConflict.getHeaders()).doesNotContainKey("Retry-After");
    }

    @Test
    void aSingleItemWriteATransactionKeptRefusingIsA409WithRetryAfter() {
        APIGatewayV2HTTPResponse response = answerFailingWith(TransactionConflictException.builder()
                .awsErrorDetails(details("TransactionConflictException", 400)).statusCode(400).build());

        assertThat(response.getStatusCode()).isEqualTo(409);
        assertThat(response.getHeaders()).containsEntry("Retry-After", "1");
    }

    private static APIGatewayV2HTTPResponse answerFailingWith(RuntimeException failure) {
        HttpFunction function = new HttpFunction() {
            @Override
            protected Map<String, Function<ApiRequest, APIGatewayV2HTTPResponse>> routes() {
                return Map.of("GET /things", request -> {
                    throw failure;
                });
            }
        };
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setRouteKey("GET /things");
        event.setRawPath("/things");
        event.setHeaders(Map.of());
        return function.handleRequest(event, null);
    }

    private static AwsErrorDetails details(String code, int status) {
        return AwsErrorDetails.builder().errorCode(code).errorMessage(code).serviceName("DynamoDb").build();
    }

    private static CancellationReason reason(String code) {
        return CancellationReason.builder().code(code).build();
    }
}
