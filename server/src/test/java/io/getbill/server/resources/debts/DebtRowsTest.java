package io.getbill.server.resources.debts;

import io.getbill.server.resources.debts.records.Debt;
import io.getbill.server.resources.debts.records.DebtQueries;
import io.getbill.server.resources.debts.records.DebtRepository;

import io.getbill.server.directory.companies.CompanyRepository;
import io.getbill.server.infrastructure.crypto.RandomValues;
import io.getbill.server.testsupport.ServerTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link DebtRows} reads by position exactly what Micronaut Data's mapper reads by name — every column set, and every
 * nullable column null — on the real MariaDB (and on H2 in {@link DebtRowsH2Test}).
 */
@MicronautTest(transactional = false)
class DebtRowsTest extends ServerTest {

    @Inject
    DebtRepository repository;

    @Inject
    DebtQueries queries;

    @Inject
    CompanyRepository companies;

    private String anyCompanyId() {
        return companies.findAll().iterator().next().id();
    }

    @Test
    void debtWithEveryColumnSetWhenReadByPositionThenEqualsTheMappedEntity() {
        Instant created = Instant.parse("2026-03-04T05:06:07.123456Z");
        Debt debt = Debt.builder()
                .id(RandomValues.id()).companyId(anyCompanyId()).debtorId(RandomValues.id())
                .creditorId(RandomValues.id()).importId(RandomValues.id()).status("in_progress").currency("EUR")
                .amount(new BigDecimal("1234.56"))
                .civility("M").firstname("Jean").lastname("Dupont").phone("+33612345678").email("jean@example.com")
                .birthdate(LocalDate.of(1980, 2, 29)).subject("Invoice 42").internalId("INT-42")
                .invoiceReference("F-42").debtorReference("D-42").invoiceDate(LocalDate.of(2026, 1, 31))
                .dueDate(LocalDate.of(2026, 3, 1)).address("1 rue de la Paix, 75002 Paris")
                .streetAddress("rue de la Paix").streetNumber("1").postalCode("75002").city("Paris").country("France")
                .iban("FR7630006000011234567890189")
                .company("Acme").debtorCompany("Dupont SARL").paymentLink("https://pay.example.com/42")
                .summary("Two reminders sent").metadataJson("{\"k\":\"v\"}").timelineId("tl_1").nbReminders(2)
                .nbAnswered(1).followupsCount(3).paymentPlanActive(true).planStartDate(LocalDate.of(2026, 4, 1))
                .lastTimelineRestart(created.plus(1, ChronoUnit.DAYS)).searchInternalId("int-42")
                .searchFirstname("jean").searchLastname("dupont").searchObject("invoice 42")
                .createdAt(created).updatedAt(created.plusSeconds(60))
                .build();
        repository.save(debt);

        Debt byPosition = queries.find(debt.companyId(), debt.id()).orElseThrow();

        assertEquals(repository.findByIdAndCompanyId(debt.id(), debt.companyId()).orElseThrow(), byPosition);
        assertEquals(debt.amount(), byPosition.amount());
        // whole seconds: on MariaDB the fraction does not survive Micronaut Data's save (observed, both readers agree)
        assertEquals(debt.createdAt().truncatedTo(ChronoUnit.SECONDS),
                byPosition.createdAt().truncatedTo(ChronoUnit.SECONDS));
        assertEquals(debt.birthdate(), byPosition.birthdate());
    }

    @Test
    void debtWithEveryNullableColumnNullWhenReadByPositionThenEqualsTheMappedEntity() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Debt debt = Debt.builder()
                .id(RandomValues.id()).companyId(anyCompanyId()).debtorId(RandomValues.id()).status("pending")
                .currency("USD").amount(new BigDecimal("0.01")).firstname("A").lastname("B").metadataJson("{}")
                .searchFirstname("a").searchLastname("b").createdAt(now).updatedAt(now)
                .build();
        repository.save(debt);

        Debt byPosition = queries.find(debt.companyId(), debt.id()).orElseThrow();

        assertEquals(repository.findByIdAndCompanyId(debt.id(), debt.companyId()).orElseThrow(), byPosition);
    }

    @Test
    void idOfAnotherCompanyWhenFoundByPositionThenEmpty() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Debt debt = Debt.builder()
                .id(RandomValues.id()).companyId(anyCompanyId()).debtorId(RandomValues.id()).status("pending")
                .currency("EUR").amount(BigDecimal.TEN).firstname("A").lastname("B").metadataJson("{}")
                .searchFirstname("a").searchLastname("b").createdAt(now).updatedAt(now)
                .build();
        repository.save(debt);

        assertTrue(queries.find("another-company", debt.id()).isEmpty());
    }
}
