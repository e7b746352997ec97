package com.amends.bench.load;

import java.util.Locale;
import java.util.SplittableRandom;

/** What the clients of one run send: the same mix against the server and against the ceiling. */
public enum Scenario {
    /** GET /v1/vouchers/{code} on random codes that exist. */
    VALIDATE {
        @Override
        public Outcome send(Target target, Seeded data, SplittableRandom random) throws Exception {
            return target.validate(data.code(random.nextInt(data.size())));
        }
    },
    /** Voucher and points redemptions, half each, on many customers. */
    REDEEM {
        @Override
        public Outcome send(Target target, Seeded data, SplittableRandom random) throws Exception {
            int customer = random.nextInt(data.size());
            return random.nextBoolean()
                    ? target.redeemPoints(data.customer(customer), 1 + random.nextInt(5))
                    : target.redeemVoucher(data.code(customer), 1 + random.nextInt(50));
        }
    },
    /** Redemptions all on one customer's points and one voucher: every request wants the same rows. */
    HOT {
        @Override
        public Outcome send(Target target, Seeded data, SplittableRandom random) throws Exception {
            return random.nextBoolean()
                    ? target.redeemPoints(data.hotCustomer(), 1 + random.nextInt(5))
                    : target.redeemVoucher(data.hotCode(), 1 + random.nextInt(50));
        }
    },
    /** Points grants by many agents to many customers. */
    GRANT {
        @Override
        public Outcome send(Target target, Seeded data, SplittableRandom random) throws Exception {
            return target.grantPoints(data.customer(random.nextInt(data.size())), "agent-" + random.nextInt(200),
                    10 + random.nextInt(90));
        }
    },
    /** 70 % validate, 20 % redeem, 10 % grant: a sale day's checkout with the helpdesk busy. */
    MIXED {
        @Override
        public Outcome send(Target target, Seeded data, SplittableRandom random) throws Exception {
            int draw = random.nextInt(100);
            Scenario pick = draw < 70 ? VALIDATE : draw < 90 ? REDEEM : GRANT;
            return pick.send(target, data, random);
        }
    };

    public abstract Outcome send(Target target, Seeded data, SplittableRandom random) throws Exception;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Scenario of(String label) {
        return valueOf(label.strip().toUpperCase(Locale.ROOT));
    }
}
