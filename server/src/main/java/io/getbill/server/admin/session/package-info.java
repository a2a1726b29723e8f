/**
 * Admin sessions: sign-in, cookie and CSRF rules, session store and cleanup, the admin audit, and the admin paths as
 * an area without bearer tokens.
 */
package io.getbill.server.admin.session;
