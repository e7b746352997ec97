package com.amends.platform.openapi;

import com.amends.platform.ErrorCode;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The domain error codes an operation may answer with. The OpenAPI document lists them, with
 * the ones every operation shares (authentication, role, validation, idempotency) added from
 * the method's signature, so the document cannot forget them.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Refusals {
    ErrorCode[] value();
}
