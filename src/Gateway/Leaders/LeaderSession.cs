using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace PatrolScores.Gateway.Leaders;

/// <summary>
/// A leader signed in through OSM to manage their scoreboards: an encrypted, signed cookie holding their
/// OSM user id, the names of their sections and an expiry judged by the injected clock. The sign-in
/// <c>state</c> travels in a second, short-lived cookie of the same kind.
/// </summary>
internal sealed class LeaderSession(IDataProtectionProvider provider, TimeProvider time)
{
    public const string SessionCookie = "ps_leader";
    public const string SignInCookie = "ps_signin";
    private static readonly TimeSpan SessionLifetime = TimeSpan.FromHours(1);
    private static readonly TimeSpan SignInLifetime = TimeSpan.FromMinutes(10);
    private readonly IDataProtector _protector = provider.CreateProtector("PatrolScores.Leaders.v1");

    public LeaderIdentity? Read(HttpContext context) =>
        Read<LeaderIdentity>(context, SessionCookie) is { } leader && leader.ExpiresAt > time.GetUtcNow().ToUnixTimeSeconds() ? leader : null;

    public void SignIn(HttpContext context, long userId, IReadOnlyDictionary<long, string> sections) =>
        Write(context, SessionCookie, new LeaderIdentity(userId, sections.ToDictionary(), (time.GetUtcNow() + SessionLifetime).ToUnixTimeSeconds()), SessionLifetime);

    public string StartSignIn(HttpContext context)
    {
        var state = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        Write(context, SignInCookie, new SignInState(state, (time.GetUtcNow() + SignInLifetime).ToUnixTimeSeconds()), SignInLifetime);
        return state;
    }

    public bool FinishSignIn(HttpContext context, string? state)
    {
        var pending = Read<SignInState>(context, SignInCookie);
        context.Response.Cookies.Delete(SignInCookie, new CookieOptions { Path = "/devices" });
        return pending is not null && state is not null && pending.ExpiresAt > time.GetUtcNow().ToUnixTimeSeconds()
            && CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(pending.State), System.Text.Encoding.ASCII.GetBytes(state));
    }

    private void Write<T>(HttpContext context, string name, T value, TimeSpan lifetime) =>
        context.Response.Cookies.Append(name, _protector.Protect(JsonSerializer.Serialize(value)), new CookieOptions
        {
            HttpOnly = true,
            Secure = context.Request.IsHttps,
            SameSite = SameSiteMode.Lax,
            Path = "/devices",
            MaxAge = lifetime,
        });

    private T? Read<T>(HttpContext context, string name)
        where T : class
    {
        if (context.Request.Cookies[name] is not { Length: > 0 } cookie)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<T>(_protector.Unprotect(cookie));
        }
        catch (Exception exception) when (exception is CryptographicException or JsonException)
        {
            return null;
        }
    }

    private sealed record SignInState(string State, long ExpiresAt);
}

internal sealed record LeaderIdentity(long UserId, Dictionary<long, string> Sections, long ExpiresAt);
