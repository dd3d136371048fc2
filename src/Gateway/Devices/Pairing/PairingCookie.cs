using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace PatrolScores.Gateway.Devices.Pairing;

/// <summary>
/// What a leader's browser carries between the pairing steps, encrypted and signed (Data Protection):
/// the user code, the OAuth <c>state</c> that binds the OSM sign-in to this browser, and after sign-in
/// the OSM user and the sections they may choose from.
/// </summary>
internal sealed class PairingCookie(IDataProtectionProvider provider, TimeProvider time)
{
    public const string Name = "ps_pairing";
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);

    // The expiry travels inside the protected text and is judged by the injected clock.
    private readonly IDataProtector _protector = provider.CreateProtector("PatrolScores.Pairing.v1");

    public void Write(HttpContext context, PairingState state)
    {
        var expires = (time.GetUtcNow() + Lifetime).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var text = string.Join('|', state.UserCode, state.OAuthState, state.OsmUserId?.ToString(CultureInfo.InvariantCulture) ?? "", string.Join(',', state.SectionIds), expires);
        context.Response.Cookies.Append(Name, _protector.Protect(text), new CookieOptions
        {
            HttpOnly = true,
            Secure = context.Request.IsHttps,
            SameSite = SameSiteMode.Lax,
            Path = "/device",
            MaxAge = Lifetime,
        });
    }

    public PairingState? Read(HttpContext context)
    {
        if (context.Request.Cookies[Name] is not { Length: > 0 } cookie)
        {
            return null;
        }

        try
        {
            var parts = _protector.Unprotect(cookie).Split('|');
            if (parts.Length != 5 || long.Parse(parts[4], CultureInfo.InvariantCulture) <= time.GetUtcNow().ToUnixTimeSeconds())
            {
                return null;
            }

            long? userId = long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
            var sections = parts[3].Length == 0 ? [] : parts[3].Split(',').Select(s => long.Parse(s, CultureInfo.InvariantCulture)).ToArray();
            return new PairingState(parts[0], parts[1], userId, sections);
        }
        catch (Exception exception) when (exception is CryptographicException or FormatException)
        {
            return null;
        }
    }

    public static void Clear(HttpContext context) => context.Response.Cookies.Delete(Name, new CookieOptions { Path = "/device" });

    public static string NewOAuthState() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}

internal sealed record PairingState(string UserCode, string OAuthState, long? OsmUserId, long[] SectionIds);
