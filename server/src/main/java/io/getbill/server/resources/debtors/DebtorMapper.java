package io.getbill.server.resources.debtors;

import io.getbill.server.resources.debts.records.DebtTotals;
import io.getbill.server.infrastructure.mapping.Timestamps;
import jakarta.inject.Singleton;

/** The one mapping between a stored {@link Debtor} (with its debt totals) and the API's {@code Debtor}. */
@Singleton
public class DebtorMapper {

    public io.getbill.server.api.model.Debtor toApi(Debtor d, DebtTotals.Totals totals) {
        var api = new io.getbill.server.api.model.Debtor(d.id(), d.firstName(), d.lastName(),
                Timestamps.utc(d.firstSeenAt()), Timestamps.utc(d.lastSeenAt()), Timestamps.utc(d.updatedAt()),
                totals.amount(), totals.paid(), totals.debtsCount());
        api.setEmail(d.email());
        api.setPhone(d.phone());
        api.setAddress(d.address());
        api.setDateOfBirth(d.dateOfBirth());
        return api;
    }
}
