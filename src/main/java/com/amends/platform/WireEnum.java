package com.amends.platform;

import java.lang.reflect.Type;
import java.sql.Types;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.ArgumentFactory;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.generic.GenericTypes;
import org.jdbi.v3.core.mapper.ColumnMapper;
import org.jdbi.v3.core.mapper.ColumnMapperFactory;

/**
 * A status or kind stored, and shown, as its lower-case name ({@code PENDING_APPROVAL} is
 * {@code pending_approval}). Rows hold the enum; Jdbi reads and binds it by this name, so no
 * string literal of a status is compared anywhere but in SQL.
 */
public interface WireEnum {
    String name();

    default String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    static <E extends Enum<E> & WireEnum> E fromWire(Class<E> type, String value) {
        return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
    }

    /**
     * The value a client named in a query parameter; null when none was given. An unknown name
     * is refused with the names there are, never read as "matches nothing".
     */
    static <E extends Enum<E> & WireEnum> E fromQuery(Class<E> type, String parameter, String value) {
        if (value == null) {
            return null;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.wire().equals(value)) {
                return constant;
            }
        }
        throw ApiException.field(ErrorCode.INVALID_PARAMETER, parameter, "must be one of "
                + Arrays.stream(type.getEnumConstants()).map(WireEnum::wire).collect(Collectors.joining(", ")));
    }

    /** Teaches Jdbi to read and bind every {@code WireEnum} by its wire name. */
    static void install(Jdbi jdbi) {
        jdbi.registerColumnMapper((ColumnMapperFactory) (type, config) -> wireEnum(type).map(WireEnum::columnMapper));
        jdbi.registerArgument((ArgumentFactory) (Type type, Object value, ConfigRegistry config) ->
                wireEnum(type).map(e -> (position, statement, context) -> {
                    if (value == null) {
                        statement.setNull(position, Types.VARCHAR);
                    } else {
                        statement.setString(position, ((WireEnum) value).wire());
                    }
                }));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static ColumnMapper<?> columnMapper(Class<?> type) {
        return (rs, column, ctx) -> {
            String value = rs.getString(column);
            return value == null ? null : fromWire((Class) type, value);
        };
    }

    private static Optional<Class<?>> wireEnum(Type type) {
        Class<?> raw = GenericTypes.getErasedType(type);
        return raw.isEnum() && WireEnum.class.isAssignableFrom(raw) ? Optional.of(raw) : Optional.empty();
    }
}
