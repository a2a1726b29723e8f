package io.getbill.server.oauth.keys;

/** Published after {@link SigningKeys} reloaded a different set of keys (a key added or withdrawn). */
public record SigningKeysChanged(java.util.Set<String> kids) {
}
