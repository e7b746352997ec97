package com.amends.privacy;

import com.amends.audit.AuditRedaction;
import com.amends.auth.Caller;
import com.amends.customer.Customers;
import com.amends.event.EventType;
import com.amends.event.Events;
import com.amends.grant.Grants;
import com.amends.grant.RevokeGrantRequest;
import com.amends.hold.Holds;
import com.amends.ledger.Accounts;
import com.amends.platform.ApiException;
import com.amends.platform.ErrorCode;
import com.amends.platform.Json;
import com.amends.platform.JsonLike;
import com.amends.platform.Transactor;
import com.amends.platform.Tx;
import com.amends.platform.idempotency.Outcome;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Erases a customer on request while the books stay as they are: first what they could still
 * spend or be given is closed through the normal paths (holds released, open vouchers revoked,
 * grants awaiting approval withdrawn), each with its journal entry and event; then their id is
 * replaced by a pseudonym in every row that holds it and the free text written about them is
 * blanked. All of it is one transaction: the caller's (see docs/PRIVACY.md).
 */
public final class Erasures {
    static final String WHY = "customer erased";
    /** Tables whose rows name a customer in a customer_id column and hold nothing else of theirs to rewrite. */
    private static final List<String> TABLES_NAMING_THE_CUSTOMER = List.of("point_lots", "vouchers", "redemptions",
            "holds", "goodwill_totals", "goodwill_days", "campaign_recipients");

    private final Transactor transactor;
    private final ErasureDao dao;
    private final Customers customers;
    private final Holds holds;
    private final Grants grants;
    private final Events events;
    private final AuditRedaction audit;
    private final Pseudonyms pseudonyms;
    private final ObjectMapper mapper;
    private final Clock clock;

    public Erasures(Transactor transactor, Customers customers, Holds holds, Grants grants, Events events,
                    AuditRedaction audit, String pseudonymKey, ObjectMapper mapper, Clock clock) {
        this.transactor = transactor;
        this.dao = transactor.onDemand(ErasureDao.class);
        this.pseudonyms = new Pseudonyms(transactor, pseudonymKey);
        this.customers = customers;
        this.holds = holds;
        this.grants = grants;
        this.events = events;
        this.audit = audit;
        this.mapper = mapper;
        this.clock = clock;
    }

    /** Makes the pseudonyms' key if it is to be kept in the database and is not there yet. */
    public Erasures prepare() {
        pseudonyms.prepare();
        return this;
    }

    /** What an erase request is known by for idempotency: the same for one id, and not the id. */
    public String subject(String customerId) {
        return transactor.inTransaction(tx -> pseudonyms.subject(tx, customerId));
    }

    /**
     * Erases the customer, or answers the erasure already made of an id no longer known; an id
     * never seen is {@code customer_not_found}.
     */
    public Outcome erase(Tx tx, Caller caller, String customerId) {
        tx.requireOpen();
        int round = 1;
        Optional<String> latest = Optional.empty();
        for (; ; round++) {
            Optional<String> answer = dao.answer(pseudonyms.of(tx, customerId, round));
            if (answer.isEmpty()) {
                break;
            }
            latest = answer;
        }
        if (!customers.lockIfKnown(tx, customerId)) {
            // No detail naming the id: a refusal is stored with its Idempotency-Key.
            return Outcome.ok(Json.read(mapper, latest.orElseThrow(() ->
                    new ApiException(ErrorCode.CUSTOMER_NOT_FOUND, "No such customer has received goodwill")),
                    JsonNode.class));
        }
        ErasureView erased = erase(tx, caller, customerId, pseudonyms.of(tx, customerId, round));
        dao.recordErasure(erased.id(), erased.erasedAt(), caller.keyId(), Json.write(mapper, erased));
        return Outcome.ok(erased);
    }

    private ErasureView erase(Tx tx, Caller caller, String c, String p) {
        Instant now = clock.instant();
        List<String> open = dao.activeHolds(c);
        open.forEach(hold -> holds.release(tx, caller, hold));
        List<String> vouchers = dao.openVoucherGrants(c, now);
        vouchers.forEach(grant -> grants.revoke(tx, caller, grant, new RevokeGrantRequest(WHY)));
        List<String> pending = dao.pendingGrants(c);
        pending.forEach(grant -> grants.withdraw(tx, grant, WHY));

        Scrubber scrub = new Scrubber(mapper, c, p);
        dao.addPseudonym(c, p);
        int erasedGrants = dao.grants(c, p, Scrubber.ERASED);
        TABLES_NAMING_THE_CUSTOMER.forEach(table -> dao.renameCustomer(table, c, p));
        dao.reversals(p, Scrubber.ERASED);
        dao.dropCustomer(c);
        dao.renamePointsAccount(Accounts.points(c), Accounts.points(p), p);
        dao.renameCustomer("accounts", c, p);
        dao.postings(Accounts.points(c), Accounts.points(p));
        dao.renameCustomer("journal_entries", c, p);

        String quoted = JsonLike.quoted(c);
        String suffixed = JsonLike.suffixed(c);
        List<ErasureDao.EventText> told = new ArrayList<>();
        for (ErasureDao.EventText event : dao.events(c, quoted, suffixed)) {
            told.add(new ErasureDao.EventText(event.id(), c.equals(event.customerId()) ? p : event.customerId(),
                    scrub.json(event.payload())));
        }
        dao.rewriteEvents(told);
        dao.deliveryQueues(c, p);
        if (!told.isEmpty()) {
            dao.attemptAnswers(told.stream().map(ErasureDao.EventText::id).toList());
        }
        dao.rewriteAnswers(dao.storedAnswers(quoted, suffixed).stream()
                .map(a -> new ErasureDao.StoredAnswer(a.apiKeyId(), a.idempotencyKey(), scrub.json(a.responseBody())))
                .toList());
        AuditRedaction.Redacted redacted = audit.redact(tx, c, p, scrub::json);

        ErasureView view = new ErasureView(p, now, open.size(), vouchers.size(), pending.size(), erasedGrants,
                new ErasureView.AuditRedactions(redacted.events(), redacted.digest()));
        events.record(tx, EventType.CUSTOMER_ERASED, p, view);
        return view;
    }
}
