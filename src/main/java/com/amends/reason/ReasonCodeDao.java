package com.amends.reason;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(ReasonCodeRow.class)
interface ReasonCodeDao {

    @SqlQuery("SELECT * FROM reason_codes WHERE code = :code")
    Optional<ReasonCodeRow> find(String code);

    @SqlQuery("""
            SELECT * FROM reason_codes
             WHERE code > :after AND (:active IS NULL OR active = :active)
             ORDER BY code LIMIT :limit
            """)
    List<ReasonCodeRow> list(String after, Boolean active, int limit);

    @SqlUpdate("""
            INSERT INTO reason_codes (code, name, category, active, suggested_reward, default_validity_days, created_at, updated_at)
            VALUES (:code, :name, :category, :active, :suggestedReward, :defaultValidityDays, :createdAt, :updatedAt)
            """)
    void insert(@BindMethods ReasonCodeRow row);

    @SqlUpdate("""
            UPDATE reason_codes
               SET name = :name, category = :category, active = :active, suggested_reward = :suggestedReward,
                   default_validity_days = :defaultValidityDays, updated_at = :updatedAt
             WHERE code = :code
            """)
    void update(@BindMethods ReasonCodeRow row);
}
