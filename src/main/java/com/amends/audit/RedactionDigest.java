package com.amends.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

/**
 * One SHA-256 over the audit events an erasure rewrote (each event's id and the link it records),
 * which the erasure's own audit event carries: the chain seals that event, so the list of
 * rewritten events cannot grow or change afterwards without the walk noticing.
 */
final class RedactionDigest {
    /** Where the erasure's answer, and so its audit event's state after, carries the digest. */
    static final String FIELD = "audit_redactions";

    private RedactionDigest() {}

    static String of(List<AuditDao.Redaction> redactions) {
        MessageDigest sha = AuditChain.sha256();
        for (AuditDao.Redaction redaction : redactions) {
            sha.update((redaction.eventId() + ' ' + redaction.contentHash() + '\n').getBytes(StandardCharsets.US_ASCII));
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** The digest an erasure's audit event recorded, or null. */
    static String recorded(ObjectMapper mapper, String afterState) {
        if (afterState == null) {
            return null;
        }
        try {
            JsonNode digest = mapper.readTree(afterState).path(FIELD).path("digest");
            return digest.isTextual() ? digest.textValue() : null;
        } catch (java.io.IOException e) {
            return null;
        }
    }
}
