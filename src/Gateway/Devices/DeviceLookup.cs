using System.Collections.Concurrent;
using PatrolScores.Gateway.Storage.Records;

namespace PatrolScores.Gateway.Devices;

/// <summary>
/// Answers "which device owns this token hash" from memory for a short time, so that a poll costs no
/// database round trip. Negative answers are remembered too (briefly), so a flood of bad tokens cannot
/// hammer the database.
/// </summary>
internal sealed class DeviceLookup(IDeviceStore devices, TimeProvider time)
{
    internal static readonly TimeSpan KnownLifetime = TimeSpan.FromSeconds(30);
    internal static readonly TimeSpan UnknownLifetime = TimeSpan.FromSeconds(5);
    private const int MaxEntries = 100_000;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public async ValueTask<DeviceRecord?> FindAsync(string tokenHash, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_entries.TryGetValue(tokenHash, out var entry) && entry.ExpiresAt > now)
        {
            return entry.Device;
        }

        var device = await devices.FindByTokenHashAsync(tokenHash, cancellationToken);
        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }

        _entries[tokenHash] = new Entry(device, now + (device is null ? UnknownLifetime : KnownLifetime));
        return device;
    }

    /// <summary>Forgets a device at once (revocation, rename, section change).</summary>
    public void Forget(string tokenHash) => _entries.TryRemove(tokenHash, out _);

    private sealed record Entry(DeviceRecord? Device, DateTimeOffset ExpiresAt);
}
