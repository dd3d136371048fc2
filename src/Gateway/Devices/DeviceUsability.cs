using PatrolScores.Gateway.Storage.Records;

namespace PatrolScores.Gateway.Devices;

internal static class DeviceUsability
{
    /// <summary>Neither revoked nor lapsed (unused, or never used since pairing, for longer than the lifetime).</summary>
    public static bool IsUsable(this DeviceRecord device, DateTimeOffset now, TimeSpan unusedLifetime) =>
        device.RevokedAt is null && (device.LastUsedAt ?? device.CreatedAt) + unusedLifetime > now;
}
