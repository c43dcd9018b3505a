package com.partnerchannel.licensing.scim;

/** The URNs of the SCIM messages and schemas this service speaks (RFC 7643, RFC 7644). */
public final class ScimSchemas {
    public static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    /** Our own extension: the learner's licence, read-only. */
    public static final String LICENCE = "urn:partnerchannel:params:scim:schemas:extension:licensing:2.0:User";
    public static final String LIST = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
    public static final String PATCH = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    public static final String ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";
    public static final String SERVICE_PROVIDER_CONFIG = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig";
    public static final String RESOURCE_TYPE = "urn:ietf:params:scim:schemas:core:2.0:ResourceType";
    public static final String SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Schema";
    public static final String MEDIA_TYPE = "application/scim+json";

    private ScimSchemas() {
    }
}
