using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PatrolScores.Gateway.Live;

namespace PatrolScores.Gateway.Tests.Live;

public sealed class DeviceSocketTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 30, 16, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Closing_twice_queues_one_disconnect_with_the_first_reason_and_nothing_after_it()
    {
        var socket = new DeviceSocket("device-1", "hash-1", 10001, new FakeTimeProvider(Start));

        socket.Close(LiveMessages.Replaced);
        socket.Close(LiveMessages.ServerShutdown);

        Assert.True(socket.IsClosed);
        Assert.False(socket.TrySend(LiveMessages.RefreshScores));
    }

    [Fact]
    public void The_disconnect_message_is_the_clients_json()
    {
        Assert.Equal("""{"type":"disconnect","reason":"replaced by new connection"}""", Encoding.UTF8.GetString(LiveMessages.Disconnect(LiveMessages.Replaced)));
        Assert.Equal("""{"type":"refresh-scores"}""", Encoding.UTF8.GetString(LiveMessages.RefreshScores));
    }

    [Fact]
    public void A_newer_connection_replaces_the_older_and_the_older_leaving_keeps_the_newer_subscribed()
    {
        var time = new FakeTimeProvider(Start);
        var hub = new DeviceSocketHub(new ScoreChangeFeed(Options.Create(new PatrolScores.Gateway.Storage.StorageOptions()), null!, null!, NullLogger<ScoreChangeFeed>.Instance), new StaticLive(), new Lifetime(), time, NullLogger<DeviceSocketHub>.Instance);
        var older = new DeviceSocket("device-1", "hash-1", 10001, time);
        var newer = new DeviceSocket("device-1", "hash-1", 10001, time);
        var elsewhere = new DeviceSocket("device-2", "hash-2", 10002, time);

        hub.Register(older);
        hub.Register(newer);
        hub.Register(elsewhere);
        hub.Unregister(older);
        hub.Unregister(older);

        Assert.True(older.IsClosed);
        Assert.Equal(2, hub.Count);
        Assert.Equal(1, hub.Push(10001, LiveMessages.RefreshScores));
        Assert.Equal(1, hub.Push(10002, LiveMessages.RefreshScores));
        Assert.Equal(0, hub.Push(10003, LiveMessages.RefreshScores));
    }

    private sealed class StaticLive : IOptionsMonitor<LiveOptions>
    {
        public LiveOptions CurrentValue { get; } = new();

        public LiveOptions Get(string? name) => CurrentValue;

        public IDisposable? OnChange(Action<LiveOptions, string?> listener) => null;
    }

    private sealed class Lifetime : Microsoft.Extensions.Hosting.IHostApplicationLifetime
    {
        public CancellationToken ApplicationStarted => CancellationToken.None;

        public CancellationToken ApplicationStopping => CancellationToken.None;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void StopApplication()
        {
        }
    }
}
