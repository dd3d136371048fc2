using Microsoft.Extensions.Options;
using PatrolScores.Gateway.Configuration;

namespace PatrolScores.Gateway.Audit;

public static class AuditExtensions
{
    public static IServiceCollection AddGatewayAudit(this IServiceCollection services)
    {
        services.AddOptions<AuditOptions>().BindConfiguration(AuditOptions.SectionName).ValidateOnStart();
        services.AddLastGoodOptions<AuditOptions>(AuditOptions.SectionName);
        services.AddSingleton<IValidateOptions<AuditOptions>, AuditOptionsValidator>();
        services.AddSingleton<AuditTrail>();
        services.AddSingleton<AuthenticationFailures>();
        services.AddSingleton<AuditHousekeeping>();
        services.AddHostedService(sp => sp.GetRequiredService<AuditHousekeeping>());
        return services;
    }
}
