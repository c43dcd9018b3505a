package com.partnerchannel.licensing.local;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import software.amazon.awssdk.services.dynamodb.model.Record;

import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** DynamoDB stream records, as the streams API returns them, shaped as Lambda delivers them to a function. */
public final class StreamRecords {
    private StreamRecords() {
    }

    public static DynamodbEvent event(List<Record> records, String streamArn) {
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(records.stream().map(r -> record(r, streamArn)).toList());
        return event;
    }

    public static DynamodbEvent.DynamodbStreamRecord record(Record record, String streamArn) {
        DynamodbEvent.DynamodbStreamRecord lambda = new DynamodbEvent.DynamodbStreamRecord();
        lambda.setEventID(record.eventID());
        lambda.setEventName(record.eventNameAsString());
        lambda.setEventVersion(record.eventVersion());
        lambda.setEventSource("aws:dynamodb");
        lambda.setAwsRegion(record.awsRegion() == null ? "us-east-1" : record.awsRegion());
        lambda.setEventSourceARN(streamArn);
        software.amazon.awssdk.services.dynamodb.model.StreamRecord sdk = record.dynamodb();
        StreamRecord stream = new StreamRecord();
        stream.setSequenceNumber(sdk.sequenceNumber());
        stream.setSizeBytes(sdk.sizeBytes());
        if (sdk.streamViewType() != null) stream.setStreamViewType(com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType.fromValue(sdk.streamViewTypeAsString()));
        if (sdk.approximateCreationDateTime() != null) stream.setApproximateCreationDateTime(Date.from(sdk.approximateCreationDateTime()));
        if (sdk.hasKeys()) stream.setKeys(image(sdk.keys()));
        if (sdk.hasNewImage()) stream.setNewImage(image(sdk.newImage()));
        if (sdk.hasOldImage()) stream.setOldImage(image(sdk.oldImage()));
        lambda.setDynamodb(stream);
        return lambda;
    }

    static Map<String, AttributeValue> image(Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item) {
        Map<String, AttributeValue> image = new LinkedHashMap<>();
        item.forEach((name, value) -> image.put(name, value(value)));
        return image;
    }

    static AttributeValue value(software.amazon.awssdk.services.dynamodb.model.AttributeValue value) {
        AttributeValue lambda = new AttributeValue();
        if (value.s() != null) lambda.setS(value.s());
        else if (value.n() != null) lambda.setN(value.n());
        else if (value.bool() != null) lambda.setBOOL(value.bool());
        else if (Boolean.TRUE.equals(value.nul())) lambda.setNULL(true);
        else if (value.b() != null) lambda.setB(value.b().asByteBuffer());
        else if (value.hasM()) lambda.setM(image(value.m()));
        else if (value.hasL()) lambda.setL(value.l().stream().map(StreamRecords::value).toList());
        else if (value.hasSs()) lambda.setSS(value.ss());
        else if (value.hasNs()) lambda.setNS(value.ns());
        return lambda;
    }
}
