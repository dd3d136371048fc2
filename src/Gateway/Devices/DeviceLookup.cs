using System.Collections.Concurrent;
using PatrolScores.Gateway.Storage.Availability;
using PatrolScores.Gateway.Storage.Records;

namespace PatrolScores.Gateway.Devices;

/// <summary>
/// Answers "which device presents this token" from memory for a short time, so a poll costs no
/// database round trip and no hashing. Entries are keyed by the presented token (held only in this
/// process's memory, like the request that carried it; never stored or logged) and carry its hash.
/// Unknown tokens are remembered briefly too, so a flood of bad tokens cannot hammer the database.
/// While the record store does not answer, a device this process has seen (and not forgotten through a
/// revocation or a move) is answered from memory however long ago it was checked, so a
/// store outage does not take a board off the air; an unknown token still fails (503, never 401).
/// </summary>
internal sealed class DeviceLookup(IDeviceStore devices, DeviceUsageRecorder usage, StoreCircuits circuits, TimeProvider time)
{
    internal static readonly TimeSpan KnownLifetime = TimeSpan.FromSeconds(30);
    internal static readonly TimeSpan UnknownLifetime = TimeSpan.FromSeconds(5);
    private const int MaxEntries = 100_000;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>The hot path: a remembered answer for this token, without allocating.</summary>
    /// <param name="usage">Where to record that the device was used, once the caller has accepted it.</param>
    public bool TryGetRemembered(ReadOnlySpan<char> token, DateTimeOffset now, out DeviceRecord? device, out string tokenHash, out UsageCell? usage)
    {
        if (_entries.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(token, out var entry) && entry.ExpiresAt > now)
        {
            device = entry.Device;
            tokenHash = entry.TokenHash;
            usage = entry.Usage;
            return true;
        }

        device = null;
        tokenHash = "";
        usage = null;
        return false;
    }

    public async ValueTask<(DeviceRecord? Device, string TokenHash, UsageCell? Usage)> FindAsync(string token, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (TryGetRemembered(token, now, out var remembered, out var rememberedHash, out var rememberedUsage))
        {
            return (remembered, rememberedHash, rememberedUsage);
        }

        var tokenHash = DeviceTokenHash.Compute(token);
        DeviceRecord? device;
        try
        {
            device = await devices.FindByTokenHashAsync(tokenHash, cancellationToken);
        }
        catch (Exception exception) when (StoreFailures.Is(exception) && TryGetSeen(token, out var seen))
        {
            circuits.Report(exception);
            return (seen.Device, seen.TokenHash, seen.Usage);
        }

        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }

        var cell = device is null ? null : usage.CellFor(device.Id);
        _entries[token] = new Entry(device, tokenHash, cell, now + (device is null ? UnknownLifetime : KnownLifetime));
        return (device, tokenHash, cell);
    }

    // A device checked earlier, however long ago (the entry outlives its 30 s only for this).
    private bool TryGetSeen(string token, out Entry seen)
    {
        if (_entries.TryGetValue(token, out seen!) && seen.Device is not null)
        {
            return true;
        }

        seen = null!;
        return false;
    }

    /// <summary>Raised with the token hash of a device forgotten by <see cref="Forget"/> (its live connection must follow).</summary>
    public event Action<string>? Forgotten;

    /// <summary>Forgets a device at once (revocation) and ends its live connections. Rare, so a scan is fine.</summary>
    public void Forget(string tokenHash)
    {
        Forgotten?.Invoke(tokenHash);
        Reread(tokenHash);
    }

    /// <summary>Forgets what this process remembers of a device, so that its next request reads the record (it was moved); its connections stay.</summary>
    public void Reread(string tokenHash)
    {
        foreach (var (token, entry) in _entries)
        {
            if (entry.TokenHash == tokenHash)
            {
                _entries.TryRemove(token, out _);
            }
        }
    }

    private sealed record Entry(DeviceRecord? Device, string TokenHash, UsageCell? Usage, DateTimeOffset ExpiresAt);
}
