package com.partnerchannel.licensing.local;

import java.util.Locale;

/** What the runner prints once it serves: where, with which tokens, and requests to paste. */
final class Banner {
    private Banner() {
    }

    static String text(LocalRunner runner, LocalOptions options) {
        String url = runner.baseUrl();
        LocalAuthorizer authorizer = runner.authorizer();
        StringBuilder out = new StringBuilder();
        out.append("\nLicensing API (local) at ").append(url).append('\n');
        out.append("  template:       ").append(runner.templatePath()).append(" (")
                .append(runner.gateway().routes().size()).append(" routes)\n");
        out.append("  DynamoDB Local: ").append(runner.dynamoDbEndpoint()).append(", table \"")
                .append(LocalRunner.TABLE_NAME).append("\", ")
                .append(options.dataDir().map(dir -> "data in " + dir.toAbsolutePath()).orElse("in memory (gone on exit)"))
                .append('\n');
        out.append("  S3 (S3Proxy):   ").append(runner.s3Endpoint()).append(", bucket \"").append(LocalS3Server.UPLOAD_BUCKET)
                .append("\"; uploads under ").append(UploadNotifications.PREFIX)
                .append(" go to the renewal import analysis, as S3's notification would send them\n");
        out.append("  JWT:            issuer ").append(authorizer.issuer()).append(", audience ")
                .append(authorizer.audience()).append(" (local values, not the template's JwtIssuer/JwtAudience)\n");
        out.append("  tokens:         POST ").append(url).append(TokenEndpoint.TOKEN)
                .append(" {\"sub\",\"company_id\",\"role\"}; public key at ").append(url).append(TokenEndpoint.JWKS).append('\n');
        out.append("  local only:     GET ").append(EmailsEndpoint.EMAILS).append(" (emails sent); GET, POST {\"now\"}, DELETE ")
                .append(ClockEndpoint.CLOCK).append(" (read, move forward, reset the clock); POST ").append(SweepEndpoint.SWEEP)
                .append(" (the nightly sweep, now); GET ").append(DocsEndpoint.OPENAPI).append(" (the API contract)\n");
        if (runner.faults().isPresent()) {
            out.append("  FAULTS ON:      ").append(options.faults().describe()).append(", seed ").append(options.faults().seed())
                    .append(": every function's DynamoDB, SES and EventBridge clients fail that share of calls as AWS does under load\n");
        }
        out.append("  SCIM 2.0:       ").append(url).append("/scim/v2 (for identity providers; a customer manager makes")
                .append(" its token with POST ").append(url).append("/companies/{companyId}/directory-tokens, shown once)\n");
        out.append("  API reference:  ").append(url).append(DocsEndpoint.DOCS)
                .append(" (Swagger UI: Authorize with a token below, then Try it out)\n");

        out.append('\n');
        if (runner.demo().isPresent()) {
            DemoTree demo = runner.demo().get();
            out.append(runner.seeded() ? "Demo companies, made just now through the API:\n"
                    : "Demo companies, from an earlier run with this data directory (not seeded again):\n");
            for (DemoTree.Member member : demo.members()) {
                if (member == demo.platformAdmin()) continue;
                out.append(String.format("  %-26s %s%n", member.companyName(), member.companyId()));
            }
            out.append("\nTokens, valid ").append(LocalAuthorizer.TOKEN_LIFETIME.toHours()).append(" hours ")
                    .append(lifetime(runner, options)).append(" (paste into a shell):\n");
            for (DemoTree.Member member : demo.members()) append(out, authorizer, member);
            examples(out, url, demo);
        } else {
            out.append(options.seed() ? "The table already had data, so no demo companies were made.\n"
                    : "No demo companies (--no-seed).\n");
            out.append("\nA platform admin token, valid ").append(LocalAuthorizer.TOKEN_LIFETIME.toHours()).append(" hours ")
                    .append(lifetime(runner, options)).append(":\n");
            append(out, authorizer, new DemoTree.Member("platform admin", DemoSeed.PLATFORM_ADMIN.companyId(), "the platform",
                    DemoSeed.PLATFORM_ADMIN));
            out.append("\nTry:\n");
            out.append("  curl -s -X POST ").append(url).append("/companies -H \"Authorization: Bearer $PLATFORM_ADMIN_TOKEN\"")
                    .append(" -H 'Content-Type: application/json' \\\n")
                    .append("    -d '{\"name\":\"A distributor\",\"kind\":\"partner\",\"managers\":[{\"email\":\"dana@example.com\",\"name\":\"Dana\"}]}'\n");
        }
        out.append("\nCtrl-C stops it.\n\n");
        return out.toString();
    }

    /** The key is kept in the data directory, and the issuer names the port: tokens survive a restart with both. */
    private static String lifetime(LocalRunner runner, LocalOptions options) {
        return options.dataDir().isPresent()
                ? "and after a restart with this --data-dir on --port " + runner.port()
                : "and only while this process runs (--data-dir keeps them valid across restarts)";
    }

    private static void append(StringBuilder out, LocalAuthorizer authorizer, DemoTree.Member member) {
        LocalAuthorizer.Identity who = member.identity();
        out.append("  # ").append(member.label()).append(" of ").append(member.companyName()).append(": sub=")
                .append(who.sub()).append(" company_id=").append(who.companyId()).append(" role=").append(who.role()).append('\n');
        out.append("  export ").append(variable(member)).append('=').append(authorizer.mint(who)).append('\n');
    }

    static String variable(DemoTree.Member member) {
        return member.label().toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "_") + "_TOKEN";
    }

    private static void examples(StringBuilder out, String url, DemoTree demo) {
        String customer = demo.premiumCustomer().companyId();
        String customerToken = "$" + variable(demo.premiumCustomer());
        String mspToken = "$" + variable(demo.msp());
        out.append("\nTry (the customer manager orders, the MSP manager sees and assigns it):\n");
        out.append("  curl -s ").append(url).append("/companies -H \"Authorization: Bearer ").append(mspToken).append("\"\n");
        out.append("  curl -s -X POST ").append(url).append("/companies/").append(customer).append("/orders")
                .append(" -H \"Authorization: Bearer ").append(customerToken).append("\"")
                .append(" -H 'Content-Type: application/json' -d '{\"quantity\":10}'\n");
        out.append("  curl -s '").append(url).append("/orders?status=requested' -H \"Authorization: Bearer ")
                .append(mspToken).append("\"\n");
        out.append("  curl -s -X POST ").append(url).append("/orders/ORDER_ID/assign -H \"Authorization: Bearer ")
                .append(mspToken).append("\"    # ORDER_ID: the orderId answered above\n");
        out.append("  curl -s ").append(url).append("/companies/").append(customer).append("/licences")
                .append(" -H \"Authorization: Bearer ").append(customerToken).append("\"\n");
        out.append("\nDirectory sync (SCIM), as an identity provider would (the customer manager makes the token):\n");
        out.append("  export SCIM_TOKEN=$(curl -s -X POST ").append(url).append("/companies/").append(customer)
                .append("/directory-tokens -H \"Authorization: Bearer ").append(customerToken)
                .append("\" | sed -E 's/.*\"token\":\"([^\"]+)\".*/\\1/')\n");
        out.append("  curl -s -X POST ").append(url).append("/scim/v2/Users -H \"Authorization: Bearer $SCIM_TOKEN\"")
                .append(" -H 'Content-Type: application/scim+json' -d '{\"userName\":\"ann@example.com\",")
                .append("\"name\":{\"givenName\":\"Ann\",\"familyName\":\"Lee\"},\"active\":true}'\n");
        out.append("  curl -s '").append(url).append("/scim/v2/Users?filter=userName%20eq%20%22ann@example.com%22'")
                .append(" -H \"Authorization: Bearer $SCIM_TOKEN\"\n");
        out.append("  curl -s -X POST ").append(url).append(TokenEndpoint.TOKEN)
                .append(" -H 'Content-Type: application/json' -d '{\"sub\":\"")
                .append(demo.trialCustomer().identity().sub()).append("\",\"company_id\":\"")
                .append(demo.trialCustomer().companyId()).append("\",\"role\":\"manager\"}'\n");
    }
}
