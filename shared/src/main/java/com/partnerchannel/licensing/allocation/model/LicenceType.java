package com.partnerchannel.licensing.allocation.model;

public enum LicenceType {
    trial, premium
}
