using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace PatrolScores.Gateway.Leaders;

/// <summary>
/// A leader signed in through OSM (their boards at <c>/devices</c>, score entry at <c>/scores</c> and the leader's JSON
/// API): an encrypted, signed cookie holding their OSM user id, the names of their sections and an expiry judged by
/// the injected clock, sent on every path of the gateway. The sign-in <c>state</c> and the local page to return to
/// travel in a second, short-lived cookie of the same kind.
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

    public void SignIn(HttpContext context, long userId, IReadOnlyDictionary<long, string> sections, string name = "", bool canAward = false) =>
        Write(context, SessionCookie, new LeaderIdentity(userId, sections.ToDictionary(), (time.GetUtcNow() + SessionLifetime).ToUnixTimeSeconds(), name, canAward), SessionLifetime);

    /// <summary>
    /// Starts a sign-in: the <c>state</c> to send to OSM; <paramref name="returnTo"/> (a local path) is where the callback goes,
    /// and <paramref name="scope"/> the OSM scope asked for (the session can award points only after a sign-in with
    /// <see cref="Osm.OsmSignIn.WriteScope"/>).
    /// </summary>
    public string StartSignIn(HttpContext context, string returnTo = "/devices", string scope = Osm.OsmSignIn.Scope)
    {
        var state = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        Write(context, SignInCookie, new SignInState(state, (time.GetUtcNow() + SignInLifetime).ToUnixTimeSeconds(), IsLocalPath(returnTo) ? returnTo : "/devices", scope), SignInLifetime);
        return state;
    }

    /// <summary>Where the sign-in started and the scope it asked for, when <paramref name="state"/> is this browser's; otherwise null.</summary>
    public SignInStart? FinishSignIn(HttpContext context, string? state)
    {
        var pending = Read<SignInState>(context, SignInCookie);
        context.Response.Cookies.Delete(SignInCookie, new CookieOptions { Path = "/" });
        return pending is not null && state is not null && pending.ExpiresAt > time.GetUtcNow().ToUnixTimeSeconds()
            && CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(pending.State), System.Text.Encoding.ASCII.GetBytes(state))
            ? new SignInStart(pending.ReturnTo, pending.Scope)
            : null;
    }

    // Only this gateway's own pages: "/x", never "//host" or "/\host" (open redirects).
    private static bool IsLocalPath(string path) =>
        path.Length > 0 && path[0] == '/' && (path.Length == 1 || (path[1] != '/' && path[1] != '\\'));

    private void Write<T>(HttpContext context, string name, T value, TimeSpan lifetime) =>
        context.Response.Cookies.Append(name, _protector.Protect(JsonSerializer.Serialize(value)), new CookieOptions
        {
            HttpOnly = true,
            Secure = context.Request.IsHttps,
            SameSite = SameSiteMode.Lax,
            Path = "/",
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

    private sealed record SignInState(string State, long ExpiresAt, string ReturnTo, string Scope);
}

/// <summary>Where a sign-in started (a local path) and the OSM scope it asked for.</summary>
internal sealed record SignInStart(string ReturnTo, string Scope);

/// <summary>
/// A signed-in leader: OSM user id, their sections (id → name) when they signed in, the session's end (Unix seconds), their
/// name, and whether they signed in with OSM's write scope (score entry needs it).
/// </summary>
internal sealed record LeaderIdentity(long UserId, Dictionary<long, string> Sections, long ExpiresAt, string Name = "", bool CanAward = false)
{
    /// <summary>The name shown in the history: OSM's, else the user id.</summary>
    public string DisplayName => Name.Length > 0 ? Name : $"Leader {UserId}";
}
