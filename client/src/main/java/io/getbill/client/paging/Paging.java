package io.getbill.client.paging;

import io.getbill.client.errors.UncheckedApiException;
import io.getbill.client.invoker.ApiException;
import io.getbill.client.model.Creditor;
import io.getbill.client.model.CreditorListResponse;
import io.getbill.client.model.Debt;
import io.getbill.client.model.DebtListResponse;
import io.getbill.client.model.Debtor;
import io.getbill.client.model.DebtorListResponse;
import io.getbill.client.model.Followup;
import io.getbill.client.model.FollowupListResponse;
import io.getbill.client.model.Pagination;
import io.getbill.client.model.Report;
import io.getbill.client.model.ReportListResponse;
import io.getbill.client.model.WebhookLog;
import io.getbill.client.model.WebhookLogListResponse;

import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Every item of a list operation, page after page, without handling pages:
 *
 * <pre>{@code
 * try (Stream<Debt> pending = Paging.debts(page ->
 *         client.debts().listDebts(page, 100, DebtStatus.PENDING, null, null, null, null, null, null, null))) {
 *     pending.forEach(debt -> ...);
 * }
 * }</pre>
 *
 * <p>The function receives the page number (from 1) and calls the list operation with the filter; the
 * stream fetches the next page only when the previous one is used up, and stops after
 * {@code pagination.pages} (or at the first empty page). Use {@code limit = 100} to make the fewest calls.
 * The API pages by offset: items created or deleted while iterating can shift between pages, so sort by a
 * stable key (debts: {@code created_at}) when that matters.
 *
 * <p>An error while fetching a page is thrown from the stream or iterator as {@link UncheckedApiException},
 * whose {@code getCause()} is the typed exception. Each stream or iterator is for one thread; the class
 * itself is stateless.
 */
public final class Paging {
    private Paging() {
    }

    /** Fetches one page of a list operation. */
    @FunctionalInterface
    public interface PageFetcher<R> {
        /**
         * @param page the page number, from 1
         * @return the list response for that page
         * @throws ApiException as the list operation does
         */
        R fetch(int page) throws ApiException;
    }

    /** Every debt matching the filter of {@code listDebts}, {@code listDebtsByCreditor} or {@code listDebtsByDebtor}. */
    public static Stream<Debt> debts(PageFetcher<DebtListResponse> fetcher) {
        return stream(fetcher, DebtListResponse::getData, DebtListResponse::getPagination);
    }

    /** Every followup matching the filter of {@code listFollowups} or {@code listFollowupsByDebt}. */
    public static Stream<Followup> followups(PageFetcher<FollowupListResponse> fetcher) {
        return stream(fetcher, FollowupListResponse::getData, FollowupListResponse::getPagination);
    }

    /** Every debtor of {@code listDebtors}. */
    public static Stream<Debtor> debtors(PageFetcher<DebtorListResponse> fetcher) {
        return stream(fetcher, DebtorListResponse::getData, DebtorListResponse::getPagination);
    }

    /** Every creditor of {@code listCreditors}. */
    public static Stream<Creditor> creditors(PageFetcher<CreditorListResponse> fetcher) {
        return stream(fetcher, CreditorListResponse::getData, CreditorListResponse::getPagination);
    }

    /** Every report matching the filter of {@code listReports}. */
    public static Stream<Report> reports(PageFetcher<ReportListResponse> fetcher) {
        return stream(fetcher, ReportListResponse::getData, ReportListResponse::getPagination);
    }

    /** Every webhook delivery attempt matching the filter of {@code listWebhookLogs}. */
    public static Stream<WebhookLog> webhookLogs(PageFetcher<WebhookLogListResponse> fetcher) {
        return stream(fetcher, WebhookLogListResponse::getData, WebhookLogListResponse::getPagination);
    }

    /** The items of any paged list response, as a lazy sequential stream. */
    public static <R, T> Stream<T> stream(PageFetcher<R> fetcher, Function<R, List<T>> items,
                                          Function<R, Pagination> pagination) {
        Iterator<T> iterator = iterator(fetcher, items, pagination);
        return StreamSupport.stream(
                Spliterators.spliteratorUnknownSize(iterator, Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    /** The items of any paged list response, as a lazy iterator. */
    public static <R, T> Iterator<T> iterator(PageFetcher<R> fetcher, Function<R, List<T>> items,
                                              Function<R, Pagination> pagination) {
        return new PageIterator<>(fetcher, items, pagination);
    }

    private static final class PageIterator<R, T> implements Iterator<T> {
        private final PageFetcher<R> fetcher;
        private final Function<R, List<T>> items;
        private final Function<R, Pagination> pagination;
        private Iterator<T> page = Collections.emptyIterator();
        private int nextPage = 1;
        private boolean lastPageFetched;

        PageIterator(PageFetcher<R> fetcher, Function<R, List<T>> items, Function<R, Pagination> pagination) {
            this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
            this.items = items;
            this.pagination = pagination;
        }

        @Override
        public boolean hasNext() {
            while (!page.hasNext() && !lastPageFetched) {
                fetchNextPage();
            }
            return page.hasNext();
        }

        @Override
        public T next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return page.next();
        }

        private void fetchNextPage() {
            R response;
            try {
                response = fetcher.fetch(nextPage);
            } catch (ApiException e) {
                throw new UncheckedApiException(e);
            }
            List<T> data = response == null ? null : items.apply(response);
            Pagination info = response == null ? null : pagination.apply(response);
            if (data == null || data.isEmpty() || info == null || info.getPages() == null || nextPage >= info.getPages()) {
                lastPageFetched = true;
            }
            page = data == null ? Collections.emptyIterator() : data.iterator();
            nextPage++;
        }
    }
}
