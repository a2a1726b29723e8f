package io.getbill.server.resources.creditors;

import io.getbill.server.resources.debts.records.DebtTotals;
import io.getbill.server.infrastructure.mapping.Timestamps;
import jakarta.inject.Singleton;

/** The one mapping between a stored {@link Creditor} (with its debt totals) and the API's {@code Creditor}. */
@Singleton
public class CreditorMapper {

    public io.getbill.server.api.model.Creditor toApi(Creditor c, DebtTotals.Totals totals) {
        var api = new io.getbill.server.api.model.Creditor(c.id(), c.name(), Timestamps.utc(c.createdAt()),
                Timestamps.utc(c.updatedAt()), totals.debtsCount(), totals.amount());
        api.setEmail(c.email());
        api.setPhone(c.phone());
        api.setAddress(c.address());
        api.setCity(c.city());
        api.setPostalCode(c.postalCode());
        api.setCountry(c.country());
        api.setRegistrationNumber(c.registrationNumber());
        api.setTaxNumber(c.taxNumber());
        api.setContactPerson(c.contactPerson());
        return api;
    }
}
