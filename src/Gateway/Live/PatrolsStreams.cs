using System.Collections.Concurrent;
using System.Threading.Channels;

namespace PatrolScores.Gateway.Live;

/// <summary>
/// The open <c>/api/v1/patrols/stream</c> connections of this replica, by section, and how many each device
/// holds (at most <c>Live:MaxStreamsPerDevice</c>). A change from the feed wakes that section's streams; each
/// keeps at most one pending wake-up (it then reads the newest copy, so none is lost and none is doubled).
/// A stream that ends removes itself at once. A device revoked on any replica (<see cref="CloseDevice"/>, called
/// from <c>DeviceLookup.Forgotten</c> as the WebSocket hub is) has its streams told to end.
/// </summary>
internal sealed class PatrolsStreams
{
    private readonly ConcurrentDictionary<long, ConcurrentDictionary<Subscription, byte>> _bySection = new();
    private readonly ConcurrentDictionary<string, int> _perDevice = new(StringComparer.Ordinal);

    public PatrolsStreams(ScoreChangeFeed feed) =>
        feed.Listen(change =>
        {
            if (_bySection.TryGetValue(change.Key.SectionId, out var subscriptions))
            {
                foreach (var subscription in subscriptions.Keys)
                {
                    subscription.Wake();
                }
            }
        });

    /// <summary>Wakes the section's streams on this replica (or only <paramref name="deviceId"/>'s): something they show changed.</summary>
    public void Wake(long sectionId, string? deviceId = null)
    {
        if (_bySection.TryGetValue(sectionId, out var subscriptions))
        {
            foreach (var subscription in subscriptions.Keys)
            {
                if (deviceId is null || string.Equals(subscription.DeviceId, deviceId, StringComparison.Ordinal))
                {
                    subscription.Wake();
                }
            }
        }
    }

    /// <summary>Open streams on this replica.</summary>
    public int Count => _perDevice.Values.Sum();

    /// <summary>Open streams of one section on this replica.</summary>
    public int CountFor(long sectionId) => _bySection.TryGetValue(sectionId, out var subscriptions) ? subscriptions.Count : 0;

    /// <summary>A subscription for one stream, or null when the device already holds <paramref name="limit"/> of them.</summary>
    public Subscription? TryOpen(string deviceId, string tokenHash, long sectionId, int limit)
    {
        var held = _perDevice.AddOrUpdate(deviceId, 1, (_, count) => count + 1);
        if (held > limit)
        {
            Release(deviceId);
            return null;
        }

        var subscription = new Subscription(this, deviceId, tokenHash, sectionId);
        _bySection.GetOrAdd(sectionId, _ => new ConcurrentDictionary<Subscription, byte>())[subscription] = 0;
        return subscription;
    }

    /// <summary>Ends every stream of the device whose token hash this is: it was revoked, forgotten or lapsed.</summary>
    public void CloseDevice(string tokenHash)
    {
        foreach (var subscription in SubscriptionsOf(tokenHash))
        {
            subscription.Revoke();
        }
    }

    /// <summary>Ends every stream of the device whose token hash this is with <c>event: reconnect</c>: it was pointed elsewhere.</summary>
    public void MoveDevice(string tokenHash)
    {
        foreach (var subscription in SubscriptionsOf(tokenHash))
        {
            subscription.Move();
        }
    }

    // The device's streams on this replica, whatever channel they are on (rare: a scan is fine).
    private IEnumerable<Subscription> SubscriptionsOf(string tokenHash) =>
        _bySection.Values.SelectMany(subscriptions => subscriptions.Keys).Where(subscription => string.Equals(subscription.TokenHash, tokenHash, StringComparison.Ordinal));

    private void Close(Subscription subscription)
    {
        if (_bySection.TryGetValue(subscription.SectionId, out var subscriptions))
        {
            subscriptions.TryRemove(subscription, out _);
        }

        Release(subscription.DeviceId);
    }

    private void Release(string deviceId)
    {
        if (_perDevice.AddOrUpdate(deviceId, 0, (_, count) => count - 1) <= 0)
        {
            _perDevice.TryRemove(new KeyValuePair<string, int>(deviceId, 0));
        }
    }

    /// <summary>One stream's wake-ups; disposing it ends the subscription (idempotent).</summary>
    internal sealed class Subscription(PatrolsStreams owner, string deviceId, string tokenHash, long sectionId) : IDisposable
    {
        // Never disposed: it has no timer, and the stream's linked source (disposed with the request) is what registers on it.
        private readonly CancellationTokenSource _revoked = new();
        private readonly Channel<bool> _wakeUps = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
        private int _disposed;

        public string DeviceId => deviceId;

        public long SectionId => sectionId;

        public string TokenHash => tokenHash;

        /// <summary>Cancelled when the device is revoked (<see cref="CloseDevice"/>): the stream ends.</summary>
        public CancellationToken Revoked => _revoked.Token;

        public void Revoke() => _revoked.Cancel();

        /// <summary>True once the device was pointed elsewhere: the stream ends with <c>event: reconnect</c>.</summary>
        public bool Moved { get; private set; }

        public void Move()
        {
            Moved = true;
            _revoked.Cancel();
        }

        /// <summary>Completes when the section has a new copy (or at once if one came since the last wait).</summary>
        public ValueTask<bool> WaitAsync(CancellationToken cancellationToken) => _wakeUps.Reader.ReadAsync(cancellationToken);

        public void Wake() => _wakeUps.Writer.TryWrite(true);

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Close(this);
            }
        }
    }
}
