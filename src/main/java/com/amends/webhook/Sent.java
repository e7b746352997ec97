package com.amends.webhook;

/** An attempt made under the claim {@code token}, waiting to be recorded. */
record Sent(ClaimedDelivery delivery, String token, SendOutcome outcome) {}
