package io.getbill.server.infrastructure.crypto;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;

/**
 * The JCA providers that can do the elliptic-curve arithmetic of ES256 (ECDSA on P-256 with SHA-256), which is most of
 * the cost of issuing an access token. Measured on this project's 2-core benchmark machine, one signature:
 * <ul>
 *   <li>{@link #awsLc() AWS-LC}, through the Amazon Corretto Crypto Provider (ACCP, native code for Linux x86-64 in
 *       the jar): about 14 µs on Java 17 and 25;</li>
 *   <li>the JDK's own provider: about 120 µs on Java 25, 590 µs on Java 17;</li>
 *   <li>BouncyCastle: about 340 µs on Java 17 (cheaper there than the JDK's, dearer on 25).</li>
 * </ul>
 * Loading AWS-LC costs about 0.4 s (unpacking and linking a 10 MB library, then its self-tests on first use), so the
 * signing keys start on {@link #jvm() the JVM's faster provider} and switch to AWS-LC in the background
 * ({@code getbill.signing.provider=auto}); where it cannot load (another OS or CPU), they keep the JVM's. Every
 * provider produces the same standard signatures: a token verifies whichever one signed it.
 *
 * <p>None of them is installed globally ({@code Security.addProvider}): they serve the signing keys only, and TLS,
 * hashing and everything else keep the JDK's providers.
 */
public final class EcProviders {

    /** The name ACCP registers under. */
    public static final String AWS_LC = "AmazonCorrettoCryptoProvider";

    private EcProviders() {
    }

    /** The faster of the JVM's providers: {@code null} (the JDK's) from Java 25 on, BouncyCastle before. */
    public static Provider jvm() {
        return Runtime.version().feature() >= 25 ? null : bouncyCastle();
    }

    public static Provider bouncyCastle() {
        return new BouncyCastleProvider();
    }

    /**
     * AWS-LC through ACCP, loaded, healthy and exercised once (one key pair, one signature and its verification), so
     * that its one-time costs are paid here and not by a request.
     *
     * @throws GeneralSecurityException with the reason when it cannot be used on this platform
     */
    public static Provider awsLc() throws GeneralSecurityException {
        Provider provider;
        try {
            com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider accp =
                    com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider.INSTANCE;
            Throwable loadingError = accp.getLoadingError();
            if (loadingError != null) {
                throw new GeneralSecurityException("AWS-LC did not load on " + platform() + ": " + loadingError,
                        loadingError);
            }
            accp.assertHealthy();
            provider = accp;
        } catch (LinkageError | RuntimeException e) {
            throw new GeneralSecurityException("AWS-LC is not usable on " + platform() + ": " + e, e);
        }
        exercise(provider);
        return provider;
    }

    /** The provider's name and version, for logs: {@code SunEC 25}, {@code BC 1.81}, … */
    public static String describe(Provider provider) {
        if (provider == null) {
            return "the JDK's provider";
        }
        return provider.getName() + " " + provider.getVersionStr();
    }

    private static void exercise(Provider provider) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", provider);
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        byte[] message = RandomValues.secret(32).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        Signature signer = Signature.getInstance("SHA256withECDSA", provider);
        signer.initSign(pair.getPrivate());
        signer.update(message);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("SHA256withECDSA", provider);
        verifier.initVerify(pair.getPublic());
        verifier.update(message);
        if (!verifier.verify(signature)) {
            throw new GeneralSecurityException(provider.getName() + " does not verify its own ES256 signature");
        }
    }

    private static String platform() {
        return System.getProperty("os.name") + "/" + System.getProperty("os.arch");
    }
}
