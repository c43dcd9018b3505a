package com.partnerchannel.licensing.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.partnerchannel.licensing.renewal.model.Analysis;
import com.partnerchannel.licensing.renewal.model.ConfirmResult;
import com.partnerchannel.licensing.renewal.model.IgnoredUploads;
import com.partnerchannel.licensing.renewal.model.Confirmation;
import com.partnerchannel.licensing.renewal.model.ImportFailure;
import com.partnerchannel.licensing.renewal.model.ImportId;
import com.partnerchannel.licensing.renewal.model.ImportStatus;
import com.partnerchannel.licensing.renewal.model.NotRenewedReason;
import com.partnerchannel.licensing.renewal.model.Reanalysis;
import com.partnerchannel.licensing.renewal.model.RenewalImport;
import com.partnerchannel.licensing.s3.RowsJson;
import com.partnerchannel.licensing.renewal.model.Upload;
import com.partnerchannel.licensing.tenancy.model.Actor;
import com.partnerchannel.licensing.tenancy.model.CompanyId;
import com.partnerchannel.licensing.tenancy.model.Role;
import com.partnerchannel.licensing.tenancy.model.UserId;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.partnerchannel.licensing.dynamodb.Attr.s;

/**
 * Renewal import: PK {@code C#<companyId>}, SK {@code IMPORT#<importId>}; the analysis summary (counts and
 * the first rows of each list) as JSON; every row is kept in the bucket, under {@code results/}.
 */
final class RenewalImportItems {
    static final String PREFIX = "IMPORT#";
    private static final ObjectMapper JSON = new ObjectMapper();

    private RenewalImportItems() {
    }

    static Map<String, AttributeValue> key(CompanyId companyId, ImportId importId) {
        return Map.of(Keys.PK, s(Keys.company(companyId.value())), Keys.SK, s(PREFIX + importId.value()));
    }

    /** Every save of an import is conditional on nobody having changed it since it was read. */
    static final String UNCHANGED = "#version = :previous";
    static final Map<String, String> UNCHANGED_NAMES = Map.of("#version", "version");

    /** The values of {@link #UNCHANGED} for saving {@code updated}: the version it was read at. */
    static Map<String, AttributeValue> unchangedValues(RenewalImport updated) {
        return Map.of(":previous", Attr.n(updated.version() - 1));
    }

    static Map<String, AttributeValue> toItem(RenewalImport i) {
        Map<String, AttributeValue> item = new HashMap<>(key(i.companyId(), i.importId()));
        item.put("type", s("renewalImport"));
        item.put("importId", s(i.importId().value()));
        item.put("companyId", s(i.companyId().value()));
        item.put("status", s(i.status().name()));
        item.put("createdBy", s(i.createdBy().value()));
        item.put("createdAt", Attr.t(i.createdAt()));
        item.put("uploadKey", s(i.uploadKey()));
        item.put("uploadExpiresAt", Attr.t(i.uploadExpiresAt()));
        item.put("version", Attr.n(i.version()));
        i.upload().ifPresent(u -> item.put("upload", s(write(upload(u)))));
        i.analysis().ifPresent(a -> item.put("analysis", s(write(analysis(a)))));
        i.failure().ifPresent(f -> item.put("failure", s(write(JSON.createObjectNode()
                .put("code", f.code().name()).put("message", f.message())))));
        i.result().ifPresent(r -> item.put("result", s(write(JSON.createObjectNode().put("analysisId", r.analysisId())
                .put("renewed", r.renewed()).put("excluded", r.excluded()).put("skipped", r.skipped())
                .put("confirmedAt", r.confirmedAt().toString())))));
        i.confirmation().ifPresent(c -> item.put("confirmation", s(write(confirmation(c)))));
        i.reanalysis().ifPresent(r -> item.put("reanalysis", s(write(reanalysis(r)))));
        if (i.ignoredUploads().count() > 0) item.put("ignoredUploads", s(write(ignoredUploads(i.ignoredUploads()))));
        return item;
    }

    private static ObjectNode ignoredUploads(IgnoredUploads ignored) {
        ObjectNode node = JSON.createObjectNode().put("count", ignored.count());
        ArrayNode latest = node.putArray("latest");
        ignored.latest().forEach(u -> latest.addObject().put("etag", u.etag()).put("size", u.size())
                .put("importStatus", u.importStatus().name()).put("at", u.at().toString()));
        return node;
    }

    private static IgnoredUploads ignoredUploads(JsonNode node) {
        List<IgnoredUploads.Ignored> latest = new ArrayList<>();
        node.path("latest").forEach(u -> latest.add(new IgnoredUploads.Ignored(u.path("etag").asText(),
                u.path("size").asLong(), ImportStatus.valueOf(u.path("importStatus").asText()),
                Instant.parse(u.path("at").asText()))));
        return new IgnoredUploads(node.path("count").asInt(), latest);
    }

    private static ObjectNode reanalysis(Reanalysis r) {
        ObjectNode node = JSON.createObjectNode().put("requestId", r.requestId()).put("emailColumn", r.emailColumn())
                .put("requestedAt", r.requestedAt().toString());
        return requestedBy(node, r.requestedBy());
    }

    private static Reanalysis reanalysis(JsonNode r) {
        return new Reanalysis(r.path("requestId").asText(), r.path("emailColumn").asText(), requestedBy(r),
                Instant.parse(r.path("requestedAt").asText()));
    }

    private static ObjectNode requestedBy(ObjectNode node, Actor actor) {
        return node.put("requestedBy", actor.userId().value()).put("requestedByCompany", actor.companyId().value())
                .put("requestedByRole", actor.role().name());
    }

    private static Actor requestedBy(JsonNode node) {
        return new Actor(new UserId(node.path("requestedBy").asText()),
                new CompanyId(node.path("requestedByCompany").asText()), Role.valueOf(node.path("requestedByRole").asText()));
    }

    private static ObjectNode confirmation(Confirmation c) {
        ObjectNode node = requestedBy(JSON.createObjectNode().put("requestId", c.requestId())
                .put("analysisId", c.analysisId()).put("requestedAt", c.requestedAt().toString()), c.requestedBy());
        ArrayNode exclude = node.putArray("exclude");
        c.exclude().forEach(exclude::add);
        c.failure().ifPresent(f -> {
            ObjectNode failure = node.putObject("failure").put("message", f.message()).put("at", f.at().toString());
            failure.set("details", JSON.valueToTree(f.details()));
        });
        return node;
    }

    private static Confirmation confirmation(JsonNode c) {
        List<String> exclude = new ArrayList<>();
        c.path("exclude").forEach(e -> exclude.add(e.asText()));
        Optional<Confirmation.Failure> failure = c.hasNonNull("failure") ? Optional.of(new Confirmation.Failure(
                c.path("failure").path("message").asText(),
                JSON.convertValue(c.path("failure").path("details"), Map.class),
                Instant.parse(c.path("failure").path("at").asText()))) : Optional.empty();
        return new Confirmation(c.path("requestId").asText(), c.path("analysisId").asText(), exclude, requestedBy(c),
                Instant.parse(c.path("requestedAt").asText()), failure);
    }

    static RenewalImport fromItem(Map<String, AttributeValue> item) {
        return new RenewalImport(
                new ImportId(Attr.str(item, "importId")),
                new CompanyId(Attr.str(item, "companyId")),
                ImportStatus.valueOf(Attr.str(item, "status")),
                new UserId(Attr.str(item, "createdBy")),
                Attr.instant(item, "createdAt"),
                Attr.str(item, "uploadKey"),
                Attr.instant(item, "uploadExpiresAt"),
                Attr.optStr(item, "upload").map(RenewalImportItems::read).map(RenewalImportItems::upload),
                Attr.optStr(item, "analysis").map(RenewalImportItems::read).map(RenewalImportItems::analysis),
                Attr.optStr(item, "failure").map(RenewalImportItems::read).map(f -> new ImportFailure(
                        ImportFailure.Code.valueOf(f.path("code").asText()), f.path("message").asText())),
                Attr.optStr(item, "result").map(RenewalImportItems::read).map(r -> new ConfirmResult(
                        r.path("analysisId").asText(), r.path("renewed").asInt(), r.path("excluded").asInt(),
                        r.path("skipped").asInt(), Instant.parse(r.path("confirmedAt").asText()))),
                Attr.optStr(item, "confirmation").map(RenewalImportItems::read).map(RenewalImportItems::confirmation),
                Attr.optStr(item, "reanalysis").map(RenewalImportItems::read).map(RenewalImportItems::reanalysis),
                Attr.optStr(item, "ignoredUploads").map(RenewalImportItems::read).map(RenewalImportItems::ignoredUploads)
                        .orElse(IgnoredUploads.NONE),
                Long.parseLong(item.get("version").n()));
    }

    private static ObjectNode upload(Upload u) {
        return JSON.createObjectNode().put("bucket", u.bucket()).put("key", u.key()).put("etag", u.etag())
                .put("size", u.size());
    }

    private static Upload upload(JsonNode u) {
        return new Upload(u.path("bucket").asText(), u.path("key").asText(), u.path("etag").asText(),
                u.path("size").asLong());
    }

    private static ObjectNode analysis(Analysis a) {
        ObjectNode node = JSON.createObjectNode().put("analysisId", a.analysisId()).put("emailColumn", a.emailColumn())
                .put("dataRows", a.dataRows()).put("toRenew", a.toRenew()).put("resultsKey", a.resultsKey())
                .put("analysedAt", a.analysedAt().toString());
        node.set("upload", upload(a.upload()));
        ArrayNode columns = node.putArray("columns");
        a.columns().forEach(columns::add);
        ObjectNode notRenewed = node.putObject("notRenewed");
        a.notRenewed().forEach((reason, count) -> notRenewed.put(reason.name(), count));
        node.set("toRenewPreview", RowsJson.write(a.toRenewPreview()));
        node.set("notRenewedPreview", RowsJson.write(a.notRenewedPreview()));
        return node;
    }

    private static Analysis analysis(JsonNode a) {
        List<String> columns = new ArrayList<>();
        a.path("columns").forEach(c -> columns.add(c.asText()));
        Map<NotRenewedReason, Integer> notRenewed = new EnumMap<>(NotRenewedReason.class);
        a.path("notRenewed").fields().forEachRemaining(e -> notRenewed.put(NotRenewedReason.valueOf(e.getKey()),
                e.getValue().asInt()));
        return new Analysis(a.path("analysisId").asText(), upload(a.path("upload")), columns,
                a.path("emailColumn").asText(), a.path("dataRows").asInt(), a.path("toRenew").asInt(), notRenewed,
                RowsJson.read(a.path("toRenewPreview")), RowsJson.read(a.path("notRenewedPreview")), a.path("resultsKey").asText(),
                Instant.parse(a.path("analysedAt").asText()));
    }

    private static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
