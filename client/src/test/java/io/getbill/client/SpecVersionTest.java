package io.getbill.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The client jar's version is the contract's version: a partner can tell which API a client speaks. */
class SpecVersionTest {

    @Test
    void clientVersionEqualsTheInfoVersionOfTheContract() throws Exception {
        Path spec = Path.of(System.getProperty("getbill.spec", "../openapi/getbill-api.yaml"));
        assertTrue(Files.isRegularFile(spec), "contract not found at " + spec.toAbsolutePath());
        JsonNode document = new ObjectMapper(new YAMLFactory()).readTree(spec.toFile());

        assertEquals(document.path("info").path("version").asText(), GetBillClient.VERSION);
    }
}
