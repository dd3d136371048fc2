using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using PatrolScores.Gateway.Configuration;

namespace PatrolScores.Gateway.Admin;

public static class AdminExtensions
{
    public const string RateLimitPolicy = "admin";

    public static IServiceCollection AddAdminApi(this IServiceCollection services)
    {
        services.AddOptions<AdminOptions>().BindConfiguration(AdminOptions.SectionName).ValidateOnStart();
        services.AddLastGoodOptions<AdminOptions>(AdminOptions.SectionName);
        services.AddSingleton<IValidateOptions<AdminOptions>, AdminOptionsValidator>();
        services.AddSingleton<AdminKeyRing>();
        services.AddSingleton<AdminOperations>();
        services.AddSingleton<AdminStatusReport>();
        services.Configure<RateLimiterOptions>(limiter => limiter.AddPolicy(RateLimitPolicy, context =>
            RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = context.RequestServices.GetRequiredService<IOptionsMonitor<AdminOptions>>().CurrentValue.RequestsPerMinute,
                Window = TimeSpan.FromMinutes(1),
            })));
        return services;
    }
}
