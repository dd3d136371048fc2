using System.Xml.Linq;
using Dapper;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace PatrolScores.Gateway.Storage.Sql;

/// <summary>
/// Keeps Data Protection keys with the records, so every replica reads the same keys and a restart
/// (or a lost Redis) never makes the stored OSM tokens unreadable.
/// </summary>
internal sealed class SqlXmlRepository(IDbConnectionFactory connections, TimeProvider time) : IXmlRepository
{
    private const string SelectAll = "SELECT xml FROM data_protection_keys ORDER BY created_at, friendly_name";

    private const string Insert = """
        INSERT INTO data_protection_keys (friendly_name, xml, created_at) VALUES (@FriendlyName, @Xml, @CreatedAt)
        ON CONFLICT (friendly_name) DO NOTHING
        """;

    // IXmlRepository is synchronous; it is called when the key ring loads or rotates, not per request.
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var connection = connections.OpenAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();
        return connection.Query<string>(SelectAll).Select(xml => XElement.Parse(xml)).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var connection = connections.OpenAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();
        connection.Execute(Insert, new
        {
            FriendlyName = friendlyName,
            Xml = element.ToString(SaveOptions.DisableFormatting),
            CreatedAt = UnixTime.ToMs(time.GetUtcNow()),
        });
    }
}
