package com.partnerchannel.licensing.api;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A clone of the repository is complete: every relative link in README.md and docs/*.md names a file
 * inside the repository that exists, and nothing in them sends the reader to {@code ../shared}, the
 * team folder next to the repository that a clone does not have. No network: web links are not followed.
 */
class DocsLinksTest {
    /** {@code [text](target)} and {@code [text](target "title")}; {@code ![alt](image)} is matched too. */
    private static final Pattern INLINE_LINK =
            Pattern.compile("\\[[^\\]\\n]*]\\(\\s*(?:<([^>\\n]*)>|([^)\\s]*))(?:\\s+\"[^\"]*\")?\\s*\\)");
    /** A reference definition on its own line: {@code [label]: target}. */
    private static final Pattern REFERENCE = Pattern.compile("(?m)^ {0,3}\\[[^\\]\\n]+]:\\s*<?([^\\s>]+)>?");
    private static final Pattern CODE_SPAN = Pattern.compile("`+[^`\\n]*`+");
    private static final Pattern EXTERNAL = Pattern.compile("(?i)^(https?:|mailto:).*");

    private final Path root = repositoryRoot();

    @Test
    void everyRelativeLinkInTheDocsNamesAFileInsideTheRepository() {
        List<String> broken = new ArrayList<>();
        for (Path doc : docs()) {
            for (String target : links(read(doc))) {
                if (EXTERNAL.matcher(target).matches() || target.startsWith("#")) continue;
                String file = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
                Path resolved = doc.getParent().resolve(file).normalize();
                if (!resolved.startsWith(root)) {
                    broken.add(root.relativize(doc) + ": " + target + " points outside the repository");
                } else if (!Files.exists(resolved)) {
                    broken.add(root.relativize(doc) + ": " + target + " names no file (" + root.relativize(resolved) + ")");
                }
            }
        }
        assertThat(broken).as("links in README.md and docs/*.md").isEmpty();
    }

    @Test
    void noDocSendsTheReaderToTheTeamFolderOutsideTheRepository() {
        List<String> mentions = new ArrayList<>();
        for (Path doc : docs()) {
            String[] lines = read(doc).split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                if (lines[i].contains("../shared")) mentions.add(root.relativize(doc) + ":" + (i + 1) + ": " + lines[i].trim());
            }
        }
        assertThat(mentions).as("mentions of ../shared in README.md and docs/*.md").isEmpty();
    }

    @Test
    void theLinkReaderFindsTheLinksMarkdownHas() {
        String sample = String.join("\n",
                "See [the model](docs/data-model.md#table), ![a figure](img/a.png \"title\") and [x](<docs/a b.md>).",
                "[ref]: docs/allocation.md",
                "Not links: `[code](in/a/span.md)` and",
                "```",
                "[fenced](in/a/block.md)",
                "```",
                "[web](https://example.com) [mail](mailto:a@b.test)");
        assertThat(links(sample)).containsExactlyInAnyOrder("docs/data-model.md#table", "img/a.png", "docs/a b.md", "docs/allocation.md",
                "https://example.com", "mailto:a@b.test");
    }

    /** The link targets of a Markdown text, outside fenced code blocks and code spans. */
    static List<String> links(String markdown) {
        StringBuilder prose = new StringBuilder();
        boolean fenced = false;
        for (String line : markdown.split("\n", -1)) {
            if (line.stripLeading().startsWith("```") || line.stripLeading().startsWith("~~~")) {
                fenced = !fenced;
                continue;
            }
            if (!fenced) prose.append(CODE_SPAN.matcher(line).replaceAll("")).append('\n');
        }
        List<String> targets = new ArrayList<>();
        Matcher inline = INLINE_LINK.matcher(prose);
        while (inline.find()) targets.add(inline.group(1) != null ? inline.group(1) : inline.group(2));
        Matcher reference = REFERENCE.matcher(prose);
        while (reference.find()) targets.add(reference.group(1));
        return targets;
    }

    private List<Path> docs() {
        List<Path> docs = new ArrayList<>();
        docs.add(root.resolve("README.md"));
        try (Stream<Path> files = Files.list(root.resolve("docs"))) {
            files.filter(f -> f.getFileName().toString().endsWith(".md")).sorted().forEach(docs::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return docs;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).replace("\r\n", "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The directory with template.yaml and README.md: the module's parent when Maven runs the test from local/. */
    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("template.yaml")) && Files.isRegularFile(dir.resolve("README.md"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no repository root (template.yaml and README.md) above "
                + Path.of("").toAbsolutePath());
    }
}
