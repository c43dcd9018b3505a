package com.partnerchannel.licensing.dynamodb;

/** Attribute and index names of the single table; the key templates live with each entity's items. */
final class Keys {
    static final String PK = "PK";
    static final String SK = "SK";
    static final String TTL = "ttl";

    /** Companies and orders by tree path, per top-level partner. */
    static final String GSI1 = "GSI1";
    /** Orders by status per top-level partner; top-level partners. */
    static final String GSI2 = "GSI2";
    /** Bare order id → tenant keys (keys only). */
    static final String GSI3 = "GSI3";
    /** Everything expiring on a day, sharded. */
    static final String EXPIRY = "GSI4";
    /** A company's learners by recorded licence status, oldest first. */
    static final String LEARNERS = "GSI5";

    /** The outbox events not yet on the bus, by company shard, oldest first (sparse). */
    static final String UNPUBLISHED = "GSI6";

    static final int EXPIRY_SHARDS = 16;

    private Keys() {
    }

    static String pk(String index) {
        return index + "PK";
    }

    static String sk(String index) {
        return index + "SK";
    }

    static String company(String companyId) {
        return "C#" + companyId;
    }

    static String tree(String rootId) {
        return "T#" + rootId;
    }

    static String expiryPartition(String day, String companyId, String entityId) {
        return expiryPartition(day, Math.floorMod((companyId + "#" + entityId).hashCode(), EXPIRY_SHARDS));
    }

    /** One shard of one day of the expiry index ({@code day} is {@code yyyy-MM-dd}). */
    static String expiryPartition(String day, int shard) {
        return "EXP#" + day + "#" + shard;
    }
}
