package com.amends.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class ScrubberTest {
    private final Scrubber scrubber = new Scrubber(new ObjectMapper(), "cust-42", "erased_ab");

    @Test
    void theId_ShouldBecomeThePseudonym_AloneInAnAccountOrInText_ButNotInsideAnotherId() {
        String stored = """
                {"customer_id":"cust-42","account":"points:cust-42","other":"cust-421","detail":"No customer cust-42 here",
                 "amount":1000,"list":["cust-42","x-cust-42","shop:cust-42"]}""";
        assertThat(scrubber.json(stored)).isEqualTo("""
                {"customer_id":"erased_ab","account":"points:erased_ab","other":"cust-421",\
                "detail":"No customer erased_ab here","amount":1000,"list":["erased_ab","x-cust-42","shop:cust-42"]}""");
    }

    @Test
    void freeText_ShouldBeBlanked_WhereverItSits_AndNullsAndNumbersKept() {
        String stored = """
                {"data":{"object":{"note":"lives at 12 Quiet Lane","case_ref":"ZD-1","revocation":{"reason":"mistake"},
                 "approval":{"note":null},"points":500},"message":{"subject":"Hi cust-42","body":"Dear you"}}}""";
        assertThat(scrubber.json(stored)).isEqualTo("""
                {"data":{"object":{"note":"[erased]","case_ref":"[erased]","revocation":{"reason":"[erased]"},\
                "approval":{"note":null},"points":500},"message":{"subject":"[erased]","body":"[erased]"}}}""");
    }

    @Test
    void textThatIsNotJson_ShouldStillLoseTheId() {
        assertThat(scrubber.json("refused for cust-42.")).isEqualTo("refused for erased_ab.");
        assertThat(scrubber.json(null)).isNull();
    }
}
