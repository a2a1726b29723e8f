/**
 * Report administration: the admin view of monthly reports.
 */
package io.getbill.server.admin.reports;
