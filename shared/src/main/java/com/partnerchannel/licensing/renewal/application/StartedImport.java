package com.partnerchannel.licensing.renewal.application;

import com.partnerchannel.licensing.renewal.model.RenewalImport;

import java.net.URI;

/** A new import and where to upload its file. */
public record StartedImport(RenewalImport renewalImport, URI uploadUrl) {
}
