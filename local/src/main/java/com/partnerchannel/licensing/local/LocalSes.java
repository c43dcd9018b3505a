package com.partnerchannel.licensing.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * SES v2's SendEmail, on this machine: each email is kept rather than sent, stamped with the runner's clock,
 * and listed newest first; with a data directory, also on a line of {@value #OUTBOX} there, so a restart
 * still lists it.
 */
final class LocalSes {
    static final String OUTBOX = "emails.jsonl";
    static final String SEND_EMAIL_PATH = "/v2/email/outbound-emails";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** An email as the local SES took it. */
    record Email(String id, Instant sentAt, String from, List<String> to, String subject, String text, String html) {
    }

    private final LocalClock clock;
    private final Optional<Path> outboxFile;
    private final Deque<Email> outbox = new ConcurrentLinkedDeque<>();

    LocalSes(LocalClock clock, Optional<Path> dataDir) {
        this.clock = clock;
        this.outboxFile = dataDir.map(dir -> dir.resolve(OUTBOX));
        outboxFile.ifPresent(file -> outbox.addAll(readOutbox(file)));
    }

    /** The emails sent so far, newest first. */
    List<Email> emails() {
        List<Email> newestFirst = new ArrayList<>();
        for (Iterator<Email> it = outbox.descendingIterator(); it.hasNext(); ) newestFirst.add(it.next());
        return newestFirst;
    }

    /** A SendEmail request's body (simple content) → the answer SES gives, with the message id. */
    String sendEmail(String body) throws IOException {
        JsonNode request = JSON.readTree(body);
        List<String> to = new ArrayList<>();
        request.path("Destination").path("ToAddresses").forEach(address -> to.add(address.asText()));
        JsonNode simple = request.path("Content").path("Simple");
        String id = "local-" + UUID.randomUUID();
        Email email = new Email(id, clock.now(), request.path("FromEmailAddress").asText(), to,
                simple.path("Subject").path("Data").asText(), simple.path("Body").path("Text").path("Data").asText(),
                simple.path("Body").path("Html").path("Data").asText());
        keep(email);
        return JSON.writeValueAsString(Map.of("MessageId", id));
    }

    /**
     * In the outbox, and in the data directory's outbox file. Under the outbox's lock only: the stream's
     * delivery holds its own while a function sends the email.
     */
    private void keep(Email email) {
        synchronized (outbox) {
            outboxFile.ifPresent(file -> append(file, email));
            outbox.addLast(email);
        }
    }

    private static void append(Path file, Email email) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("id", email.id());
        line.put("sentAt", email.sentAt().toString());
        line.put("from", email.from());
        line.put("to", email.to());
        line.put("subject", email.subject());
        line.put("text", email.text());
        line.put("html", email.html());
        try {
            Files.writeString(file, JSON.writeValueAsString(line) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the email in " + file, e);
        }
    }

    private static List<Email> readOutbox(Path file) {
        if (!Files.isRegularFile(file)) return List.of();
        List<Email> emails = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank()) continue;
                JsonNode json = JSON.readTree(line);
                List<String> to = new ArrayList<>();
                json.path("to").forEach(address -> to.add(address.asText()));
                emails.add(new Email(json.path("id").asText(), Instant.parse(json.path("sentAt").asText()),
                        json.path("from").asText(), to, json.path("subject").asText(), json.path("text").asText(),
                        json.path("html").asText()));
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(file + " is not the runner's email outbox (" + e.getMessage()
                    + "); move it away to start with an empty one");
        }
        return emails;
    }
}
