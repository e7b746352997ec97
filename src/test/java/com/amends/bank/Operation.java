package com.amends.bank;

import java.time.Duration;

/**
 * One step of a bank run, as the property generates it. A step names what it acts on by a pick,
 * a small number taken modulo what the run has made so far, so that a run shrunk to fewer steps
 * still refers to something whenever there is something to refer to.
 */
sealed interface Operation {
    void applyTo(Teller teller);

    /** An agent grants points to one of the run's customers, expiring after {@code validity}. */
    record GrantPoints(int customer, long points, Duration validity) implements Operation {
        public void applyTo(Teller teller) {
            teller.grantPoints(this);
        }
    }

    /** An agent grants an amount voucher (EUR) to one of the run's customers. */
    record GrantVoucher(int customer, long amount, Duration validity) implements Operation {
        public void applyTo(Teller teller) {
            teller.grantVoucher(this);
        }
    }

    record RedeemPoints(int customer, long points) implements Operation {
        public void applyTo(Teller teller) {
            teller.redeemPoints(this);
        }
    }

    record RedeemVoucher(int voucher, long amount) implements Operation {
        public void applyTo(Teller teller) {
            teller.redeemVoucher(this);
        }
    }

    record HoldPoints(int customer, long points, int ttlSeconds) implements Operation {
        public void applyTo(Teller teller) {
            teller.holdPoints(this);
        }
    }

    record HoldVoucher(int voucher, long amount, int ttlSeconds) implements Operation {
        public void applyTo(Teller teller) {
            teller.holdVoucher(this);
        }
    }

    /** Captures a hold: all of it when {@code part} is null. */
    record Capture(int hold, Long part) implements Operation {
        public void applyTo(Teller teller) {
            teller.capture(this);
        }
    }

    record Release(int hold) implements Operation {
        public void applyTo(Teller teller) {
            teller.release(this);
        }
    }

    /** Reverses a redemption (a refund): all that is left of it when {@code part} is null. */
    record Reverse(int redemption, Long part) implements Operation {
        public void applyTo(Teller teller) {
            teller.reverse(this);
        }
    }

    /** A supervisor revokes a grant. */
    record Revoke(int grant) implements Operation {
        public void applyTo(Teller teller) {
            teller.revoke(this);
        }
    }

    /** Time passes, and the expiry job runs, as it would on its own schedule. */
    record MoveClock(Duration by) implements Operation {
        public void applyTo(Teller teller) {
            teller.moveClock(this);
        }
    }

    record ReadWallet(int customer) implements Operation {
        public void applyTo(Teller teller) {
            teller.readWallet(this);
        }
    }

    record ReadVoucher(int voucher) implements Operation {
        public void applyTo(Teller teller) {
            teller.readVoucher(this);
        }
    }
}
