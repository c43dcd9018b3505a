package com.partnerchannel.licensing.tenancy.model;

public enum Plan {
    trial, premium
}
