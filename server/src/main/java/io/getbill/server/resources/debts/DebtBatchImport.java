package io.getbill.server.resources.debts;

import io.getbill.server.resources.debts.records.Debt;

import io.getbill.server.api.model.BatchCreateDebtsRequest;
import io.getbill.server.api.model.BatchCreateDebtsResult;
import io.getbill.server.api.model.BatchCreatedItem;
import io.getbill.server.api.model.BatchCreatedItemStatus;
import io.getbill.server.api.model.BatchDebtItem;
import io.getbill.server.api.model.BatchFailedItem;
import io.getbill.server.api.model.BatchSkippedItem;
import io.getbill.server.api.model.BatchSkippedItemReason;
import io.getbill.server.api.model.BatchSummary;
import io.getbill.server.infrastructure.crypto.RandomValues;
import io.getbill.server.resources.timelines.TimelineScheduler;
import io.getbill.server.infrastructure.errors.FieldErrors;
import io.getbill.server.infrastructure.validation.PhoneNumbers;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code POST /debts/batch}: the body's shape was checked as a whole (a 400 creates nothing); here each item is
 * skipped (template header row, or an {@code internal_id} repeated within the batch), failed (its own rules,
 * expensive destination not accepted, a {@code timeline_id} that is not an active timeline of the company) or
 * created. Planning only reads; {@link #create} runs in one transaction.
 */
@Singleton
public class DebtBatchImport {

    private final DebtService service;
    private final TimelineScheduler timelines;

    public DebtBatchImport(DebtService service, TimelineScheduler timelines) {
        this.service = service;
        this.timelines = timelines;
    }

    /** What to do with each item, decided before anything is written. */
    public record Plan(List<Planned> toCreate, List<BatchFailedItem> failed, List<BatchSkippedItem> skipped, int total) {
    }

    public record Planned(int index, String tempId, DebtFields fields, String phoneE164) {
    }

    /** Decides each item's fate; an item's {@code timeline_id} must be an active timeline of {@code companyId}. */
    public Plan plan(String companyId, BatchCreateDebtsRequest request, JsonNode raw) {
        boolean batchAccepts = Boolean.TRUE.equals(request.getAcceptExpensiveDestination());
        JsonNode rawItems = raw != null && raw.isObject() ? raw.get("debts") : null;
        List<Planned> toCreate = new ArrayList<>();
        List<BatchFailedItem> failed = new ArrayList<>();
        List<BatchSkippedItem> skipped = new ArrayList<>();
        Set<String> internalIds = new HashSet<>();
        List<BatchDebtItem> items = request.getDebts();
        for (int i = 0; i < items.size(); i++) {
            BatchDebtItem item = items.get(i);
            if (isHeaderRow(item)) {
                skipped.add(skippedItem(i, item, BatchSkippedItemReason.HEADER_ROW));
                continue;
            }
            String internalId = item.getInternalId();
            if (internalId != null && !internalId.isEmpty() && !internalIds.add(internalId)) {
                skipped.add(skippedItem(i, item, BatchSkippedItemReason.DUPLICATE_INTERNAL_ID));
                continue;
            }
            JsonNode rawItem = rawItems != null && rawItems.isArray() && i < rawItems.size() ? rawItems.get(i) : null;
            boolean startModeGiven = rawItem != null && rawItem.isObject() && rawItem.get("timeline_start_mode") != null;
            DebtFields fields = DebtFields.of(item, startModeGiven, batchAccepts);
            FieldErrors errors = new FieldErrors();
            PhoneNumbers.Result phone = DebtRules.check(fields, true, errors);
            timelines.check(companyId, fields.timelineId(), errors);
            if (errors.isEmpty() && phone != null && phone.destination().expensive() && !fields.acceptExpensiveDestination()) {
                errors.add("phone", phone.destination().confirmationMessage());
            }
            if (!errors.isEmpty()) {
                BatchFailedItem f = new BatchFailedItem(i, errors.asMap());
                f.setTempId(item.getTempId());
                failed.add(f);
                continue;
            }
            toCreate.add(new Planned(i, item.getTempId(), fields, phone == null ? null : phone.e164()));
        }
        return new Plan(toCreate, failed, skipped, items.size());
    }

    /** Creates the planned items; call inside one transaction. */
    public BatchCreateDebtsResult create(String companyId, Plan plan, Instant now) {
        String importId = RandomValues.id();
        List<BatchCreatedItem> created = new ArrayList<>(plan.toCreate().size());
        for (Planned p : plan.toCreate()) {
            Debt debt = service.create(companyId, p.fields(), p.phoneE164(), importId, now);
            BatchCreatedItem c = new BatchCreatedItem(p.index(), debt.id(), BatchCreatedItemStatus.CREATED);
            c.setTempId(p.tempId());
            created.add(c);
        }
        BatchSummary summary = new BatchSummary(plan.total(), created.size(), plan.failed().size(), plan.skipped().size());
        return new BatchCreateDebtsResult(importId, created, plan.failed(), plan.skipped(), summary);
    }

    /** A spreadsheet template's header row: {@code firstname} is {@code *} or mentions the required fields. */
    static boolean isHeaderRow(BatchDebtItem item) {
        String firstname = item.getFirstname();
        return firstname != null && (firstname.strip().equals("*")
                || firstname.toLowerCase(Locale.ROOT).contains("champs obligatoires"));
    }

    private static BatchSkippedItem skippedItem(int index, BatchDebtItem item, BatchSkippedItemReason reason) {
        BatchSkippedItem s = new BatchSkippedItem(index, reason);
        s.setTempId(item.getTempId());
        return s;
    }
}
