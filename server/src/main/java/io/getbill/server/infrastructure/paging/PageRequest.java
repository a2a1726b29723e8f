package io.getbill.server.infrastructure.paging;

import io.getbill.server.api.model.Pagination;

/**
 * One page of a list: {@code page} from 1, {@code limit} 1..100. The generated interfaces already refuse values out
 * of range with a 400 naming the parameter (never clamped); the defaults apply when a parameter is absent.
 */
public record PageRequest(int page, int limit) {

    public static final int DEFAULT_LIMIT = 20;

    public static PageRequest of(Integer page, Integer limit) {
        return new PageRequest(page == null ? 1 : page, limit == null ? DEFAULT_LIMIT : limit);
    }

    public long offset() {
        return (long) (page - 1) * limit;
    }

    /** The {@code pagination} object of a list answer; {@code pages} is 0 when nothing matches. */
    public Pagination pagination(long total) {
        int pages = (int) Math.min(Integer.MAX_VALUE, (total + limit - 1) / limit);
        return new Pagination(total, page, limit, pages);
    }
}
