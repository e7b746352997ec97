package com.amends.bench.load;

import java.util.List;

/** The customers and vouchers a database was seeded with: customer i holds voucher i. */
public record Seeded(List<String> customers, List<String> codes, String hotCustomer, String hotCode) {
    public int size() {
        return customers.size();
    }

    public String customer(int index) {
        return customers.get(index);
    }

    public String code(int index) {
        return codes.get(index);
    }
}
