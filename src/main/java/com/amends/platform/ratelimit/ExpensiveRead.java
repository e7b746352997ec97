package com.amends.platform.ratelimit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A read that costs the database far more than an ordinary request (a report over a period, a
 * CSV export, the journal, the audit trail): it is counted in a lower limit of its own instead
 * of the caller's ordinary one (see {@link RateLimitFilter}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface ExpensiveRead {}
