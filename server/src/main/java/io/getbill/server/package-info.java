/**
 * The getbill server: infrastructure at the bottom, then the company directory, the OAuth 2.0 authorization server,
 * the resource API and the admin API on top, started by deployment; PackageStructureTest checks this map.
 */
package io.getbill.server;
