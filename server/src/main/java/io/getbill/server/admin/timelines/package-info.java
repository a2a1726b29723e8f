/**
 * Timeline administration: defining the collection timelines of a company and the rules of their request bodies.
 */
package io.getbill.server.admin.timelines;
