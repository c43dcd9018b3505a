package com.partnerchannel.licensing.tenancy.model;

import java.util.Arrays;
import java.util.List;

/**
 * The ids from a company's top-level partner down to the company itself, each followed by '#'
 * (for example {@code ROOT#MSP#CUST#}). A prefix of a path is an ancestor's path, and the trailing
 * delimiter keeps {@code C1#} from matching {@code C10#}.
 */
public record TreePath(String value) {
    public TreePath {
        if (value == null || value.isEmpty() || !value.endsWith("#")) {
            throw new IllegalArgumentException("bad tree path: " + value);
        }
    }

    public static TreePath root(CompanyId id) {
        return new TreePath(id.value() + "#");
    }

    public TreePath child(CompanyId id) {
        return new TreePath(value + id.value() + "#");
    }

    public CompanyId rootId() {
        return new CompanyId(value.substring(0, value.indexOf('#')));
    }

    public List<String> ids() {
        return Arrays.asList(value.split("#"));
    }

    /** True when {@code id} is this company or one above it. */
    public boolean contains(CompanyId id) {
        return ids().contains(id.value());
    }

    public boolean isWithin(TreePath ancestor) {
        return value.startsWith(ancestor.value);
    }

    public int depth() {
        return ids().size();
    }
}
