package com.partnerchannel.licensing.faults;

import com.partnerchannel.licensing.faults.Faults.Fault;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.InternalServerErrorException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.RequestLimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

import java.util.Collections;
import java.util.Set;

/**
 * Makes a real DynamoDB client meet what the service does under contention and load and DynamoDB Local
 * never does: on a share of calls, drawn from a seeded random, a transaction is cancelled with
 * TransactionConflict reasons, a single-item write meets TransactionConflictException, a call is
 * throttled or answered 500, or a write commits and its answer is lost.
 *
 * <p>The faults are thrown per attempt, before the request is sent (so a refused request changes
 * nothing), inside the SDK's retry loop: the SDK's retry strategy sees them as it sees the service's.
 * The ambiguous commit lets the request through and throws a 500 after DynamoDB answered, once per
 * call, so the SDK's retry (or the caller's) meets its own committed write.
 */
public final class DynamoDbFaults extends FaultInjector implements ExecutionInterceptor {
    private static final Set<String> WRITES = Set.of("PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem",
            "TransactWriteItems");
    private static final ExecutionAttribute<Boolean> LOSE_ANSWER = new ExecutionAttribute<>("DynamoDbFaults.loseAnswer");

    public DynamoDbFaults(Faults faults) {
        super(faults, 0L);
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        if (!isOn()) return;
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        boolean write = WRITES.contains(operation);
        // One draw per fault and attempt, in a fixed order, so that a seed replays the same faults.
        boolean conflict;
        boolean throttle;
        boolean serverError;
        boolean ambiguous;
        int throttleKind;
        synchronized (random) {
            conflict = draw(Fault.DYNAMODB_CONFLICT);
            throttle = draw(Fault.DYNAMODB_THROTTLE);
            serverError = draw(Fault.DYNAMODB_SERVER_ERROR);
            ambiguous = draw(Fault.DYNAMODB_AMBIGUOUS_COMMIT);
            throttleKind = random.nextInt(3);
        }
        if (throttle) throw injected(throttled(throttleKind));
        if (serverError) throw injected(serverError("injected before the request was sent"));
        if (conflict && write && !"BatchWriteItem".equals(operation)) throw injected(conflict(context.request()));
        if (ambiguous && write && attributes.getAttribute(LOSE_ANSWER) == null) attributes.putAttribute(LOSE_ANSWER, true);
    }

    @Override
    public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
        // Once per call: the SDK's retry of it then goes through, and meets the write this attempt made.
        if (Boolean.TRUE.equals(attributes.getAttribute(LOSE_ANSWER)) && context.httpResponse().isSuccessful()) {
            attributes.putAttribute(LOSE_ANSWER, false);
            throw injected(serverError("injected after the write committed: its answer was lost"));
        }
    }

    private RuntimeException injected(RuntimeException fault) {
        count(1);
        return fault;
    }

    private static AwsServiceException conflict(SdkRequest request) {
        if (request instanceof TransactWriteItemsRequest transaction) {
            int items = transaction.transactItems().size();
            CancellationReason conflict = CancellationReason.builder().code("TransactionConflict")
                    .message("Transaction is ongoing for the item").build();
            String codes = String.join(", ", Collections.nCopies(items, "TransactionConflict"));
            String message = "Transaction cancelled, please refer cancellation reasons for specific reasons [" + codes + "]";
            return TransactionCanceledException.builder().message(message)
                    .cancellationReasons(Collections.nCopies(items, conflict))
                    .awsErrorDetails(details("TransactionCanceledException", message, 400)).statusCode(400).build();
        }
        String message = "Operation was rejected because there is an ongoing transaction for the item";
        return TransactionConflictException.builder().message(message)
                .awsErrorDetails(details("TransactionConflictException", message, 400)).statusCode(400).build();
    }

    private static AwsServiceException throttled(int kind) {
        return switch (kind) {
            case 0 -> {
                String message = "The level of configured provisioned throughput for the table was exceeded";
                yield ProvisionedThroughputExceededException.builder().message(message)
                        .awsErrorDetails(details("ProvisionedThroughputExceededException", message, 400)).statusCode(400).build();
            }
            case 1 -> {
                String message = "Throughput exceeds the current capacity for one or more global secondary indexes";
                yield DynamoDbException.builder().message(message)
                        .awsErrorDetails(details("ThrottlingException", message, 400)).statusCode(400).build();
            }
            default -> {
                String message = "Throughput exceeds the current throughput limit for your account";
                yield RequestLimitExceededException.builder().message(message)
                        .awsErrorDetails(details("RequestLimitExceeded", message, 400)).statusCode(400).build();
            }
        };
    }

    private static AwsServiceException serverError(String why) {
        String message = "Internal server error (" + why + ")";
        return InternalServerErrorException.builder().message(message)
                .awsErrorDetails(details("InternalServerError", message, 500)).statusCode(500).build();
    }

    private static AwsErrorDetails details(String code, String message, int status) {
        return AwsErrorDetails.builder().errorCode(code).errorMessage(message).serviceName("DynamoDb")
                .sdkHttpResponse(SdkHttpResponse.builder().statusCode(status).build()).build();
    }
}
