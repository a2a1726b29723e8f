/**
 * The admin API for company users signed in by session (layer 4): it may use every layer below it and nothing uses it.
 */
package io.getbill.server.admin;
