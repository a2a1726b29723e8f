/**
 * The browser dashboard of company users ({@code /dashboard}), the landing page ({@code /}) and the API reference
 * page ({@code /docs}): server-rendered pages on top of the admin API's services — the admin session, the admin
 * role, {@link io.getbill.server.admin.clients.ClientManagement} — so that the pages and {@code /admin-api/v1} follow one
 * set of rules.
 */
package io.getbill.server.admin.dashboard;
