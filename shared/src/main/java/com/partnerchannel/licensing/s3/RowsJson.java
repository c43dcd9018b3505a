package com.partnerchannel.licensing.s3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.partnerchannel.licensing.renewal.model.NotRenewedReason;
import com.partnerchannel.licensing.renewal.model.Row;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Rows of an analysis as JSON: the same shape in the bucket and in the import item's preview. */
public final class RowsJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RowsJson() {
    }

    public static ArrayNode write(List<Row> rows) {
        ArrayNode array = JSON.createArrayNode();
        for (Row row : rows) {
            ObjectNode node = array.addObject().put("row", row.row()).put("email", row.email());
            row.learnerId().ifPresent(id -> node.put("learnerId", id));
            row.reason().ifPresent(reason -> node.put("reason", reason.name()));
        }
        return array;
    }

    public static List<Row> read(JsonNode array) {
        List<Row> rows = new ArrayList<>();
        for (JsonNode node : array) {
            rows.add(new Row(node.path("row").asInt(), node.path("email").asText(),
                    node.hasNonNull("learnerId") ? Optional.of(node.path("learnerId").asText()) : Optional.empty(),
                    node.hasNonNull("reason") ? Optional.of(NotRenewedReason.valueOf(node.path("reason").asText()))
                            : Optional.empty()));
        }
        return rows;
    }

    static ObjectMapper mapper() {
        return JSON;
    }
}
