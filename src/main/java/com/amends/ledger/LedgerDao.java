package com.amends.ledger;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.customizer.BindMethodsList;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

interface LedgerDao {

    /** H2 accepts ON CONFLICT because it runs in PostgreSQL mode; see the JDBC URL. */
    @SqlUpdate("""
            INSERT INTO accounts (id, kind, unit, customer_id, balance, created_at)
            VALUES (:id, :kind, :unit, :customerId, 0, :now)
            ON CONFLICT DO NOTHING
            """)
    void open(String id, String kind, String unit, String customerId, Instant now);

    @SqlUpdate("""
            INSERT INTO journal_entries (id, kind, customer_id, grant_id, reason_code, api_key_id, created_at)
            VALUES (:id, :kind, :customerId, :grantId, :reasonCode, :apiKeyId, :createdAt)
            """)
    void insertEntry(String id, String kind, @BindMethods EntryContext context, Instant createdAt);

    @SqlBatch("""
            INSERT INTO accounts (id, kind, unit, customer_id, balance, created_at)
            VALUES (:id, :kind, :unit, :customerId, 0, :now)
            ON CONFLICT DO NOTHING
            """)
    void openAll(@BindMethods List<NewAccount> accounts, Instant now);

    @SqlBatch("""
            INSERT INTO journal_entries (id, kind, customer_id, grant_id, reason_code, api_key_id, created_at)
            VALUES (:id, :kind, :customerId, :grantId, :reasonCode, :apiKeyId, :createdAt)
            """)
    void insertEntries(@BindMethods List<NewEntry> entries, Instant createdAt);

    @SqlBatch("UPDATE accounts SET balance = balance + :amount WHERE id = :id AND balance + :amount >= 0")
    int[] moveAll(@BindMethods List<Move> moves);

    @SqlQuery("SELECT id, balance AS amount FROM accounts WHERE id IN (<ids>)")
    @RegisterConstructorMapper(Move.class)
    List<Move> balances(@BindList("ids") List<String> ids);

    /**
     * The guard of invariant 3: a movement that would take the balance below zero updates nothing.
     * Answers the balance after it, in the same statement: the driver asks for the changed column
     * back (PostgreSQL's driver adds RETURNING; H2 answers an UPDATE's changed rows as its keys).
     */
    @SqlUpdate("UPDATE accounts SET balance = balance + :amount WHERE id = :id AND balance + :amount >= 0")
    @GetGeneratedKeys("balance")
    Optional<Long> move(String id, long amount);

    @SqlQuery("SELECT balance FROM accounts WHERE id = :id")
    Optional<Long> balance(String id);

    @SqlQuery("SELECT balance FROM accounts WHERE id = :id <forUpdate>")
    Optional<Long> lock(String id);

    @SqlBatch("""
            INSERT INTO postings (entry_id, line, account_id, unit, amount, balance_after, grant_id, created_at)
            VALUES (:entryId, :line, :accountId, :unit, :amount, :balanceAfter, :grantId, :createdAt)
            """)
    void insertPostings(@BindMethods List<PostingRow> postings);

    /** One entry's postings in one statement (a batch is a statement per row on H2, and without the driver's rewriting on PostgreSQL). */
    @SqlUpdate("INSERT INTO postings (entry_id, line, account_id, unit, amount, balance_after, grant_id, created_at) VALUES <rows>")
    void insertEntryPostings(@BindMethodsList(value = "rows", methodNames = {"entryId", "line", "accountId", "unit",
            "amount", "balanceAfter", "grantId", "createdAt"}) List<PostingRow> postings);

    record NewAccount(String id, String kind, String unit, String customerId) {}

    record NewEntry(String id, String kind, String customerId, String grantId, String reasonCode, String apiKeyId) {}

    /** An amount for an account: a movement to apply, or a balance read back. */
    record Move(String id, long amount) {}

    /** The constant customer_id leads the ORDER BY so that H2 walks the index backwards and stops at the limit. */
    @SqlQuery("""
            SELECT seq, id, kind, customer_id, grant_id, reason_code, created_at
              FROM journal_entries
             WHERE customer_id = :customerId AND seq < :beforeSeq
             ORDER BY customer_id DESC, seq DESC
             LIMIT :limit
            """)
    @RegisterConstructorMapper(EntryRow.class)
    List<EntryRow> entriesOf(String customerId, long beforeSeq, int limit);

    @SqlQuery("""
            SELECT entry_id, line, account_id, unit, amount, balance_after, grant_id, created_at
              FROM postings WHERE entry_id IN (<entryIds>) ORDER BY entry_id, line
            """)
    @RegisterConstructorMapper(PostingRow.class)
    List<PostingRow> postingsOf(@BindList("entryIds") List<String> entryIds);
}
