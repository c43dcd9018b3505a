package com.partnerchannel.licensing.testing;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.partnerchannel.licensing.common.Decision;
import com.partnerchannel.licensing.common.Transactions;
import com.partnerchannel.licensing.config.Licensing;
import com.partnerchannel.licensing.ordering.model.NewOrder;
import com.partnerchannel.licensing.ordering.model.Order;
import com.partnerchannel.licensing.common.OrderId;
import com.partnerchannel.licensing.ordering.model.OrderKind;
import com.partnerchannel.licensing.tenancy.model.Company;
import com.partnerchannel.licensing.tenancy.model.CompanyId;
import com.partnerchannel.licensing.tenancy.model.CompanyKind;
import com.partnerchannel.licensing.tenancy.model.NewCompany;
import com.partnerchannel.licensing.tenancy.model.Plan;
import com.partnerchannel.licensing.tenancy.model.TreePath;
import com.partnerchannel.licensing.tenancy.model.UserId;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The samples under {@code events/}, read the way the Lambda Java runtime reads them, and the
 * companies and order they name, so a test can feed each sample to its real handler.
 */
public final class SampleEvents {
    public static final CompanyId DISTRIBUTOR = new CompanyId("01JDEMODISTRIBUTOR00000000");
    public static final CompanyId MSP = new CompanyId("01JDEMOMSP0000000000000000");
    public static final CompanyId CUSTOMER = new CompanyId("01JDEMOCUSTOMER00000000000");
    public static final OrderId ORDER = new OrderId("01JDEMOORDER00000000000000");
    /** The MSP manager the samples' tokens name. */
    public static final com.partnerchannel.licensing.tenancy.model.Actor MSP_MANAGER =
            new com.partnerchannel.licensing.tenancy.model.Actor(new UserId("01JDEMOMSPMANAGER000000000"), MSP,
                    com.partnerchannel.licensing.tenancy.model.Role.manager);

    private SampleEvents() {
    }

    public static APIGatewayV2HTTPEvent httpEvent(String file) {
        Path path = TemplateTable.templatePath().getParent().resolve("events").resolve(file);
        try (InputStream in = Files.newInputStream(path)) {
            return LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class, SampleEvents.class.getClassLoader())
                    .fromJson(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The S3 event of an upload, in the shape S3 delivers it: the sample under {@code events/} with this
     * upload's bucket, key (URL-encoded, as S3 sends it), ETag and size.
     */
    @SuppressWarnings("unchecked")
    public static java.util.Map<String, Object> s3Upload(String bucket, String key, String etag, long size) {
        try {
            com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
            com.fasterxml.jackson.databind.node.ObjectNode event = (com.fasterxml.jackson.databind.node.ObjectNode)
                    json.readTree(TemplateTable.templatePath().getParent().resolve("events")
                            .resolve("renewal-import-analysis-s3-put.json").toFile());
            com.fasterxml.jackson.databind.node.ObjectNode s3 = (com.fasterxml.jackson.databind.node.ObjectNode)
                    event.path("Records").path(0).path("s3");
            ((com.fasterxml.jackson.databind.node.ObjectNode) s3.path("bucket")).put("name", bucket)
                    .put("arn", "arn:aws:s3:::" + bucket);
            ((com.fasterxml.jackson.databind.node.ObjectNode) s3.path("object"))
                    .put("key", java.net.URLEncoder.encode(key, java.nio.charset.StandardCharsets.UTF_8).replace("%2F", "/"))
                    .put("eTag", etag).put("size", size);
            // As the Lambda runtime hands JSON to a handler that takes a Map.
            return json.convertValue(event, java.util.Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Distributor → MSP → customer, and one requested order of the customer, under the samples' ids. */
    public static void seed(Transactions transactions, Instant at) {
        TreePath distributorPath = TreePath.root(DISTRIBUTOR);
        TreePath mspPath = distributorPath.child(MSP);
        TreePath customerPath = mspPath.child(CUSTOMER);
        transactions.commit(List.of(
                new NewCompany(new Company(DISTRIBUTOR, "Sample Distribution", CompanyKind.partner, Optional.empty(),
                        distributorPath, Optional.empty(), at, Optional.empty(), List.of())),
                new NewCompany(new Company(MSP, "Sample MSP", CompanyKind.partner, Optional.of(DISTRIBUTOR), mspPath,
                        Optional.empty(), at, Optional.empty(), List.of())),
                new NewCompany(new Company(CUSTOMER, "Sample Customer", CompanyKind.customer, Optional.of(MSP),
                        customerPath, Optional.of(Plan.premium), at, Optional.empty(), List.of())),
                new NewOrder(Order.requested(ORDER, CUSTOMER, customerPath, 10, OrderKind.new_, Optional.empty(),
                        Optional.empty(), at, new UserId("01JDEMOCUSTMANAGER00000000"), CUSTOMER))),
                Optional.empty());
    }

    /**
     * The samples' tree, now, with the sample order assigned by the MSP manager as the partner-assignment
     * function does it: its pool (10 seats, 12 months) and the OrderAssigned outbox item. Answers the order.
     */
    public static Order seedAssigned(Licensing licensing) {
        seed(licensing.transactions, licensing.clock.instant());
        Decision<Order> assigned = licensing.assigningOrder.assign(MSP_MANAGER, ORDER);
        licensing.transactions.commit(assigned.changes(), Optional.empty());
        assigned.afterCommit().run();
        return assigned.result();
    }
}
