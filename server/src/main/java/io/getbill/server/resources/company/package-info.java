/**
 * The company resource: profile, users and credits.
 */
package io.getbill.server.resources.company;
