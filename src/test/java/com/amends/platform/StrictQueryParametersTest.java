package com.amends.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Every query parameter takes one value, once: a proxy and the server must read the same request. */
@Tag("fast")
class StrictQueryParametersTest {
    private final StrictQueryParameters filter = new StrictQueryParameters();

    private static ContainerRequestContext request(String... nameValuePairs) {
        MultivaluedMap<String, String> parameters = new MultivaluedHashMap<>();
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            parameters.add(nameValuePairs[i], nameValuePairs[i + 1]);
        }
        UriInfo uri = mock(UriInfo.class);
        when(uri.getQueryParameters(false)).thenReturn(parameters);
        ContainerRequestContext request = mock(ContainerRequestContext.class);
        when(request.getUriInfo()).thenReturn(uri);
        return request;
    }

    private ApiException refusal(ContainerRequestContext request) {
        ApiException refused = catchThrowableOfType(ApiException.class, () -> filter.filter(request));
        assertThat(refused).isNotNull();
        assertThat(refused.errorCode()).isEqualTo(ErrorCode.INVALID_PARAMETER);
        return refused;
    }

    @Test
    void shouldLetThrough_OneValueOfEachParameter() {
        assertThatCode(() -> filter.filter(request("limit", "20", "status", "active"))).doesNotThrowAnyException();
        assertThatCode(() -> filter.filter(request())).doesNotThrowAnyException();
    }

    @Test
    void shouldRefuseAParameterGivenTwice_EvenWithTheSameValue() {
        assertThat(refusal(request("limit", "20", "limit", "20")).getMessage())
                .isEqualTo("Query parameter limit is given 2 times; send it once");
    }

    @Test
    void shouldRefuseAParameterWithoutAValue_RatherThanReadItAsTheDefault() {
        assertThat(refusal(request("limit", "")).getMessage())
                .isEqualTo("Query parameter limit has no value; give one or leave the parameter out");
    }
}
