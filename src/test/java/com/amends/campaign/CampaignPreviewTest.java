package com.amends.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.amends.grant.CampaignCredits;
import com.amends.policy.Amounts;
import com.amends.policy.HeadroomCases;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A campaign preview reads the same headroom as judging a grant: for the cases a budget limits,
 * the room it reports is the room the allowance offers (a campaign's grants answer to no agent's
 * or customer's limit). One cent a grant, so customers count in cents.
 */
@Tag("fast")
class CampaignPreviewTest {
    private static final long UNIT = 1;

    @ParameterizedTest
    @MethodSource("com.amends.policy.HeadroomCases#cases")
    void aBatchOneCustomerTooLargeHitsTheTightestBudget(HeadroomCases.Case c) {
        long fresh = c.room() + 1;

        PreviewView preview = preview(c, null, 0).preview("cmp_1", customers(fresh));

        assertThat(preview.counts().received()).isEqualTo(fresh);
        if (c.limitsCampaigns()) {
            assertThat(preview.breaks()).contains((c.hard() ? "hard" : "soft") + " budget " + c.scope()
                    + ": room for " + c.room() + " of " + fresh + " customers");
            assertThat(preview.counts().credited()).isEqualTo(c.hard() ? c.room() : fresh);
            assertThat(preview.counts().budgetExhausted()).isEqualTo(c.hard() ? fresh - c.room() : 0);
        } else {
            assertThat(preview.breaks()).as("an agent's or a customer's limit binds no campaign").isEmpty();
            assertThat(preview.counts().credited()).isEqualTo(fresh);
        }
    }

    @ParameterizedTest
    @MethodSource("com.amends.policy.HeadroomCases#cases")
    void aBatchThatFitsBreaksNothing(HeadroomCases.Case c) {
        PreviewView preview = preview(c, null, 0).preview("cmp_1", customers(c.room()));

        assertThat(preview.breaks()).isEmpty();
        assertThat(preview.counts().credited()).isEqualTo(c.room());
    }

    @Test
    void rowsAlreadyQueuedTakeTheCostCapFirst() {
        HeadroomCases.Case roomy = HeadroomCases.cases().filter(c -> c.overall() == null && c.category() == null)
                .findFirst().orElseThrow();

        PreviewView preview = preview(roomy, 10L, 4).preview("cmp_1", customers(8));

        assertThat(preview.breaks()).containsExactly("cost cap: room for 6 of 8 customers");
        assertThat(preview.counts().credited()).isEqualTo(6);
        assertThat(preview.counts().costCap()).isEqualTo(2);
        assertThat(preview.counts().skipped()).isEqualTo(2);
    }

    private static CampaignPreview preview(HeadroomCases.Case c, Long costCap, long queued) {
        CampaignViews views = mock(CampaignViews.class);
        when(views.find("cmp_1")).thenReturn(new CampaignRow("cmp_1", "Storm", "INC-1", "late_delivery",
                HeadroomCases.CATEGORY, "agent-7", "{}", UNIT, HeadroomCases.NOW.plusSeconds(86_400), costCap, null, null,
                CampaignStatus.OPEN, queued, 0, 0, 0, "key_1", HeadroomCases.NOW, null, null, null, null, null, 0));
        CampaignCredits credits = mock(CampaignCredits.class);
        when(credits.creditedBy(anyString(), anyList())).thenReturn(List.of());
        return new CampaignPreview(views, credits, HeadroomCases.tally(c), new Amounts("EUR"), HeadroomCases.CLOCK);
    }

    private static List<Recipient> customers(long count) {
        return LongStream.rangeClosed(1, count).mapToObj(i -> new Recipient("cust-" + i, null)).toList();
    }
}
