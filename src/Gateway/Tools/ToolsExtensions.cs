using System.Threading.RateLimiting;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using PatrolScores.Gateway.Configuration;
using PatrolScores.Gateway.RateLimiting;
using PatrolScores.Gateway.Storage;

namespace PatrolScores.Gateway.Tools;

public static class ToolsExtensions
{
    /// <summary>The rate-limiting policy every passthrough route uses: each tool's hourly budget.</summary>
    public const string BudgetPolicy = "tool-budget";

    /// <summary>The output-cache policy a passthrough route may opt into (<c>"OutputCachePolicy": "tool-cache"</c>).</summary>
    public const string CachePolicy = "tool-cache";

    public static IServiceCollection AddToolPassthrough(this IServiceCollection services)
    {
        services.AddOptions<ToolOptions>().BindConfiguration(ToolOptions.SectionName).ValidateOnStart();
        services.AddLastGoodOptions<ToolOptions>(ToolOptions.SectionName);
        services.AddSingleton<IValidateOptions<ToolOptions>, ToolOptionsValidator>();
        services.AddSingleton<ToolKeyRing>();

        // Every route to the osm cluster must name a kind, and passthrough routes always carry the budget.
        services.AddSingleton<Yarp.ReverseProxy.Configuration.IProxyConfigFilter, ToolRouteFilter>();

        // The partition is the tool and its budget, so a budget edited live takes effect at once. One
        // budget for all replicas (Redis) in distributed mode; in memory in embedded mode.
        services.AddSingleton<SharedHourlyBudget>();
        services.AddRateLimitFields();
        services.Configure<RateLimiterOptions>(limiter => limiter.AddPolicy(BudgetPolicy, context =>
        {
            if (context.Features.Get<ToolCaller>() is not { } tool)
            {
                return RateLimitPartition.GetNoLimiter("not-a-tool");
            }

            var partition = $"{tool.Name}:{tool.HourlyBudget}";
            var partitions = RateLimitPartitions.For(context);
            return context.RequestServices.GetRequiredService<IOptions<StorageOptions>>().Value.Mode == StorageMode.Distributed
                ? partitions.Reported(context, BudgetPolicy, partition, tool.HourlyBudget, TimeSpan.FromHours(1),
                    () => context.RequestServices.GetRequiredService<SharedHourlyBudget>().LimiterFor(tool.Name, tool.HourlyBudget))
                : partitions.FixedWindow(context, BudgetPolicy, partition, tool.HourlyBudget, TimeSpan.FromHours(1));
        }));

        // Answers are per tool (each tool acts as its own OSM user), per path and query; only GET 200s are kept.
        services.AddOutputCache();
        services.AddOptions<OutputCacheOptions>().Configure<IOptions<ToolOptions>>((cache, tools) =>
            cache.AddPolicy(CachePolicy, policy => policy
                .Expire(tools.Value.CacheDuration)
                .SetVaryByQuery("*")
                .VaryByValue(context => new KeyValuePair<string, string>("tool", context.Features.Get<ToolCaller>()?.Name ?? ""))));
        return services;
    }

    /// <summary>After <c>UseRouting</c>, before the output cache and <c>UseRateLimiter</c>: a tool is known before its budget is counted.</summary>
    public static IApplicationBuilder UseToolGate(this IApplicationBuilder app) => app.UseMiddleware<ToolGateMiddleware>();
}
