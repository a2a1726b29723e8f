/**
 * Companies, the tenants of the API.
 */
package io.getbill.server.directory.companies;
