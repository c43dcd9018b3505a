package com.partnerchannel.licensing.renewal.model;

import com.partnerchannel.licensing.tenancy.model.Actor;

import java.time.Instant;

/**
 * A request to analyse the upload again with another email column, too large a file to analyse within
 * the gateway's 30 seconds, handed to the analysis worker. {@code requestId} names the one request the
 * worker acts on: a late or repeated event for an older request changes nothing.
 */
public record Reanalysis(String requestId, String emailColumn, Actor requestedBy, Instant requestedAt) {
}
