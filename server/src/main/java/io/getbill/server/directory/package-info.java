/**
 * The company directory: companies and their users, below OAuth and the APIs.
 */
package io.getbill.server.directory;
