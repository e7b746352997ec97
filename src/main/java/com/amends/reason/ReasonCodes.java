package com.amends.reason;

import com.amends.platform.ApiException;
import com.amends.platform.Cursor;
import com.amends.platform.ErrorCode;
import com.amends.platform.Json;
import com.amends.platform.Page;
import com.amends.platform.ShortCache;
import com.amends.platform.Transactor;
import com.amends.platform.Tx;
import com.amends.reward.Reward;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The managed catalogue of reasons for goodwill. Every grant names one, so the codes grants and
 * filters name are kept for a short while ({@link ShortCache}); a change here clears them.
 */
public final class ReasonCodes {
    public static final String CODE_PATTERN = "[A-Z][A-Z0-9_]{1,49}";
    /** The longest code CODE_PATTERN allows. */
    public static final int MAX_LENGTH = 50;
    public static final String CATEGORY_PATTERN = "[a-z0-9_]{1,40}";

    private final Transactor transactor;
    private final ReasonCodeDao dao;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final ShortCache<String, Optional<ReasonCode>> recent;

    public ReasonCodes(Transactor transactor, ObjectMapper mapper, Clock clock, Duration cacheFor) {
        this.transactor = transactor;
        this.dao = transactor.onDemand(ReasonCodeDao.class);
        this.mapper = mapper;
        this.clock = clock;
        this.recent = new ShortCache<>(cacheFor, clock);
    }

    /** A code as grants and filters see it: kept for a short while, read again after a change here. */
    private Optional<ReasonCode> find(String code) {
        return recent.get(code, c -> dao.find(c).map(this::view));
    }

    public Page<ReasonCode> list(Boolean active, int limit, String cursor) {
        String after = Optional.ofNullable(Cursor.decode(cursor)).orElse("");
        return Page.of(dao.list(after, active, limit + 1), limit, ReasonCodeRow::code, this::view);
    }

    public ReasonCode get(String code) {
        return dao.find(code).map(this::view)
                .orElseThrow(() -> new ApiException(ErrorCode.REASON_CODE_NOT_FOUND, "No reason code " + code));
    }

    /** A filter naming a reason code there is not matches nothing by mistake (a typo), so it is refused. */
    public void requireKnown(String parameter, String code) {
        if (code != null && find(code).isEmpty()) {
            throw ApiException.field(ErrorCode.INVALID_PARAMETER, parameter,
                    "names no reason code; GET /v1/reason-codes lists them");
        }
    }

    /** The reason code a new grant names: it must exist and be active. */
    public ReasonCode requireActive(String code) {
        ReasonCode reason = find(code).orElseThrow(() ->
                ApiException.field(ErrorCode.REASON_CODE_UNKNOWN, "reason_code", "is not a known reason code"));
        if (!reason.active()) {
            throw new ApiException(ErrorCode.REASON_CODE_INACTIVE, "Reason code " + code + " is retired; pick an active one");
        }
        return reason;
    }

    public ReasonCode create(Tx tx, CreateReasonCodeRequest request) {
        if (request.suggestedReward() != null) {
            request.suggestedReward().check("suggested_reward.");
        }
        Instant now = clock.instant();
        ReasonCodeRow row = new ReasonCodeRow(request.code(), request.name().strip(), request.category(),
                request.active() == null || request.active(), writeReward(request.suggestedReward()),
                request.defaultValidityDays(), now, now);
        recent.changed(tx); // a grant naming the new code right after must find it
        try {
            dao.insert(row);
        } catch (RuntimeException e) {
            if (Transactor.isUniqueViolation(e)) {
                throw new ApiException(ErrorCode.REASON_CODE_EXISTS, "Reason code " + request.code() + " exists already");
            }
            throw e;
        }
        return view(row);
    }

    public ReasonCode update(Tx tx, String code, UpdateReasonCodeRequest patch) {
        if (patch.suggestedReward() != null) {
            patch.suggestedReward().check("suggested_reward.");
        }
        ReasonCodeRow current = dao.find(code)
                .orElseThrow(() -> new ApiException(ErrorCode.REASON_CODE_NOT_FOUND, "No reason code " + code));
        ReasonCodeRow updated = new ReasonCodeRow(code,
                patch.name() == null ? current.name() : patch.name().strip(),
                patch.category() == null ? current.category() : patch.category(),
                patch.active() == null ? current.active() : patch.active(),
                patch.suggestedReward() == null ? current.suggestedReward() : writeReward(patch.suggestedReward()),
                patch.defaultValidityDays() == null ? current.defaultValidityDays() : patch.defaultValidityDays(),
                current.createdAt(), clock.instant());
        recent.changed(tx);
        dao.update(updated);
        return view(updated);
    }

    private ReasonCode view(ReasonCodeRow row) {
        Reward suggested = row.suggestedReward() == null ? null : Json.read(mapper, row.suggestedReward(), Reward.class);
        return new ReasonCode(row.code(), row.name(), row.category(), row.active(), suggested,
                row.defaultValidityDays(), row.createdAt(), row.updatedAt());
    }



    private String writeReward(Reward reward) {
        return reward == null ? null : Json.write(mapper, reward);
    }
}
