package com.amends.policy;

import com.amends.platform.Money;
import io.swagger.v3.oas.annotations.media.Schema;

@Schema(name = "AgentLimits")
public record AgentLimits(@Schema(example = "agent-7") String agentId, Money maxGrant, Money dailyTotal) {}
