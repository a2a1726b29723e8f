/**
 * Company users, who sign in to the admin API.
 */
package io.getbill.server.directory.users;
