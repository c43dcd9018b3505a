package com.partnerchannel.licensing.api;

import com.partnerchannel.licensing.testing.InProcessApi;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** {@code callers} calls released at the same moment, each on its own thread; their answers in caller order. */
final class Race {
    interface Call {
        InProcessApi.Response call(int caller);
    }

    private Race() {
    }

    static List<InProcessApi.Response> of(int callers, Call call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<InProcessApi.Response>> futures = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                int caller = i;
                Callable<InProcessApi.Response> task = () -> {
                    start.await();
                    return call.call(caller);
                };
                futures.add(pool.submit(task));
            }
            start.countDown();
            List<InProcessApi.Response> responses = new ArrayList<>();
            for (Future<InProcessApi.Response> future : futures) responses.add(future.get());
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }
}
