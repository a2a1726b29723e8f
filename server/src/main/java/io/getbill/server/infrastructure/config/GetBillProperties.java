package io.getbill.server.infrastructure.config;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.nio.file.Path;

/**
 * Server settings under {@code getbill.*}, each fed by an environment variable of the same name
 * ({@code GETBILL_DATA_DIR}, {@code GETBILL_ISSUER}, {@code GETBILL_MASTER_KEY}, {@code GETBILL_BOOTSTRAP_FILE}).
 */
@ConfigurationProperties("getbill")
public class GetBillProperties {

    private String dataDir = "./data";
    private String issuer = "";
    private String masterKey = "";
    private String bootstrapFile = "";

    public Path getDataPath() {
        return Path.of(dataDir).toAbsolutePath().normalize();
    }

    public String getDataDir() {
        return dataDir;
    }

    public void setDataDir(String dataDir) {
        this.dataDir = dataDir;
    }

    public String getIssuer() {
        return issuer;
    }

    public void setIssuer(String issuer) {
        this.issuer = issuer;
    }

    public String getMasterKey() {
        return masterKey;
    }

    public void setMasterKey(String masterKey) {
        this.masterKey = masterKey;
    }

    public String getBootstrapFile() {
        return bootstrapFile;
    }

    public void setBootstrapFile(String bootstrapFile) {
        this.bootstrapFile = bootstrapFile;
    }

    @Override
    public String toString() {
        return "GetBillProperties{dataDir=" + dataDir + ", issuer=" + issuer + ", masterKey=<redacted>, bootstrapFile="
                + bootstrapFile + "}";
    }
}
