using Microsoft.Extensions.Options;
using PatrolScores.Gateway.Configuration;
using PatrolScores.Gateway.Storage.Availability;
using StackExchange.Redis;

namespace PatrolScores.Gateway.Storage.Redis;

/// <summary>
/// The one shared multiplexer. Connected during start-up so that an unreachable Redis stops the
/// process with a clear message; after that, StackExchange.Redis reconnects by itself. Redis behind a
/// circuit (<see cref="StoreCircuit"/>): commands are never queued while the connection is down
/// (<see cref="BacklogPolicy.FailFast"/>), the multiplexer's own connection-failed and restored events
/// open and close the circuit, and <see cref="Database"/> fails at once while it is open, so a dead
/// Redis costs a request milliseconds instead of a command timeout.
/// </summary>
internal sealed class RedisConnection(IOptions<StorageOptions> options, StoreCircuits circuits) : IAsyncDisposable
{
    private ConnectionMultiplexer? _multiplexer;

    public IConnectionMultiplexer Multiplexer =>
        _multiplexer ?? throw new InvalidOperationException("Redis is used before start-up connected it.");

    /// <summary>The database for one operation; throws <see cref="StoreUnavailableException"/> while Redis's circuit is open.</summary>
    public IDatabase Database
    {
        get
        {
            circuits.Redis.ThrowIfOpen();
            return Multiplexer.GetDatabase();
        }
    }

    /// <summary>PING past the circuit (the probe that closes it).</summary>
    public async Task PingAsync(CancellationToken cancellationToken) =>
        await Multiplexer.GetDatabase().PingAsync().WaitAsync(cancellationToken);

    public RedisKeys Keys { get; } = new(options.Value.Redis.KeyPrefix);

    /// <summary>Where Redis is, for messages: endpoints only, never the password.</summary>
    public string Describe() =>
        string.Join(",", ConfigurationOptions.Parse(options.Value.Redis.Configuration ?? "").EndPoints.Select(EndPointText));

    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        if (_multiplexer is not null)
        {
            return;
        }

        var settings = options.Value.Redis;
        var configuration = ConfigurationOptions.Parse(settings.Configuration ?? "");
        configuration.AbortOnConnectFail = false;
        configuration.ConnectTimeout = (int)settings.ConnectTimeout.TotalMilliseconds;
        configuration.ClientName ??= "patrolscores-gateway";

        // A command while the connection is down fails at once instead of waiting for a reconnect.
        configuration.BacklogPolicy = BacklogPolicy.FailFast;

        var multiplexer = await ConnectionMultiplexer.ConnectAsync(configuration).WaitAsync(cancellationToken);
        if (!multiplexer.IsConnected)
        {
            await multiplexer.DisposeAsync();
            throw new StartupFailureException("Storage:Redis:Configuration", $"cannot connect to Redis at {Describe()}.");
        }

        await multiplexer.GetDatabase().PingAsync();
        multiplexer.ConnectionFailed += (_, failed) =>
        {
            if (failed.ConnectionType == ConnectionType.Interactive)
            {
                circuits.Redis.Open(failed.FailureType.ToString());
            }
        };
        multiplexer.ConnectionRestored += (_, restored) =>
        {
            if (restored.ConnectionType == ConnectionType.Interactive)
            {
                circuits.Redis.Close();
            }
        };
        _multiplexer = multiplexer;
    }

    public async ValueTask DisposeAsync()
    {
        if (_multiplexer is not null)
        {
            await _multiplexer.DisposeAsync();
        }
    }

    private static string EndPointText(System.Net.EndPoint endPoint) => endPoint switch
    {
        System.Net.DnsEndPoint dns => $"{dns.Host}:{dns.Port}",
        _ => endPoint.ToString() ?? "?",
    };
}
