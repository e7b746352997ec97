package com.amends.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class CredentialMaskTest {
    private final CredentialMask codes = new CredentialMask(Pattern.compile("[0-9A-Z]{4}(-[0-9A-Z]{4}){4}"),
            code -> "****-" + code.substring(code.length() - 4));
    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void shouldMaskACodeStandingAlone_OrWrittenInsideText_ButNoPartOfALongerToken() throws Exception {
        JsonNode tree = mapper.readTree("""
                {"code": "7KQM-3XWD-9PFA-R2TN-H6VC",
                 "message": {"body": "Your code 7KQM-3XWD-9PFA-R2TN-H6VC, or 8KQM-3XWD-9PFA-R2TN-H6VD."},
                 "list": ["7KQM-3XWD-9PFA-R2TN-H6VC"],
                 "order_ref": "ACA1284F-E51E-4033-9182-CA79B22ACE40"}
                """);

        JsonNode masked = codes.maskAll(tree);

        assertThat(masked.path("code").asText()).isEqualTo("****-H6VC");
        assertThat(masked.path("message").path("body").asText()).isEqualTo("Your code ****-H6VC, or ****-H6VD.");
        assertThat(masked.path("list").get(0).asText()).isEqualTo("****-H6VC");
        assertThat(masked.path("order_ref").asText()).isEqualTo("ACA1284F-E51E-4033-9182-CA79B22ACE40");
    }
}
