package com.partnerchannel.licensing.local;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalOptionsTest {

    @Test
    void withoutArgumentsItServesPort3000OnLoopbackInMemoryAndSeeded() {
        LocalOptions options = LocalOptions.parse();

        assertThat(options.port()).isEqualTo(3000);
        assertThat(options.host()).isEqualTo("127.0.0.1");
        assertThat(options.dataDir()).isEmpty();
        assertThat(options.seed()).isTrue();
        assertThat(options.template()).isEmpty();
    }

    @Test
    void readsEveryOptionWithASpaceOrAnEqualsSign() {
        LocalOptions options = LocalOptions.parse("--port", "0", "--data-dir=/tmp/licensing", "--no-seed",
                "--template", "other/template.yaml", "--host=0.0.0.0");

        assertThat(options.port()).isZero();
        assertThat(options.dataDir()).contains(Path.of("/tmp/licensing"));
        assertThat(options.seed()).isFalse();
        assertThat(options.template()).contains(Path.of("other/template.yaml"));
        assertThat(options.host()).isEqualTo("0.0.0.0");
    }

    @Test
    void aBadArgumentSaysWhichAndWhy() {
        assertThatThrownBy(() -> LocalOptions.parse("--port", "http")).hasMessageContaining("--port must be a number");
        assertThatThrownBy(() -> LocalOptions.parse("--port", "70000")).hasMessageContaining("0 to 65535");
        assertThatThrownBy(() -> LocalOptions.parse("--data-dir")).hasMessage("--data-dir needs a value");
        assertThatThrownBy(() -> LocalOptions.parse("--data-dir", "--no-seed")).hasMessage("--data-dir needs a value");
        assertThatThrownBy(() -> LocalOptions.parse("--seed")).hasMessage("unknown argument: --seed");
        assertThatThrownBy(() -> LocalOptions.parse("--no-seed=yes")).hasMessage("--no-seed takes no value");
        assertThat(LocalOptions.wantsHelp("--port", "1", "--help")).isTrue();
    }

    @Test
    void readsTheFaultsAndTheirSeedInEitherOrder() {
        LocalOptions options = LocalOptions.parse("--faults-seed", "7",
                "--faults", "dynamodb-conflict=0.3,dynamodb-throttle=0.05,dynamodb-ambiguous-commit=0.02");

        assertThat(options.faults().describe())
                .isEqualTo("dynamodb-conflict=0.3,dynamodb-throttle=0.05,dynamodb-ambiguous-commit=0.02");
        assertThat(options.faults().seed()).isEqualTo(7);
        assertThat(LocalOptions.parse("--faults=dynamodb-conflict=0.3").faults().seed()).isEqualTo(LocalOptions.DEFAULT_FAULTS_SEED);
        assertThat(LocalOptions.parse().faults().any()).isFalse();
    }

    @Test
    void anUnknownFaultOrABadSeedIsAnErrorAtStart() {
        assertThatThrownBy(() -> LocalOptions.parse("--faults", "dynamodb-conflict=0.3,s3-outage=0.1"))
                .hasMessageContaining("unknown fault 's3-outage'").hasMessageContaining("dynamodb-conflict, dynamodb-throttle");
        assertThatThrownBy(() -> LocalOptions.parse("--faults-seed", "forty-two")).hasMessageContaining("--faults-seed must be a whole number");
    }
}
