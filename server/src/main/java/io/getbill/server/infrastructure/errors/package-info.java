/**
 * The API error envelope, field errors and the handlers that render every framework error in an error family.
 */
package io.getbill.server.infrastructure.errors;
