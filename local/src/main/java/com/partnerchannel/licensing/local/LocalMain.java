package com.partnerchannel.licensing.local;

import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar local/target/licensing-local.jar --port 3000 [--data-dir DIR] [--no-seed]}: runs the
 * API until Ctrl-C or SIGTERM, then stops the HTTP server and DynamoDB Local.
 */
public final class LocalMain {
    private LocalMain() {
    }

    public static void main(String[] args) {
        if (LocalOptions.wantsHelp(args)) {
            System.out.print(LocalOptions.USAGE);
            return;
        }
        LocalOptions options;
        try {
            options = LocalOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.print(LocalOptions.USAGE);
            System.exit(2);
            return;
        }
        LocalRunner runner;
        try {
            runner = LocalRunner.start(options);
        } catch (LocalHttpServer.PortInUse e) {
            System.err.println("error: the local runner did not start: " + e.getMessage());
            System.err.println("hint: " + e.hint());
            System.exit(1);
            return;
        } catch (RuntimeException e) {
            System.err.println("error: the local runner did not start: " + e.getMessage());
            if (!(e instanceof IllegalArgumentException)) e.printStackTrace();
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("stopping: HTTP server, DynamoDB Local");
            runner.close();
            stopped.countDown();
        }, "local-shutdown"));
        System.out.print(Banner.text(runner, options));
        System.out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
