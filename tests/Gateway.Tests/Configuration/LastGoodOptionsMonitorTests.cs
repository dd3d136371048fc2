using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PatrolScores.Gateway.Configuration;
using PatrolScores.Gateway.Patrols;

namespace PatrolScores.Gateway.Tests.Configuration;

/// <summary>A settings change that fails validation is refused and reported; the last good value stays.</summary>
public sealed class LastGoodOptionsMonitorTests
{
    [Fact]
    public void A_valid_change_applies_an_invalid_one_is_rejected_and_a_later_valid_one_applies_again()
    {
        var source = new ReloadableSource();
        var reloads = new ConfigurationReloads();
        var reports = new List<ConfigurationReload>();
        reloads.Attach(reports.Add);
        using var provider = FreshnessServices(new ConfigurationBuilder().Add(source).Build(), reloads);
        var monitor = provider.GetRequiredService<IOptionsMonitor<FreshnessOptions>>();
        var changes = new List<TimeSpan>();
        using var subscription = monitor.OnChange((value, _) => changes.Add(value.DefaultTtl));
        Assert.Equal(TimeSpan.FromMinutes(5), monitor.CurrentValue.DefaultTtl);

        source.Set("Freshness:DefaultTtl", "00:07:00");
        var afterGood = monitor.CurrentValue.DefaultTtl;
        source.Set("Freshness:DefaultTtl", "-00:01:00");
        var afterBad = monitor.CurrentValue.DefaultTtl;
        source.Set("Freshness:DefaultTtl", "not a time");
        var afterUnbindable = monitor.CurrentValue.DefaultTtl;
        source.Set("Other:Setting", "x");
        source.Set("Freshness:DefaultTtl", "00:09:00");

        Assert.Equal(TimeSpan.FromMinutes(7), afterGood);
        Assert.Equal(TimeSpan.FromMinutes(7), afterBad);
        Assert.Equal(TimeSpan.FromMinutes(7), afterUnbindable);
        Assert.Equal(TimeSpan.FromMinutes(9), monitor.CurrentValue.DefaultTtl);
        Assert.Equal([TimeSpan.FromMinutes(7), TimeSpan.FromMinutes(9)], changes);
        Assert.Equal([true, false, false, true], reports.Select(r => r.Accepted));
        Assert.All(reports, r => Assert.Equal("Freshness", r.What));
        Assert.Contains("DefaultTtl", reports[1].Detail, StringComparison.Ordinal);
        Assert.Equal(0, reloads.RejectedCount);
    }

    [Fact]
    public void A_rejected_section_counts_until_its_settings_are_good_again_even_when_unchanged_from_the_last_good()
    {
        var source = new ReloadableSource();
        var reloads = new ConfigurationReloads();
        var reports = new List<ConfigurationReload>();
        reloads.Attach(reports.Add);
        using var provider = FreshnessServices(new ConfigurationBuilder().Add(source).Build(), reloads);
        var monitor = provider.GetRequiredService<IOptionsMonitor<FreshnessOptions>>();
        source.Set("Freshness:DefaultTtl", "00:07:00");
        _ = monitor.CurrentValue;

        source.Set("Freshness:DefaultTtl", "-00:01:00");
        var whileRejected = reloads.RejectedCount;
        source.Set("Freshness:DefaultTtl", "00:07:00");

        Assert.Equal(1, whileRejected);
        Assert.Equal(0, reloads.RejectedCount);
        Assert.Equal([false], reports.Select(r => r.Accepted));
        Assert.Equal(TimeSpan.FromMinutes(7), monitor.CurrentValue.DefaultTtl);
    }

    [Fact]
    public void Invalid_settings_at_start_up_still_throw()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Freshness:DefaultTtl"] = "-00:01:00" }).Build();
        using var provider = FreshnessServices(configuration, new ConfigurationReloads());

        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptionsMonitor<FreshnessOptions>>().CurrentValue);
    }

    /// <summary>Freshness options as the gateway registers them: bound, validated, last good kept.</summary>
    private static ServiceProvider FreshnessServices(IConfiguration configuration, ConfigurationReloads reloads)
    {
        var services = new ServiceCollection()
            .AddSingleton(configuration)
            .AddSingleton(reloads)
            .AddSingleton<IValidateOptions<FreshnessOptions>, FreshnessOptionsValidator>()
            .AddLastGoodOptions<FreshnessOptions>(FreshnessOptions.SectionName);
        services.AddOptions<FreshnessOptions>().BindConfiguration(FreshnessOptions.SectionName);
        return services.BuildServiceProvider();
    }

    /// <summary>An in-memory source that reloads, like a watched file.</summary>
    private sealed class ReloadableSource : IConfigurationSource
    {
        private readonly Provider _provider = new();

        public IConfigurationProvider Build(IConfigurationBuilder builder) => _provider;

        public void Set(string key, string value) => _provider.SetAndReload(key, value);

        private sealed class Provider : ConfigurationProvider
        {
            public void SetAndReload(string key, string value)
            {
                Data[key] = value;
                OnReload();
            }
        }
    }
}
