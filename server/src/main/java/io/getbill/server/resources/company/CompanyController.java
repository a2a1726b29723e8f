package io.getbill.server.resources.company;

import io.getbill.server.directory.companies.Company;
import io.getbill.server.directory.companies.CompanyRepository;
import io.getbill.server.directory.users.CompanyUser;
import io.getbill.server.directory.users.CompanyUserRepository;

import io.getbill.server.api.CompanyApi;
import io.getbill.server.api.model.CompanyCredits;
import io.getbill.server.api.model.CompanyCreditsResponse;
import io.getbill.server.api.model.CompanyProfile;
import io.getbill.server.api.model.CompanyProfileResponse;
import io.getbill.server.api.model.CompanyUserListResponse;
import io.getbill.server.api.model.CompanyUserRole;
import io.getbill.server.api.model.CreditsSpent;
import io.getbill.server.api.model.CreditsSpentByChannel;
import io.getbill.server.api.model.Subscription;
import io.getbill.server.api.model.SubscriptionStatus;
import io.getbill.server.infrastructure.errors.ApiException;
import io.getbill.server.infrastructure.mapping.Timestamps;
import io.getbill.server.oauth.bearer.Caller;
import io.getbill.server.resources.timelines.Channel;
import io.getbill.server.resources.timelines.CreditLedger;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.time.Instant;
import java.util.List;

/** The caller's company: {@code /external-api/v1/company/profile}, {@code /users} and {@code /credits}. */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class CompanyController implements CompanyApi {

    private final CompanyRepository companies;
    private final CompanyUserRepository users;
    private final Caller caller;
    private final CreditLedger ledger;

    public CompanyController(CompanyRepository companies, CompanyUserRepository users, Caller caller, CreditLedger ledger) {
        this.ledger = ledger;
        this.companies = companies;
        this.users = users;
        this.caller = caller;
    }

    @Override
    public HttpResponse<CompanyProfileResponse> getCompanyProfile() {
        Company company = current();
        CompanyProfile profile = new CompanyProfile(company.id(), company.name(), company.email(), Timestamps.utc(company.createdAt()));
        profile.setPhone(company.phone());
        return HttpResponse.ok(new CompanyProfileResponse(false, "Success", profile));
    }

    @Override
    public HttpResponse<CompanyUserListResponse> listCompanyUsers() {
        List<io.getbill.server.api.model.CompanyUser> data = users.findByCompany(caller.companyId())
                .stream()
                .map(CompanyController::toApi)
                .toList();
        return HttpResponse.ok(new CompanyUserListResponse(false, "Success", data));
    }

    @Override
    public HttpResponse<CompanyCreditsResponse> getCompanyCredits() {
        Company company = current();
        Subscription subscription = new Subscription(company.plan(), SubscriptionStatus.fromValue(company.subscriptionStatus()));
        subscription.setExpiresAt(Timestamps.utc(company.subscriptionExpiresAt()));
        CompanyCredits credits = new CompanyCredits(company.credits(), subscription);
        CreditLedger.MonthlySpend spent = ledger.spentInMonthOf(company.id(), Instant.now());
        var byChannel = spent.byChannel();
        credits.setSpentThisMonth(new CreditsSpent(spent.period().toString(), spent.total(),
                new CreditsSpentByChannel(byChannel.get(Channel.CALL), byChannel.get(Channel.EMAIL),
                        byChannel.get(Channel.SMS), byChannel.get(Channel.WHATSAPP))));
        return HttpResponse.ok(new CompanyCreditsResponse(false, "Success", credits));
    }

    private Company current() {
        // The token's company can only be missing if it was deleted after the token was issued.
        return companies.findById(caller.companyId()).orElseThrow(() -> ApiException.notFound("Company not found"));
    }

    private static io.getbill.server.api.model.CompanyUser toApi(CompanyUser user) {
        var api = new io.getbill.server.api.model.CompanyUser(user.id(), user.email(),
                CompanyUserRole.fromValue(user.role()), user.active(), Timestamps.utc(user.createdAt()));
        api.setFirstname(user.firstname());
        api.setLastname(user.lastname());
        api.setLastActivity(Timestamps.utc(user.lastActivityAt()));
        return api;
    }
}
