package com.amends.auth;

import com.amends.platform.ratelimit.Quota;
import com.amends.platform.ratelimit.Quotas;
import com.amends.platform.ratelimit.Rate;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.security.Principal;
import java.util.Optional;

/**
 * Each key's rate limit by its role (config.yml {@code rateLimits}), unless the key has one of
 * its own, and the lower limit every key has for expensive reads. A storefront's checkout
 * traffic is far higher than a helpdesk agent's clicks, and a report costs the database more
 * than a thousand wallet reads. Each instance counts on its own.
 */
public final class RateLimitSettings implements Quotas {
    @Valid @NotNull private Rate storefront = Rate.of(100, 200);
    @Valid @NotNull private Rate agent = Rate.of(10, 30);
    @Valid @NotNull private Rate supervisor = Rate.of(10, 30);
    @Valid @NotNull private Rate finance = Rate.of(10, 30);
    @Valid @NotNull private Rate admin = Rate.of(10, 30);
    /** Reports, CSV exports, the journal and the audit trail, per key: counted here instead of in the key's own limit. */
    @Valid @NotNull private Rate expensiveReads = Rate.of(1, 10);

    @Override
    public Optional<Quota> of(Principal principal, boolean expensive) {
        if (!(principal instanceof Caller caller)) {
            return Optional.empty();
        }
        if (expensive) {
            return Optional.of(new Quota(caller.keyId() + "/expensive", expensiveReads));
        }
        return Optional.of(new Quota(caller.keyId(), caller.rateLimit() != null ? caller.rateLimit() : of(caller.role())));
    }

    public Rate of(Role role) {
        return switch (role) {
            case STOREFRONT -> storefront;
            case AGENT -> agent;
            case SUPERVISOR -> supervisor;
            case FINANCE -> finance;
            case ADMIN -> admin;
        };
    }

    @JsonProperty
    public Rate getStorefront() {
        return storefront;
    }

    @JsonProperty
    public void setStorefront(Rate storefront) {
        this.storefront = storefront;
    }

    @JsonProperty
    public Rate getAgent() {
        return agent;
    }

    @JsonProperty
    public void setAgent(Rate agent) {
        this.agent = agent;
    }

    @JsonProperty
    public Rate getSupervisor() {
        return supervisor;
    }

    @JsonProperty
    public void setSupervisor(Rate supervisor) {
        this.supervisor = supervisor;
    }

    @JsonProperty
    public Rate getFinance() {
        return finance;
    }

    @JsonProperty
    public void setFinance(Rate finance) {
        this.finance = finance;
    }

    @JsonProperty
    public Rate getAdmin() {
        return admin;
    }

    @JsonProperty
    public void setAdmin(Rate admin) {
        this.admin = admin;
    }

    @JsonProperty
    public Rate getExpensiveReads() {
        return expensiveReads;
    }

    @JsonProperty
    public void setExpensiveReads(Rate expensiveReads) {
        this.expensiveReads = expensiveReads;
    }
}
