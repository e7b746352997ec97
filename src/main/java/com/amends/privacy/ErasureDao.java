package com.amends.privacy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The statements of an erasure: every column that holds a customer's id gets the pseudonym, and
 * every free-text column written about them is blanked. No amount, time or status is touched.
 * {@code :c} is the customer's id, {@code :p} the pseudonym, {@code :erased} the blank.
 */
interface ErasureDao {
    @SqlQuery("SELECT answer FROM erasures WHERE pseudonym = :pseudonym")
    Optional<String> answer(String pseudonym);

    @SqlUpdate("INSERT INTO erasures (pseudonym, erased_at, api_key_id, answer) VALUES (:pseudonym, :at, :apiKeyId, :answer)")
    void recordErasure(String pseudonym, Instant at, String apiKeyId, String answer);

    @SqlQuery("SELECT secret FROM erasure_key WHERE id = 1")
    Optional<String> storedKey();

    @SqlUpdate("INSERT INTO erasure_key (id, secret) VALUES (1, :secret) ON CONFLICT DO NOTHING")
    void storeKey(String secret);

    // What is still open for the customer: holds to release, vouchers to revoke, grants awaiting approval.

    @SqlQuery("SELECT id FROM holds WHERE customer_id = :c AND status = 'active' ORDER BY id")
    List<String> activeHolds(String c);

    /** Vouchers with something left to spend: a percent one not yet used, an amount one with a balance. */
    @SqlQuery("""
            SELECT g.id FROM grants g JOIN vouchers v ON v.grant_id = g.id
              LEFT JOIN accounts a ON a.id = 'voucher:' || v.id
             WHERE g.customer_id = :c AND g.status = 'issued' AND v.status IN ('active', 'held') AND v.expires_at > :now
               AND (v.type = 'percent' OR a.balance > 0)
             ORDER BY g.id
            """)
    List<String> openVoucherGrants(String c, Instant now);

    @SqlQuery("SELECT id FROM grants WHERE customer_id = :c AND status = 'pending_approval' ORDER BY id")
    List<String> pendingGrants(String c);

    // The customer's own rows. The new customer row comes first and the old one goes last, so that
    // every reference to it always names a row that exists.

    @SqlUpdate("INSERT INTO customers (id, created_at) SELECT :p, created_at FROM customers WHERE id = :c")
    void addPseudonym(String c, String p);

    @SqlUpdate("""
            UPDATE grants SET customer_id = :p, case_ref = :erased,
                   note = CASE WHEN note IS NULL THEN NULL ELSE :erased END,
                   decision_note = CASE WHEN decision_note IS NULL THEN NULL ELSE :erased END,
                   revoke_reason = CASE WHEN revoke_reason IS NULL THEN NULL ELSE :erased END
             WHERE customer_id = :c
            """)
    int grants(String c, String p, String erased);

    @SqlUpdate("""
            UPDATE reversals SET reason = :erased
             WHERE reason IS NOT NULL AND redemption_id IN (SELECT id FROM redemptions WHERE customer_id = :p)
            """)
    void reversals(String p, String erased);

    /** Every row of {@code table} that names the customer names the pseudonym instead. */
    @SqlUpdate("UPDATE <table> SET customer_id = :p WHERE customer_id = :c")
    void renameCustomer(@Define String table, String c, String p);

    @SqlUpdate("DELETE FROM customers WHERE id = :c")
    void dropCustomer(String c);

    // The ledger: the points account is named after the customer, so it and its postings are
    // renamed together; every amount and balance stays as it is, and so does every entry.

    @SqlUpdate("UPDATE accounts SET id = :renamed, customer_id = :p WHERE id = :account")
    void renamePointsAccount(String account, String renamed, String p);

    @SqlUpdate("UPDATE postings SET account_id = :renamed WHERE account_id = :account")
    void postings(String account, String renamed);

    // Stored JSON that may name the customer: found by their id as a JSON string of its own or at
    // the end of one, then rewritten in Java (Scrubber), which changes only what names them.

    @SqlQuery("""
            SELECT id, customer_id, payload FROM events
             WHERE customer_id = :c OR payload LIKE :quoted ESCAPE '!' OR payload LIKE :suffixed ESCAPE '!'
             ORDER BY seq
            """)
    @RegisterConstructorMapper(EventText.class)
    List<EventText> events(String c, String quoted, String suffixed);

    record EventText(String id, String customerId, String payload) {}

    @SqlBatch("UPDATE events SET customer_id = :customerId, payload = :payload WHERE id = :id")
    void rewriteEvents(@BindMethods List<EventText> events);

    @SqlUpdate("UPDATE webhook_deliveries SET ordering_key = :p WHERE ordering_key = :c")
    void deliveryQueues(String c, String p);

    /** What receivers answered to the customer's events may echo them: it is dropped, its status kept. */
    @SqlBatch("""
            UPDATE webhook_attempts SET answer = NULL, error = NULL
             WHERE delivery_id IN (SELECT id FROM webhook_deliveries WHERE event_id = :eventId)
            """)
    void attemptAnswers(List<String> eventId);

    @SqlQuery("""
            SELECT api_key_id, idempotency_key, response_body FROM idempotency_keys
             WHERE response_body LIKE :quoted ESCAPE '!' OR response_body LIKE :suffixed ESCAPE '!'
            """)
    @RegisterConstructorMapper(StoredAnswer.class)
    List<StoredAnswer> storedAnswers(String quoted, String suffixed);

    record StoredAnswer(String apiKeyId, String idempotencyKey, String responseBody) {}

    @SqlBatch("""
            UPDATE idempotency_keys SET response_body = :responseBody
             WHERE api_key_id = :apiKeyId AND idempotency_key = :idempotencyKey
            """)
    void rewriteAnswers(@BindMethods List<StoredAnswer> answers);
}
