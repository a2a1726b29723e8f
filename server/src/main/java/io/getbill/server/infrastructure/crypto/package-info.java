/**
 * Cryptography: random values, keyed digests, password hashing, the master key and secret boxes.
 */
package io.getbill.server.infrastructure.crypto;
