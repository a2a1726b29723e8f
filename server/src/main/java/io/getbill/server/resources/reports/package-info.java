/**
 * Monthly reports and their files.
 */
package io.getbill.server.resources.reports;
