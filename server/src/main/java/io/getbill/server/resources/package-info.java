/**
 * The resource API for partners with bearer tokens (layer 3): it may use infrastructure, directory and OAuth.
 */
package io.getbill.server.resources;
