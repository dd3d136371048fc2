using System.Collections.Concurrent;

namespace PatrolScores.Gateway.Configuration;

/// <summary>
/// Where every live-configuration outcome is reported: a settings section or the proxy routes applied,
/// or a change rejected (the last good configuration staying in force). Reports that arrive before
/// the host has started (the configuration file is watched from the first moment) wait in a queue.
/// </summary>
public sealed class ConfigurationReloads
{
    private readonly ConcurrentQueue<ConfigurationReload> _pending = new();
    private Action<ConfigurationReload>? _sink;

    public void Applied(string what) => Report(new ConfigurationReload(what, Accepted: true, null));

    public void Rejected(string what, string why) => Report(new ConfigurationReload(what, Accepted: false, why));

    /// <summary>Starts delivering reports (those queued first) to <paramref name="sink"/>.</summary>
    public void Attach(Action<ConfigurationReload> sink)
    {
        Volatile.Write(ref _sink, sink);
        while (_pending.TryDequeue(out var queued))
        {
            sink(queued);
        }
    }

    private void Report(ConfigurationReload reload)
    {
        if (Volatile.Read(ref _sink) is { } sink)
        {
            sink(reload);
        }
        else
        {
            _pending.Enqueue(reload);
        }
    }
}

/// <param name="What">The section or file concerned, e.g. <c>Freshness</c>, <c>ReverseProxy</c>, <c>appsettings.json</c>.</param>
/// <param name="Why">Why a change was rejected; null when it was applied.</param>
public sealed record ConfigurationReload(string What, bool Accepted, string? Why);
