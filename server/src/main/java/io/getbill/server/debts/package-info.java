/**
 * Classes named by applied Flyway migrations (the H2 trigger of V10), which keep their names so that existing
 * databases still load.
 */
package io.getbill.server.debts;
