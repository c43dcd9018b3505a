package com.partnerchannel.licensing.dynamodb;

import com.partnerchannel.licensing.directory.model.DirectoryToken;
import com.partnerchannel.licensing.directory.model.DirectoryTokenId;
import com.partnerchannel.licensing.tenancy.model.CompanyId;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.HashMap;
import java.util.Map;

import static com.partnerchannel.licensing.dynamodb.Attr.s;

/**
 * Directory token: PK {@code C#<companyId>}, SK {@code DIRTOKEN#<tokenId>}, with the SHA-256 of its text,
 * never the text. The token text carries both ids, so a SCIM request reads its token with one GetItem.
 */
final class DirectoryTokenItems {
    static final String PREFIX = "DIRTOKEN#";

    private DirectoryTokenItems() {
    }

    static Map<String, AttributeValue> key(CompanyId companyId, DirectoryTokenId tokenId) {
        return Map.of(Keys.PK, s(Keys.company(companyId.value())), Keys.SK, s(PREFIX + tokenId.value()));
    }

    static Map<String, AttributeValue> toItem(DirectoryToken token) {
        Map<String, AttributeValue> item = new HashMap<>(key(token.companyId(), token.tokenId()));
        item.put("type", s("directoryToken"));
        item.put("tokenId", s(token.tokenId().value()));
        item.put("companyId", s(token.companyId().value()));
        item.put("secretHash", s(token.secretHash()));
        item.put("hint", s(token.hint()));
        item.put("createdAt", Attr.t(token.createdAt()));
        item.put("createdBy", s(token.createdBy()));
        Attr.putOptTime(item, "lastUsedAt", token.lastUsedAt());
        return item;
    }

    static DirectoryToken fromItem(Map<String, AttributeValue> item) {
        return new DirectoryToken(new DirectoryTokenId(Attr.str(item, "tokenId")),
                new CompanyId(Attr.str(item, "companyId")), Attr.str(item, "secretHash"), Attr.str(item, "hint"),
                Attr.instant(item, "createdAt"), Attr.str(item, "createdBy"), Attr.optInstant(item, "lastUsedAt"));
    }
}
