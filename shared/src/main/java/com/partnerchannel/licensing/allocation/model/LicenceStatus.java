package com.partnerchannel.licensing.allocation.model;

public enum LicenceStatus {
    active, expired, unlicensed
}
