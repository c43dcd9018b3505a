package com.partnerchannel.licensing.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code java -jar licensing-local.jar} as a user starts it: a process of its own, its console read as they read it. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class LocalMainIT {
    @TempDir
    Path dir;

    @Test
    void theBannerIsTheFirstThingOnTheConsoleAndNoThirdPartyLogComesBeforeIt() throws Exception {
        Process runner = start("--port", "0", "--no-seed", "--data-dir", dir.resolve("data").toString());
        try {
            List<String> banner = new ArrayList<>();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(runner.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null && !line.equals("Ctrl-C stops it."); line = out.readLine()) {
                    banner.add(line);
                }
                String errors = Files.readString(dir.resolve("stderr"));

                assertThat(banner.stream().filter(line -> !line.isBlank()).findFirst())
                        .hasValueSatisfying(first -> assertThat(first).startsWith("Licensing API (local) at http://localhost:"));
                assertThat(String.join("\n", banner)).doesNotContain("DynamoDB Local with the following configuration")
                        .doesNotContain("\u001b[");
                assertThat(errors).isEmpty();
            }
        } finally {
            runner.destroy();
            runner.waitFor();
        }
    }

    @Test
    void aBusyPortSaysSoWithAHintAndExitsWithoutAStackTrace() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Process runner = start("--port", String.valueOf(taken.getLocalPort()), "--no-seed");

            int status = runner.waitFor();
            List<String> errors = Files.readAllLines(dir.resolve("stderr"));

            assertThat(status).isEqualTo(1);
            assertThat(errors).hasSize(2);
            assertThat(errors.get(0)).contains("127.0.0.1:" + taken.getLocalPort()).contains("in use");
            assertThat(errors.get(1)).contains("--port 0");
        }
    }

    @Test
    void anUnknownFaultIsAnErrorAtStartThatNamesTheFaultsThatExist() throws Exception {
        Process runner = start("--port", "0", "--no-seed", "--faults", "dynamodb-conflict=0.3,dynamodb-meltdown=1");

        int status = runner.waitFor();
        String errors = Files.readString(dir.resolve("stderr"));

        assertThat(status).isEqualTo(2);
        assertThat(errors).contains("error: unknown fault 'dynamodb-meltdown'").contains("dynamodb-ambiguous-commit")
                .contains("--faults LIST");
    }

    private Process start(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), LocalMain.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectError(dir.resolve("stderr").toFile()).start();
    }
}
