package com.amends.platform;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amends.grant.RevokeGrantRequest;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class JsonTest {
    private final ObjectMapper mapper = Json.configure(new ObjectMapper());

    @Test
    void shouldRefuseNulCharactersInText() {
        assertThatThrownBy(() -> mapper.readValue("{\"reason\": \"a\\u0000b\"}", RevokeGrantRequest.class))
                .hasRootCauseInstanceOf(ApiException.class);
    }
}
