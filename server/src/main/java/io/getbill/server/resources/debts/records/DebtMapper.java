package io.getbill.server.resources.debts.records;

import io.getbill.server.api.model.DebtCivility;
import io.getbill.server.api.model.DebtStatus;
import io.getbill.server.infrastructure.mapping.Timestamps;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.RoundingMode;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/** The one mapping between a stored {@link Debt} and the API's {@code Debt}. */
@Singleton
public class DebtMapper {

    private final JsonMapper json;

    public DebtMapper(JsonMapper json) {
        this.json = json;
    }

    public io.getbill.server.api.model.Debt toApi(Debt d) {
        var api = new io.getbill.server.api.model.Debt(d.id(), d.firstname(), d.lastname(), d.amount(),
                d.amount().setScale(2, RoundingMode.UNNECESSARY).toPlainString(), d.currency(),
                DebtStatus.fromValue(d.status()), d.nbReminders(), d.nbAnswered(), d.followupsCount(),
                metadata(d.metadataJson()), d.debtorId(), Timestamps.utc(d.createdAt()), d.paymentPlanActive(),
                Timestamps.utc(d.createdAt()), Timestamps.utc(d.updatedAt()));
        if (d.civility() != null) {
            api.setCivility(DebtCivility.fromValue(d.civility()));
        }
        api.setPhone(d.phone());
        api.setEmail(d.email());
        api.setBirthdate(d.birthdate());
        api.setObject(d.subject());
        api.setInternalId(d.internalId());
        api.setInvoiceReference(d.invoiceReference());
        api.setDebtorReference(d.debtorReference());
        api.setInvoiceDate(d.invoiceDate());
        api.setDueDate(d.dueDate());
        api.setAddress(d.address());
        api.setStreetAddress(d.streetAddress());
        api.setStreetNumber(d.streetNumber());
        api.setPostalCode(d.postalCode());
        api.setCity(d.city());
        api.setCountry(d.country());
        api.setTimelineId(d.timelineId());
        api.setSummary(d.summary());
        api.setIban(d.iban());
        api.setCompany(d.company());
        api.setDebtorCompany(d.debtorCompany());
        api.setPaymentLink(d.paymentLink() == null ? null : URI.create(d.paymentLink()));
        api.setCreditorId(d.creditorId());
        api.setLastTimelineRestart(Timestamps.utc(d.lastTimelineRestart()));
        api.setPlanStartDate(d.planStartDate());
        return api;
    }

    Map<String, Object> metadata(String metadataJson) {
        if (metadataJson == null || metadataJson.equals("{}")) {
            return new LinkedHashMap<>();
        }
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> map = json.readValue(metadataJson, LinkedHashMap.class);
            return map;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String metadataJson(Map<String, Object> metadata) {
        if (metadata == null || metadata.isEmpty()) {
            return "{}";
        }
        try {
            return json.writeValueAsString(metadata);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
