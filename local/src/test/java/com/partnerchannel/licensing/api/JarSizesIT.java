package com.partnerchannel.licensing.api;

import com.partnerchannel.licensing.testing.SamTemplate;
import com.partnerchannel.licensing.testing.TemplateTable;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every function's shaded jar is at most 12 MB (issue 15: 12,000,000 bytes; docs/benchmarks.md, "Lean jars"), and
 * holds none of the fault injectors (faults/, the runner's {@code --faults} and the tests' tool, not a function's).
 * A reactor build packages the functions before this module's integration tests run, so {@code mvn verify}
 * checks the jars it built; a build of this module alone finds none and skips.
 */
class JarSizesIT {
    static final long LIMIT = 12_000_000;

    static final String FAULTS = "com/partnerchannel/licensing/faults/";

    @Test
    void everyFunctionsJarIsAtMostTwelveMegabytes() throws Exception {
        Map<Path, Long> sizes = new LinkedHashMap<>();
        for (Path jar : builtJars()) sizes.put(jar, Files.size(jar));

        assertThat(sizes).allSatisfy((jar, bytes) -> assertThat(bytes).as(jar + " (bytes)").isLessThanOrEqualTo(LIMIT));
    }

    @Test
    void noFunctionsJarHoldsTheFaultInjectors() throws Exception {
        Map<Path, List<String>> faultClasses = new LinkedHashMap<>();
        for (Path jar : builtJars()) {
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                faultClasses.put(jar, zip.stream().map(ZipEntry::getName).filter(name -> name.startsWith(FAULTS)).toList());
            }
        }

        assertThat(faultClasses).allSatisfy((jar, entries) -> assertThat(entries).as(jar + "'s " + FAULTS).isEmpty());
    }

    /** The functions' jars as template.yaml's CodeUri names them, those a build has made. */
    private static List<Path> builtJars() {
        Path root = TemplateTable.templatePath().getParent();
        List<Path> jars = SamTemplate.load().functions().stream().map(function -> root.resolve(function.codeUri()))
                .filter(Files::isRegularFile).toList();
        assumeTrue(!jars.isEmpty(), "no function jar is built: run mvn package or verify on the whole reactor");
        return jars;
    }
}
