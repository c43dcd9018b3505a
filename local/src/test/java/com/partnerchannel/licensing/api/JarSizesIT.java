package com.partnerchannel.licensing.api;

import com.partnerchannel.licensing.testing.SamTemplate;
import com.partnerchannel.licensing.testing.TemplateTable;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every function's shaded jar is at most 12 MB (issue 15: 12,000,000 bytes; docs/benchmarks.md, "Lean jars").
 * A reactor build packages the functions before this module's integration tests run, so {@code mvn verify}
 * checks the jars it built; a build of this module alone finds none and skips.
 */
class JarSizesIT {
    static final long LIMIT = 12_000_000;

    @Test
    void everyFunctionsJarIsAtMostTwelveMegabytes() throws Exception {
        Path root = TemplateTable.templatePath().getParent();
        Map<Path, Long> sizes = new LinkedHashMap<>();
        for (SamTemplate.Function function : SamTemplate.load().functions()) {
            Path jar = root.resolve(function.codeUri());
            if (Files.isRegularFile(jar)) sizes.put(root.relativize(jar), Files.size(jar));
        }
        assumeTrue(!sizes.isEmpty(), "no function jar is built: run mvn package or verify on the whole reactor");

        assertThat(sizes).allSatisfy((jar, bytes) -> assertThat(bytes).as(jar + " (bytes)").isLessThanOrEqualTo(LIMIT));
    }
}
