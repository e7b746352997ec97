package com.amends.hold;

import com.amends.platform.WireEnum;

enum HoldStatus implements WireEnum {
    ACTIVE, CAPTURED, RELEASED, EXPIRED
}
