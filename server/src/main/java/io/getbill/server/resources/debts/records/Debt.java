package io.getbill.server.resources.debts.records;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;

/**
 * A debt as stored. Separate from the API's {@code Debt} ({@link DebtMapper} joins them): the debtor fields are the
 * debt's own copy, {@code subject} is the API's {@code object}, {@code metadataJson} the metadata object as JSON, and
 * the {@code search*} columns the lower-cased text the prefix search compares.
 */
@MappedEntity("debts")
public record Debt(
        @Id String id,
        String companyId,
        String debtorId,
        @Nullable String creditorId,
        @Nullable String importId,
        String status,
        String currency,
        BigDecimal amount,
        @Nullable String civility,
        String firstname,
        String lastname,
        @Nullable String phone,
        @Nullable String email,
        @Nullable LocalDate birthdate,
        @Nullable String subject,
        @Nullable String internalId,
        @Nullable String invoiceReference,
        @Nullable String debtorReference,
        @Nullable LocalDate invoiceDate,
        @Nullable LocalDate dueDate,
        @Nullable String address,
        @Nullable String streetAddress,
        @Nullable String streetNumber,
        @Nullable String postalCode,
        @Nullable String city,
        @Nullable String country,
        @Nullable String iban,
        @Nullable String company,
        @Nullable String debtorCompany,
        @Nullable String paymentLink,
        @Nullable String summary,
        String metadataJson,
        @Nullable String timelineId,
        int nbReminders,
        int nbAnswered,
        int followupsCount,
        boolean paymentPlanActive,
        @Nullable LocalDate planStartDate,
        @Nullable Instant lastTimelineRestart,
        @Nullable String searchInternalId,
        String searchFirstname,
        String searchLastname,
        @Nullable String searchObject,
        Instant createdAt,
        Instant updatedAt) {

    public Builder toBuilder() {
        Builder b = new Builder();
        b.id = id;
        b.companyId = companyId;
        b.debtorId = debtorId;
        b.creditorId = creditorId;
        b.importId = importId;
        b.status = status;
        b.currency = currency;
        b.amount = amount;
        b.civility = civility;
        b.firstname = firstname;
        b.lastname = lastname;
        b.phone = phone;
        b.email = email;
        b.birthdate = birthdate;
        b.subject = subject;
        b.internalId = internalId;
        b.invoiceReference = invoiceReference;
        b.debtorReference = debtorReference;
        b.invoiceDate = invoiceDate;
        b.dueDate = dueDate;
        b.address = address;
        b.streetAddress = streetAddress;
        b.streetNumber = streetNumber;
        b.postalCode = postalCode;
        b.city = city;
        b.country = country;
        b.iban = iban;
        b.company = company;
        b.debtorCompany = debtorCompany;
        b.paymentLink = paymentLink;
        b.summary = summary;
        b.metadataJson = metadataJson;
        b.timelineId = timelineId;
        b.nbReminders = nbReminders;
        b.nbAnswered = nbAnswered;
        b.followupsCount = followupsCount;
        b.paymentPlanActive = paymentPlanActive;
        b.planStartDate = planStartDate;
        b.lastTimelineRestart = lastTimelineRestart;
        b.searchInternalId = searchInternalId;
        b.searchFirstname = searchFirstname;
        b.searchLastname = searchLastname;
        b.searchObject = searchObject;
        b.createdAt = createdAt;
        b.updatedAt = updatedAt;
        return b;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Lower-cased search key of a text, or {@code null}. */
    static String searchKey(String text, int maxLength) {
        if (text == null) {
            return null;
        }
        String key = text.toLowerCase(Locale.ROOT);
        return key.length() <= maxLength ? key : key.substring(0, maxLength);
    }

    /** Mutable copy used to apply a change; {@link #build()} refreshes the search keys. */
    public static final class Builder {
        private String id;
        private String companyId;
        private String debtorId;
        private String creditorId;
        private String importId;
        private String status;
        private String currency;
        private BigDecimal amount;
        private String civility;
        private String firstname;
        private String lastname;
        private String phone;
        private String email;
        private LocalDate birthdate;
        private String subject;
        private String internalId;
        private String invoiceReference;
        private String debtorReference;
        private LocalDate invoiceDate;
        private LocalDate dueDate;
        private String address;
        private String streetAddress;
        private String streetNumber;
        private String postalCode;
        private String city;
        private String country;
        private String iban;
        private String company;
        private String debtorCompany;
        private String paymentLink;
        private String summary;
        private String metadataJson;
        private String timelineId;
        private int nbReminders;
        private int nbAnswered;
        private int followupsCount;
        private boolean paymentPlanActive;
        private LocalDate planStartDate;
        private Instant lastTimelineRestart;
        private String searchInternalId;
        private String searchFirstname;
        private String searchLastname;
        private String searchObject;
        private Instant createdAt;
        private Instant updatedAt;

        public Builder id(String id) {
            this.id = id;
            return this;
        }

        public Builder companyId(String companyId) {
            this.companyId = companyId;
            return this;
        }

        public Builder debtorId(String debtorId) {
            this.debtorId = debtorId;
            return this;
        }

        public Builder creditorId(String creditorId) {
            this.creditorId = creditorId;
            return this;
        }

        public Builder importId(String importId) {
            this.importId = importId;
            return this;
        }

        public Builder status(String status) {
            this.status = status;
            return this;
        }

        public Builder currency(String currency) {
            this.currency = currency;
            return this;
        }

        public Builder amount(BigDecimal amount) {
            this.amount = amount;
            return this;
        }

        public Builder civility(String civility) {
            this.civility = civility;
            return this;
        }

        public Builder firstname(String firstname) {
            this.firstname = firstname;
            return this;
        }

        public Builder lastname(String lastname) {
            this.lastname = lastname;
            return this;
        }

        public Builder phone(String phone) {
            this.phone = phone;
            return this;
        }

        public Builder email(String email) {
            this.email = email;
            return this;
        }

        public Builder birthdate(LocalDate birthdate) {
            this.birthdate = birthdate;
            return this;
        }

        public Builder subject(String subject) {
            this.subject = subject;
            return this;
        }

        public Builder internalId(String internalId) {
            this.internalId = internalId;
            return this;
        }

        public Builder invoiceReference(String invoiceReference) {
            this.invoiceReference = invoiceReference;
            return this;
        }

        public Builder debtorReference(String debtorReference) {
            this.debtorReference = debtorReference;
            return this;
        }

        public Builder invoiceDate(LocalDate invoiceDate) {
            this.invoiceDate = invoiceDate;
            return this;
        }

        public Builder dueDate(LocalDate dueDate) {
            this.dueDate = dueDate;
            return this;
        }

        public Builder address(String address) {
            this.address = address;
            return this;
        }

        public Builder streetAddress(String streetAddress) {
            this.streetAddress = streetAddress;
            return this;
        }

        public Builder streetNumber(String streetNumber) {
            this.streetNumber = streetNumber;
            return this;
        }

        public Builder postalCode(String postalCode) {
            this.postalCode = postalCode;
            return this;
        }

        public Builder city(String city) {
            this.city = city;
            return this;
        }

        public Builder country(String country) {
            this.country = country;
            return this;
        }

        public Builder iban(String iban) {
            this.iban = iban;
            return this;
        }

        public Builder company(String company) {
            this.company = company;
            return this;
        }

        public Builder debtorCompany(String debtorCompany) {
            this.debtorCompany = debtorCompany;
            return this;
        }

        public Builder paymentLink(String paymentLink) {
            this.paymentLink = paymentLink;
            return this;
        }

        public Builder summary(String summary) {
            this.summary = summary;
            return this;
        }

        public Builder metadataJson(String metadataJson) {
            this.metadataJson = metadataJson;
            return this;
        }

        public Builder timelineId(String timelineId) {
            this.timelineId = timelineId;
            return this;
        }

        public Builder nbReminders(int nbReminders) {
            this.nbReminders = nbReminders;
            return this;
        }

        public Builder nbAnswered(int nbAnswered) {
            this.nbAnswered = nbAnswered;
            return this;
        }

        public Builder followupsCount(int followupsCount) {
            this.followupsCount = followupsCount;
            return this;
        }

        public Builder paymentPlanActive(boolean paymentPlanActive) {
            this.paymentPlanActive = paymentPlanActive;
            return this;
        }

        public Builder planStartDate(LocalDate planStartDate) {
            this.planStartDate = planStartDate;
            return this;
        }

        public Builder lastTimelineRestart(Instant lastTimelineRestart) {
            this.lastTimelineRestart = lastTimelineRestart;
            return this;
        }

        public Builder searchInternalId(String searchInternalId) {
            this.searchInternalId = searchInternalId;
            return this;
        }

        public Builder searchFirstname(String searchFirstname) {
            this.searchFirstname = searchFirstname;
            return this;
        }

        public Builder searchLastname(String searchLastname) {
            this.searchLastname = searchLastname;
            return this;
        }

        public Builder searchObject(String searchObject) {
            this.searchObject = searchObject;
            return this;
        }

        public Builder createdAt(Instant createdAt) {
            this.createdAt = createdAt;
            return this;
        }

        public Builder updatedAt(Instant updatedAt) {
            this.updatedAt = updatedAt;
            return this;
        }

        public Debt build() {
            searchInternalId = searchKey(internalId, 100);
            searchFirstname = searchKey(firstname, 100);
            searchLastname = searchKey(lastname, 100);
            searchObject = searchKey(subject, 255);
            return new Debt(id, companyId, debtorId, creditorId, importId, status, currency, amount, civility, firstname, lastname, phone, email, birthdate, subject, internalId, invoiceReference, debtorReference, invoiceDate, dueDate, address, streetAddress, streetNumber, postalCode, city, country, iban, company, debtorCompany, paymentLink, summary, metadataJson, timelineId, nbReminders, nbAnswered, followupsCount, paymentPlanActive, planStartDate, lastTimelineRestart, searchInternalId, searchFirstname, searchLastname, searchObject, createdAt, updatedAt);
        }
    }
}
