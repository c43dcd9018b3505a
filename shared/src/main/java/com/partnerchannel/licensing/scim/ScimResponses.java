package com.partnerchannel.licensing.scim;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.partnerchannel.licensing.http.Json;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** SCIM answers: resources and errors as {@code application/scim+json} (RFC 7644 §3.1, §3.12). */
public final class ScimResponses {
    private ScimResponses() {
    }

    public static APIGatewayV2HTTPResponse resource(int status, Map<String, Object> body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", ScimSchemas.MEDIA_TYPE);
        if (body.get("meta") instanceof Map<?, ?> meta) {
            if (meta.get("version") != null) headers.put("ETag", String.valueOf(meta.get("version")));
            if (status == 201 && meta.get("location") != null) headers.put("Location", String.valueOf(meta.get("location")));
        }
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status).withHeaders(headers)
                .withBody(Json.write(body)).build();
    }

    public static APIGatewayV2HTTPResponse noContent() {
        return APIGatewayV2HTTPResponse.builder().withStatusCode(204).withHeaders(Map.of()).build();
    }

    public static APIGatewayV2HTTPResponse error(int status, String scimType, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("schemas", List.of(ScimSchemas.ERROR));
        body.put("status", Integer.toString(status));
        if (scimType != null) body.put("scimType", scimType);
        body.put("detail", detail);
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status)
                .withHeaders(Map.of("Content-Type", ScimSchemas.MEDIA_TYPE)).withBody(Json.write(body)).build();
    }

    public static APIGatewayV2HTTPResponse error(ScimError error) {
        return error(error.status(), error.scimType(), error.getMessage());
    }

    /** A ListResponse (RFC 7644 §3.4.2): one page of {@code total} resources, from {@code startIndex} (1-based). */
    public static Map<String, Object> list(List<?> resources, int total, int startIndex) {
        Map<String, Object> list = new LinkedHashMap<>();
        list.put("schemas", List.of(ScimSchemas.LIST));
        list.put("totalResults", total);
        list.put("startIndex", startIndex);
        list.put("itemsPerPage", resources.size());
        list.put("Resources", resources);
        return list;
    }
}
