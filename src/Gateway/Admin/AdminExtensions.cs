using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using PatrolScores.Gateway.Configuration;
using PatrolScores.Gateway.RateLimiting;

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
        services.AddRateLimitFields();
        services.Configure<RateLimiterOptions>(limiter => limiter.AddPolicy(RateLimitPolicy, context => RateLimitPartitions.For(context).FixedWindow(
            context,
            RateLimitPolicy,
            context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            context.RequestServices.GetRequiredService<IOptionsMonitor<AdminOptions>>().CurrentValue.RequestsPerMinute,
            TimeSpan.FromMinutes(1))));
        return services;
    }
}
