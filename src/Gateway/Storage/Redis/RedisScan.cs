using System.Globalization;
using System.Runtime.CompilerServices;
using StackExchange.Redis;

namespace PatrolScores.Gateway.Storage.Redis;

/// <summary>
/// Walks keys of one kind with SCAN (never KEYS, which stalls Redis). Only operator views use it,
/// never a device request.
/// </summary>
internal static class RedisScan
{
    public static async IAsyncEnumerable<(long Id, byte[] Value)> ValuesAsync(
        RedisConnection redis, RedisValue pattern, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var prefixLength = pattern.ToString().Length - 1;
        foreach (var endPoint in redis.Multiplexer.GetEndPoints())
        {
            var server = redis.Multiplexer.GetServer(endPoint);
            if (server.IsReplica || !server.IsConnected)
            {
                continue;
            }

            await foreach (var key in server.KeysAsync(pattern: pattern, pageSize: 250).WithCancellation(cancellationToken))
            {
                var text = key.ToString();
                if (!long.TryParse(text.AsSpan(prefixLength), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var id))
                {
                    continue;
                }

                var value = (byte[]?)await redis.Database.StringGetAsync(key);
                if (value is not null)
                {
                    yield return (id, value);
                }
            }
        }
    }
}
