using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace PatrolScores.Gateway.Osm.Tokens;

/// <summary>Encrypts OSM access and refresh tokens for storage (ASP.NET Core Data Protection).</summary>
internal sealed class OsmTokenProtector(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("PatrolScores.OsmTokens.v1");

    public string Protect(string token) => _protector.Protect(token);

    /// <summary>The plain token, or null when it cannot be decrypted (lost or foreign key ring).</summary>
    public string? TryUnprotect(string protectedToken)
    {
        try
        {
            return _protector.Unprotect(protectedToken);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
