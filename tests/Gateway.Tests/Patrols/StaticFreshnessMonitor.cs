using Microsoft.Extensions.Options;
using PatrolScores.Gateway.Patrols;

namespace PatrolScores.Gateway.Tests.Patrols;

/// <summary>Fixed <see cref="FreshnessOptions"/> for tests of what reads them.</summary>
internal sealed class StaticFreshnessMonitor(FreshnessOptions value) : IOptionsMonitor<FreshnessOptions>
{
    public FreshnessOptions CurrentValue => value;

    public FreshnessOptions Get(string? name) => value;

    public IDisposable? OnChange(Action<FreshnessOptions, string?> listener) => null;
}
