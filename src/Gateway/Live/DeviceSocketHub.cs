using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;

namespace PatrolScores.Gateway.Live;

/// <summary>
/// This replica's board connections: one per device (a newer connection replaces the older, which is
/// told <c>disconnect</c> "replaced by new connection"), indexed by section so a change reaches exactly
/// that section's boards. A connection leaving removes only itself: an old socket's close can never drop
/// the subscription of the connection that replaced it. Every change from the feed (any replica) nudges
/// the section's boards with <c>refresh-scores</c>; idle connections are closed by a sweep; every
/// connection is told <c>disconnect</c> when the gateway stops.
/// </summary>
internal sealed partial class DeviceSocketHub : BackgroundService
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, DeviceSocket> _byDevice = new(StringComparer.Ordinal);
    private readonly Dictionary<long, HashSet<DeviceSocket>> _bySection = [];
    private readonly IOptionsMonitor<LiveOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger<DeviceSocketHub> _logger;
    private long _pushes;

    public DeviceSocketHub(ScoreChangeFeed feed, IOptionsMonitor<LiveOptions> options, IHostApplicationLifetime lifetime, TimeProvider time, ILogger<DeviceSocketHub> logger, IMeterFactory? meters = null, PatrolsStreams? streams = null)
    {
        _options = options;
        _time = time;
        _logger = logger;
        if (meters?.Create(Telemetry.GatewayMetrics.MeterName) is { } meter)
        {
            meter.CreateObservableGauge(
                "live_connections",
                () => new[]
                {
                    new Measurement<int>(Count, new KeyValuePair<string, object?>("kind", "websocket")),
                    new Measurement<int>(streams?.Count ?? 0, new KeyValuePair<string, object?>("kind", "sse")),
                },
                description: "Boards' live connections open on this replica, by kind (websocket, sse).");
            meter.CreateObservableCounter("live_pushes", () => Pushes, description: "Messages queued to boards' live connections (refresh-scores) since start-up.");
        }

        feed.Listen(change => Push(change.Key.SectionId, LiveMessages.RefreshScores));
        lifetime.ApplicationStopping.Register(() => CloseAll(LiveMessages.ServerShutdown));
    }

    /// <summary>Open connections on this replica.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _byDevice.Count;
            }
        }
    }

    /// <summary>Open connections of one section's boards on this replica.</summary>
    public int CountFor(long sectionId)
    {
        lock (_gate)
        {
            return _bySection.TryGetValue(sectionId, out var sockets) ? sockets.Count : 0;
        }
    }

    /// <summary>Messages queued to boards since start-up.</summary>
    public long Pushes => Interlocked.Read(ref _pushes);

    /// <summary>Adds a connection, replacing (and closing) the device's older one.</summary>
    public void Register(DeviceSocket socket)
    {
        DeviceSocket? replaced;
        lock (_gate)
        {
            _byDevice.TryGetValue(socket.DeviceId, out replaced);
            if (replaced is not null)
            {
                RemoveFromSection(replaced);
            }

            _byDevice[socket.DeviceId] = socket;
            if (!_bySection.TryGetValue(socket.SectionId, out var sockets))
            {
                _bySection[socket.SectionId] = sockets = [];
            }

            sockets.Add(socket);
        }

        replaced?.Close(LiveMessages.Replaced);
    }

    /// <summary>Removes a connection that ended; a no-op when a newer connection of the device has replaced it.</summary>
    public void Unregister(DeviceSocket socket)
    {
        lock (_gate)
        {
            if (_byDevice.TryGetValue(socket.DeviceId, out var current) && ReferenceEquals(current, socket))
            {
                _byDevice.Remove(socket.DeviceId);
            }

            RemoveFromSection(socket);
        }
    }

    /// <summary>Queues <paramref name="message"/> to every board of the section on this replica; returns how many.</summary>
    public int Push(long sectionId, byte[] message)
    {
        DeviceSocket[] sockets;
        lock (_gate)
        {
            if (!_bySection.TryGetValue(sectionId, out var set))
            {
                return 0;
            }

            sockets = [.. set];
        }

        var sent = 0;
        foreach (var socket in sockets)
        {
            sent += socket.TrySend(message) ? 1 : 0;
        }

        Interlocked.Add(ref _pushes, sent);
        return sent;
    }

    /// <summary>Queues <paramref name="message"/> to one board's connection on this replica, if it has one here.</summary>
    public bool PushToDevice(string deviceId, byte[] message)
    {
        DeviceSocket? socket;
        lock (_gate)
        {
            _byDevice.TryGetValue(deviceId, out socket);
        }

        var sent = socket?.TrySend(message) == true;
        if (sent)
        {
            Interlocked.Increment(ref _pushes);
        }

        return sent;
    }

    /// <summary>Ends a device's connection (its token was revoked).</summary>
    public void CloseDevice(string tokenHash, string reason)
    {
        foreach (var socket in SocketsOf(tokenHash))
        {
            socket.Close(reason);
        }
    }

    /// <summary>
    /// A device's board was pointed elsewhere (the record already says so on every replica): it is told <c>refresh-scores</c>
    /// (poll now: the new scores are cached), <c>reconnect</c>, and <c>disconnect</c> <see cref="LiveMessages.Moved"/>, so that
    /// its new connection is indexed under what it now shows.
    /// </summary>
    public void TellMoved(string tokenHash)
    {
        foreach (var socket in SocketsOf(tokenHash))
        {
            socket.TrySend(LiveMessages.RefreshScores);
            socket.TrySend(LiveMessages.Reconnect);
            socket.Close(LiveMessages.Moved);
            Interlocked.Add(ref _pushes, 2);
        }
    }

    /// <summary>Tells every connection <c>disconnect</c> with <paramref name="reason"/>.</summary>
    public void CloseAll(string reason)
    {
        DeviceSocket[] all;
        lock (_gate)
        {
            all = [.. _byDevice.Values];
        }

        foreach (var socket in all)
        {
            socket.Close(reason);
        }

        if (all.Length > 0)
        {
            LogClosedAll(all.Length, reason);
        }
    }

    /// <summary>Closes connections idle (nothing sent either way) for <c>Live:IdleTimeout</c>; checked every minute on the injected clock.</summary>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromMinutes(1), _time, stoppingToken);
                CloseIdle(_time.GetUtcNow() - _options.CurrentValue.IdleTimeout);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    internal void CloseIdle(DateTimeOffset activeSince)
    {
        DeviceSocket[] idle;
        lock (_gate)
        {
            idle = [.. _byDevice.Values.Where(socket => socket.LastActivity < activeSince)];
        }

        foreach (var socket in idle)
        {
            socket.Close(LiveMessages.IdleTimeout);
        }
    }

    // The device's connections on this replica, taken under the lock (to be told outside it).
    private DeviceSocket[] SocketsOf(string tokenHash)
    {
        lock (_gate)
        {
            return [.. _byDevice.Values.Where(socket => socket.TokenHash == tokenHash)];
        }
    }

    private void RemoveFromSection(DeviceSocket socket)
    {
        if (_bySection.TryGetValue(socket.SectionId, out var sockets) && sockets.Remove(socket) && sockets.Count == 0)
        {
            _bySection.Remove(socket.SectionId);
        }
    }

    [LoggerMessage(EventId = 7502, Level = LogLevel.Information, Message = "Told {Count} board connection(s) to disconnect ({Reason})")]
    private partial void LogClosedAll(int count, string reason);
}
