package com.partnerchannel.licensing.tenancy.model;

/** A partner (distributor, MSP, sub-partner) may have child companies; a customer has learners. */
public enum CompanyKind {
    partner, customer
}
