package com.partnerchannel.licensing.local;

import com.partnerchannel.licensing.faults.Faults;

import java.nio.file.Path;
import java.util.Optional;

/**
 * How the local runner starts: {@code --port}, {@code --host}, {@code --data-dir}, {@code --no-seed},
 * {@code --template}, {@code --faults}, {@code --faults-seed}. Tests build these directly; {@link LocalMain} parses them from the command line.
 */
public record LocalOptions(int port, String host, Optional<Path> dataDir, boolean seed, Optional<Path> template,
                           Faults faults) {
    public static final int DEFAULT_PORT = 3000;
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final long DEFAULT_FAULTS_SEED = 42;

    public static final String USAGE = """
            usage: java -jar local/target/licensing-local.jar [--port PORT] [--host HOST] [--data-dir DIR] [--no-seed] [--template PATH]
                   [--faults NAME=RATE,...] [--faults-seed N]

              --port PORT        HTTP port of the API (default 3000; 0 picks a free port)
              --host HOST        address to listen on (default 127.0.0.1; 0.0.0.0 for every interface)
              --data-dir DIR     keep the data, the emails sent, the clock and the token key in DIR across restarts
                                 (default: in memory, gone on exit)
              --no-seed          start with an empty table instead of the demo companies
              --template PATH    the SAM template to run (default: template.yaml in this directory or a parent)
              --faults LIST      inject the faults AWS shows under load into every function's AWS clients,
                                 each on that share of calls: dynamodb-conflict, dynamodb-throttle,
                                 dynamodb-server-error, dynamodb-ambiguous-commit, ses-throttle,
                                 ses-quota-exceeded, eventbridge-throttle, eventbridge-failed-entry
                                 (e.g. dynamodb-conflict=0.3,eventbridge-failed-entry=0.1)
              --faults-seed N    the seed the faults are drawn from (default 42): a seed replays the same faults
              --help             this text
            """;

    public LocalOptions {
        if (port < 0 || port > 65535) throw new IllegalArgumentException("--port must be from 0 to 65535 (was " + port + ")");
        if (host == null || host.isBlank()) throw new IllegalArgumentException("--host must not be empty");
        dataDir = dataDir == null ? Optional.empty() : dataDir;
        template = template == null ? Optional.empty() : template;
        faults = faults == null ? Faults.parse("", DEFAULT_FAULTS_SEED) : faults;
    }

    /** Port 3000 on loopback, in memory, seeded, template.yaml found from the working directory. */
    public static LocalOptions defaults() {
        return new LocalOptions(DEFAULT_PORT, DEFAULT_HOST, Optional.empty(), true, Optional.empty(), null);
    }

    public LocalOptions withPort(int port) {
        return new LocalOptions(port, host, dataDir, seed, template, faults);
    }

    public LocalOptions withDataDir(Path dataDir) {
        return new LocalOptions(port, host, Optional.of(dataDir), seed, template, faults);
    }

    public LocalOptions withoutSeed() {
        return new LocalOptions(port, host, dataDir, false, template, faults);
    }

    public LocalOptions withTemplate(Path template) {
        return new LocalOptions(port, host, dataDir, seed, Optional.of(template), faults);
    }

    /** Faults injected at these rates, from {@code faults.seed()}. */
    public LocalOptions withFaults(Faults faults) {
        return new LocalOptions(port, host, dataDir, seed, template, faults);
    }

    /** Parses the command line; a bad argument is an {@link IllegalArgumentException} that says which. */
    public static LocalOptions parse(String... args) {
        LocalOptions options = defaults();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            String inline = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : null;
            switch (name) {
                case "--no-seed" -> {
                    if (inline != null) throw new IllegalArgumentException("--no-seed takes no value");
                    options = options.withoutSeed();
                }
                case "--port", "--host", "--data-dir", "--template", "--faults", "--faults-seed" -> {
                    String value = inline;
                    if (value == null) {
                        if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                            throw new IllegalArgumentException(name + " needs a value");
                        }
                        value = args[++i];
                    }
                    options = options.with(name, value);
                }
                default -> throw new IllegalArgumentException("unknown argument: " + arg);
            }
        }
        return options;
    }

    public static boolean wantsHelp(String... args) {
        for (String arg : args) {
            if (arg.equals("--help") || arg.equals("-h")) return true;
        }
        return false;
    }

    private LocalOptions with(String name, String value) {
        return switch (name) {
            case "--port" -> withPort(port(value));
            case "--host" -> new LocalOptions(port, value, dataDir, seed, template, faults);
            case "--data-dir" -> withDataDir(Path.of(value));
            case "--template" -> withTemplate(Path.of(value));
            case "--faults" -> withFaults(Faults.parse(value, faults.seed()));
            case "--faults-seed" -> withFaults(new Faults(faults.rates(), faultsSeed(value)));
            default -> throw new IllegalArgumentException("unknown argument: " + name);
        };
    }

    private static long faultsSeed(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--faults-seed must be a whole number (was '" + value + "')");
        }
    }

    private static int port(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--port must be a number from 0 to 65535 (was '" + value + "')");
        }
    }
}
