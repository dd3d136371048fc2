using Microsoft.Extensions.Options;
using PatrolScores.Gateway.Osm;

namespace PatrolScores.Gateway.Concurrency;

/// <summary>
/// The token that upstream work shared between requests runs under (a term lookup, a token refresh,
/// a patrols fetch, later the refresher): cancelled when the gateway has stopped (after a graceful
/// shutdown has let requests in flight finish) or when <c>Osm:UpstreamDeadline</c> has passed on the
/// injected clock, and by nothing a caller does.
/// </summary>
internal sealed class SharedWorkDeadlines(IHostApplicationLifetime lifetime, IOptionsMonitor<OsmOptions> osm, TimeProvider time)
{
    /// <summary>A new deadline; the caller owns it and disposes it when the work has ended.</summary>
    public SharedWorkDeadline Start() => new(lifetime.ApplicationStopped, osm.CurrentValue.UpstreamDeadline, time);

    /// <summary>How long a lock held for shared work may outlive a crashed holder: the deadline and a margin.</summary>
    public TimeSpan Lease => osm.CurrentValue.UpstreamDeadline + TimeSpan.FromSeconds(5);
}

/// <summary>One piece of shared work's token: the gateway having stopped, or its deadline passing.</summary>
internal sealed class SharedWorkDeadline : IDisposable
{
    private readonly CancellationTokenSource _source;
    private readonly CancellationTokenRegistration _stopping;

    public SharedWorkDeadline(CancellationToken stopped, TimeSpan deadline, TimeProvider time)
    {
        _source = new CancellationTokenSource(deadline, time);
        _stopping = stopped.UnsafeRegister(static state => ((CancellationTokenSource)state!).Cancel(), _source);
    }

    public CancellationToken Token => _source.Token;

    public void Dispose()
    {
        _stopping.Dispose();
        _source.Dispose();
    }
}
