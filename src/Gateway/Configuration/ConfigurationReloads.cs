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
    private readonly ConcurrentDictionary<string, byte> _rejected = new(StringComparer.OrdinalIgnoreCase);
    private Action<ConfigurationReload>? _sink;

    /// <summary>How many sections or files are in a rejected state: what is on disk is not what runs.</summary>
    public int RejectedCount => _rejected.Count;

    public void Applied(string what, string? detail = null)
    {
        _rejected.TryRemove(what, out _);
        Report(new ConfigurationReload(what, Accepted: true, detail));
    }

    public void Rejected(string what, string why)
    {
        _rejected[what] = 0;
        Report(new ConfigurationReload(what, Accepted: false, why));
    }

    /// <summary>What is on disk for <paramref name="what"/> is in force again (an edit went back to the last good settings).</summary>
    public void Resolved(string what) => _rejected.TryRemove(what, out _);

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
/// <param name="Detail">Why a change was rejected, or what an applied one holds (may be null).</param>
public sealed record ConfigurationReload(string What, bool Accepted, string? Detail);
