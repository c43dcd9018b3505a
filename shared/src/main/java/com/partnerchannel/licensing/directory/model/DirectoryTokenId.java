package com.partnerchannel.licensing.directory.model;

import com.partnerchannel.licensing.common.IdShape;

/** The id of a directory token: 26 characters, as every id of this API. */
public record DirectoryTokenId(String value) {
    public DirectoryTokenId {
        IdShape.require("tokenId", value);
    }

    @Override
    public String toString() {
        return value;
    }
}
