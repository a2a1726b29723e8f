package io.getbill.server.crypto;

import jakarta.inject.Singleton;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * Hashes user passwords with bcrypt (cost 12, per-password salt). Unlike client secrets, passwords are chosen by
 * people and may have little entropy, so a deliberately slow hash is the right tool here.
 */
@Singleton
public class PasswordHasher {

    private static final int COST = 12;

    public String hash(String password) {
        return OpenBSDBCrypt.generate("2b", password.toCharArray(), RandomValues.bytes(16), COST);
    }

    public boolean matches(String password, String hash) {
        if (password == null || hash == null) {
            return false;
        }
        try {
            return OpenBSDBCrypt.checkPassword(hash, password.toCharArray());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
