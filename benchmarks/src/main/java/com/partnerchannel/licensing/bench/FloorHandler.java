package com.partnerchannel.licensing.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

import java.net.URI;
import java.util.Map;

/**
 * The floor of a cold start: the least a Java function that answers from DynamoDB can do. Its
 * constructor builds the same client as the functions (url-connection HTTP client, endpoint from the
 * environment); {@code handleRequest} makes exactly one {@code GetItem}, for the company named in the
 * path, and answers without JSON. It reads the company item's key by hand on purpose: the core's key
 * builders would bring the core's wiring in, and that is what the floor leaves out.
 */
public final class FloorHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final DynamoDbClient dynamo;
    private final String table;

    public FloorHandler() {
        table = System.getenv("TABLE_NAME");
        if (table == null || table.isBlank()) throw new IllegalStateException("TABLE_NAME is not set");
        DynamoDbClientBuilder builder = DynamoDbClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder());
        String endpoint = System.getenv("AWS_ENDPOINT_URL_DYNAMODB");
        if (endpoint != null && !endpoint.isBlank()) builder.endpointOverride(URI.create(endpoint));
        dynamo = builder.build();
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        String companyId = event.getPathParameters().get("companyId");
        GetItemResponse found = dynamo.getItem(GetItemRequest.builder().tableName(table)
                .key(Map.of("PK", AttributeValue.builder().s("C#" + companyId).build(),
                        "SK", AttributeValue.builder().s("COMPANY").build()))
                .build());
        boolean exists = found.hasItem() && !found.item().isEmpty();
        return APIGatewayV2HTTPResponse.builder().withStatusCode(exists ? 200 : 404)
                .withHeaders(Map.of("content-type", "text/plain"))
                .withBody(exists ? found.item().get("name").s() : "no company " + companyId).build();
    }
}
