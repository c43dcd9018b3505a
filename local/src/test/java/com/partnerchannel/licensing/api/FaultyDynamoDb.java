package com.partnerchannel.licensing.api;

import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A DynamoDB client that fails chosen transactions the way a Lambda can fail: before the write reaches
 * DynamoDB (nothing written), or after it committed with the answer lost (written, but the function
 * fails anyway). From the failing one on, it can keep failing, like a function that died.
 */
final class FaultyDynamoDb implements InvocationHandler {
    enum When { BEFORE_THE_WRITE, AFTER_THE_WRITE }

    private final DynamoDbClient real;
    private final AtomicInteger transactions = new AtomicInteger();
    private volatile int failAt = -1;
    private volatile When when;
    private volatile boolean keepFailing;

    private FaultyDynamoDb(DynamoDbClient real) {
        this.real = real;
    }

    static FaultyDynamoDb around(DynamoDbClient real) {
        return new FaultyDynamoDb(real);
    }

    DynamoDbClient client() {
        return (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(),
                new Class<?>[]{DynamoDbClient.class}, this);
    }

    /** The {@code n}-th transaction from now (1 = the next) fails. */
    void failTransaction(int n, When when) {
        this.when = when;
        this.keepFailing = false;
        this.failAt = transactions.get() + n;
    }

    /** The {@code n}-th transaction from now and every one after it fail before the write: the function died. */
    void dieAtTransaction(int n) {
        failTransaction(n, When.BEFORE_THE_WRITE);
        this.keepFailing = true;
    }

    void heal() {
        failAt = -1;
        keepFailing = false;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getName().equals("transactWriteItems")) {
            int call = transactions.incrementAndGet();
            boolean fail = failAt > 0 && (call == failAt || keepFailing && call > failAt);
            if (fail && (when == When.BEFORE_THE_WRITE || keepFailing)) {
                throw SdkClientException.create("injected: connection reset before transaction " + call + " was sent");
            }
            Object result = call(method, args);
            if (fail) throw SdkClientException.create("injected: the answer to transaction " + call + " was lost");
            return result;
        }
        return call(method, args);
    }

    private Object call(Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(real, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
