package io.getbill.server.deployment.bootstrap;

import io.getbill.server.oauth.clients.ClientRegistry;
import io.getbill.server.oauth.clients.ClientSecretHasher;
import io.getbill.server.oauth.clients.OAuthClient;
import io.getbill.server.oauth.clients.OAuthClientRepository;
import io.getbill.server.directory.companies.Company;
import io.getbill.server.directory.companies.CompanyRepository;
import io.getbill.server.directory.users.CompanyUser;
import io.getbill.server.directory.users.CompanyUserRepository;
import io.getbill.server.infrastructure.crypto.PasswordHasher;
import io.getbill.server.infrastructure.crypto.RandomValues;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Upserts companies, users and clients of a {@link BootstrapFile} in one transaction, idempotently. */
@Singleton
public class Provisioning {

    private final CompanyRepository companies;
    private final CompanyUserRepository users;
    private final OAuthClientRepository clients;
    private final ClientSecretHasher secretHasher;
    private final PasswordHasher passwordHasher;
    private final ClientRegistry registry;

    public Provisioning(CompanyRepository companies, CompanyUserRepository users, OAuthClientRepository clients,
                        ClientSecretHasher secretHasher, PasswordHasher passwordHasher, ClientRegistry registry) {
        this.registry = registry;
        this.companies = companies;
        this.users = users;
        this.clients = clients;
        this.secretHasher = secretHasher;
        this.passwordHasher = passwordHasher;
    }

    /**
     * Applies the file. A company is matched by name, a user by email, a client by client_id. An existing company
     * keeps its credit balance (the file seeds it once); everything else is set to what the file says.
     */
    @Transactional
    public void apply(BootstrapFile file) {
        apply(file, false);
    }

    /**
     * Applies {@code file}; {@code generatedPasswords} when the server generated every password in it from at least
     * 128 random bits (the demo), which lets them be hashed with a lower bcrypt cost (see {@link PasswordHasher}).
     */
    @Transactional
    public void apply(BootstrapFile file, boolean generatedPasswords) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        for (BootstrapFile.CompanyEntry entry : file.companies()) {
            String where = "company '" + entry.name() + "'";
            Company company = companies.findByName(entry.name())
                    .map(c -> companies.update(new Company(c.id(), c.name(), entry.email(), entry.phone(), c.credits(),
                            entry.plan(), c.subscriptionStatus(), c.subscriptionExpiresAt(), c.createdAt(), now)))
                    .orElseGet(() -> companies.save(new Company(RandomValues.id(), entry.name(), entry.email(), entry.phone(),
                            entry.credits(), entry.plan(), "active", null, now, now)));
            for (BootstrapFile.UserEntry u : entry.users()) {
                CompanyUser existing = users.findByEmail(u.email()).orElse(null);
                if (existing == null) {
                    users.save(new CompanyUser(RandomValues.id(), company.id(), u.email(),
                            generatedPasswords ? passwordHasher.hashGenerated(u.password()) : passwordHasher.hash(u.password()),
                            u.firstname(), u.lastname(), u.role(), true, now, null));
                    continue;
                }
                if (!existing.companyId().equals(company.id())) {
                    throw new BootstrapFile.InvalidBootstrapFileException(where + ", user " + u.email()
                            + ": this email already belongs to a user of another company");
                }
                String hash = passwordHasher.matches(u.password(), existing.passwordHash()) ? existing.passwordHash()
                        : passwordHasher.hash(u.password());
                users.update(new CompanyUser(existing.id(), company.id(), u.email(), hash, u.firstname(), u.lastname(),
                        u.role(), true, existing.createdAt(), existing.lastActivityAt()));
            }
            for (BootstrapFile.ClientEntry c : entry.clients()) {
                OAuthClient existing = clients.findById(c.clientId()).orElse(null);
                String grants = String.join(" ", c.grantTypes());
                String scopes = String.join(" ", c.scopes());
                String hash = c.clientSecret() == null ? null : secretHasher.hash(c.clientSecret());
                String redirectUris = c.redirectUris().isEmpty() ? null : String.join("\n", c.redirectUris());
                if (existing == null) {
                    clients.save(new OAuthClient(c.clientId(), company.id(), c.name(), hash, null, null, grants, scopes,
                            c.readsPerHour(), c.writesPerHour(), c.enabled(), now, null, redirectUris, c.tokenEndpointAuthMethod()));
                    continue;
                }
                if (!existing.companyId().equals(company.id())) {
                    throw new BootstrapFile.InvalidBootstrapFileException(where + ", client " + c.clientId()
                            + ": this client_id already belongs to another company");
                }
                clients.update(new OAuthClient(c.clientId(), company.id(), c.name(), hash, existing.previousSecretHash(),
                        existing.previousSecretExpiresAt(), grants, scopes, c.readsPerHour(), c.writesPerHour(), c.enabled(),
                        existing.createdAt(), existing.lastUsedAt(), redirectUris, c.tokenEndpointAuthMethod()));
                registry.invalidate(c.clientId());
            }
        }
    }

    /** Whether any company exists yet. */
    @Transactional
    public boolean isEmpty() {
        return companies.count() == 0;
    }
}
