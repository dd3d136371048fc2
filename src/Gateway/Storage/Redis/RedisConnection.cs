using Microsoft.Extensions.Options;
using PatrolScores.Gateway.Configuration;
using StackExchange.Redis;

namespace PatrolScores.Gateway.Storage.Redis;

/// <summary>
/// The one shared multiplexer. Connected during start-up so that an unreachable Redis stops the
/// process with a clear message; after that, StackExchange.Redis reconnects by itself.
/// </summary>
internal sealed class RedisConnection(IOptions<StorageOptions> options) : IAsyncDisposable
{
    private ConnectionMultiplexer? _multiplexer;

    public IConnectionMultiplexer Multiplexer =>
        _multiplexer ?? throw new InvalidOperationException("Redis is used before start-up connected it.");

    public IDatabase Database => Multiplexer.GetDatabase();

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

        var multiplexer = await ConnectionMultiplexer.ConnectAsync(configuration).WaitAsync(cancellationToken);
        if (!multiplexer.IsConnected)
        {
            await multiplexer.DisposeAsync();
            throw new StartupFailureException("Storage:Redis:Configuration", $"cannot connect to Redis at {Describe()}.");
        }

        await multiplexer.GetDatabase().PingAsync();
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
