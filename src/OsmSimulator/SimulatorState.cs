using PatrolScores.OsmSimulator.Calls;
using PatrolScores.OsmSimulator.OAuth;
using PatrolScores.OsmSimulator.State;

namespace PatrolScores.OsmSimulator;

/// <summary>
/// Everything the simulated OSM knows: users, sections, patrols, terms, tokens, rate-limit windows,
/// call counts and faults. Thread-safe; tests drive it directly while the app serves it over HTTP.
/// Starts seeded: user 100001 Sam Example (sections 10001 Example Scouts, 10002 Example Cubs) and
/// user 100002 Alex Sample (section 20001 Sample Scouts).
/// </summary>
public sealed class SimulatorState
{
    private TimeProvider _time;
    private long _approvingUserId = SeedData.SamUserId;
    private int _hourlyLimit = 1000;
    private long _accessTokenLifetimeTicks = TimeSpan.FromHours(1).Ticks;

    /// <summary>A seeded state on the system clock.</summary>
    public SimulatorState()
        : this(TimeProvider.System)
    {
    }

    /// <summary>A seeded state on <paramref name="time"/>.</summary>
    public SimulatorState(TimeProvider time)
    {
        _time = time ?? throw new ArgumentNullException(nameof(time));
        SeedData.Populate(Users, Patrols);
    }

    /// <summary>The clock behind token expiry, rate-limit windows, latency and terms. <see cref="OsmSimulatorApp.Build"/> replaces it when given one.</summary>
    public TimeProvider Time
    {
        get => Volatile.Read(ref _time);
        internal set => Volatile.Write(ref _time, value ?? throw new ArgumentNullException(nameof(value)));
    }

    /// <summary>Today in Europe/London by <see cref="Time"/>: the date terms are judged against.</summary>
    public DateOnly Today => UkCalendar.Today(Time);

    /// <summary>The switchable faults; change them in place.</summary>
    public SimulatorFaults Faults { get; } = new();

    /// <summary>Shorthand for <see cref="SimulatorFaults.NoCurrentTerm"/>: leave out any term covering today.</summary>
    public bool NoCurrentTerm
    {
        get => Faults.NoCurrentTerm;
        set => Faults.NoCurrentTerm = value;
    }

    /// <summary>The user the next <c>/oauth/authorize</c> approves as (default 100001).</summary>
    public long ApprovingUserId
    {
        get => Interlocked.Read(ref _approvingUserId);
        set => Interlocked.Exchange(ref _approvingUserId, value);
    }

    /// <summary>Requests per user per hour (<c>X-RateLimit-Limit</c>); Build sets it from <see cref="SimulatorOptions.HourlyLimit"/>.</summary>
    public int HourlyLimit
    {
        get => Volatile.Read(ref _hourlyLimit);
        set => Volatile.Write(ref _hourlyLimit, value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(value)));
    }

    /// <summary>Lifetime of access tokens issued from now on; Build sets it from <see cref="SimulatorOptions.AccessTokenLifetime"/>.</summary>
    public TimeSpan AccessTokenLifetime
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _accessTokenLifetimeTicks));
        set => Interlocked.Exchange(
            ref _accessTokenLifetimeTicks,
            value > TimeSpan.Zero ? value.Ticks : throw new ArgumentOutOfRangeException(nameof(value)));
    }

    /// <summary>Requests received outside <c>/_sim/</c>, all endpoints together.</summary>
    public int TotalCalls => CallLog.Total;

    internal UserDirectory Users { get; } = new();

    internal PatrolBook Patrols { get; } = new();

    internal TermCalendar Terms { get; } = new();

    internal CallLog CallLog { get; } = new();

    internal RateLimiter RateLimits { get; } = new();

    internal TokenStore Tokens { get; } = new();

    /// <summary>Adds a user with no sections, or renames an existing one. The email is the first name at example.org.</summary>
    public void AddUser(long userId, string fullName) => Users.AddUser(userId, fullName);

    /// <summary>Gives an existing user a section (group "1st Example", type "scouts"); the section starts with no patrols.</summary>
    public void AddSection(long userId, long sectionId, string name) =>
        Users.AddSection(userId, sectionId, name, "1st Example", "scouts");

    /// <summary>Gives an existing user a section in the named group, of the given type (scouts, cubs, ...).</summary>
    public void AddSection(long userId, long sectionId, string name, string groupName, string sectionType) =>
        Users.AddSection(userId, sectionId, name, groupName, sectionType);

    /// <summary>Takes a section away from a user (its patrols stay, for other users who have it).</summary>
    public void RemoveSection(long userId, long sectionId) => Users.RemoveSection(userId, sectionId);

    /// <summary>Adds (or replaces) a patrol with <paramref name="memberCount"/> fake members; a negative id makes an administrative group.</summary>
    public void AddPatrol(long sectionId, long patrolId, string name, int points, int memberCount = 1) =>
        Patrols.AddPatrol(sectionId, patrolId, name, points, memberCount);

    /// <summary>Sets a patrol's points. Throws <see cref="KeyNotFoundException"/> for an unknown patrol.</summary>
    public void SetPatrolPoints(long sectionId, long patrolId, int points) => Patrols.SetPoints(sectionId, patrolId, points);

    /// <summary>A patrol's current points. Throws <see cref="KeyNotFoundException"/> for an unknown patrol.</summary>
    public int GetPatrolPoints(long sectionId, long patrolId) => Patrols.GetPoints(sectionId, patrolId);

    /// <summary>Serves <paramref name="rawJson"/> verbatim (status 200) as the section's patrols, for every term.</summary>
    public void SetPatrolsJson(long sectionId, string rawJson) => Patrols.SetOverride(sectionId, null, rawJson);

    /// <summary>Serves <paramref name="rawJson"/> verbatim as the section's patrols for one term only.</summary>
    public void SetPatrolsJson(long sectionId, long termId, string rawJson) => Patrols.SetOverride(sectionId, termId, rawJson);

    /// <summary>Drops every raw patrols override of the section, serving its patrols again.</summary>
    public void ClearPatrolsOverride(long sectionId) => Patrols.ClearOverride(sectionId);

    /// <summary>The section's terms as <c>/oauth/resource</c> would list them today (honouring <see cref="NoCurrentTerm"/>).</summary>
    public IReadOnlyList<SimulatedTerm> GetTerms(long sectionId) => Terms.For(sectionId, Today, Faults.NoCurrentTerm);

    /// <summary>The section's term covering today, or <see langword="null"/> when none does.</summary>
    public SimulatedTerm? CurrentTerm(long sectionId) => GetTerms(sectionId).FirstOrDefault(term => term.Covers(Today));

    /// <summary>Replaces the computed terms of a section with these, served in the order given.</summary>
    public void SetTerms(long sectionId, IEnumerable<SimulatedTerm> terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        Terms.Override(sectionId, terms);
    }

    /// <summary>Goes back to computed terms for a section.</summary>
    public void ClearTerms(long sectionId) => Terms.ClearOverride(sectionId);

    /// <summary>Requests received for an endpoint (see <see cref="SimulatorEndpoints"/>).</summary>
    public int Calls(string endpoint) => CallLog.Calls(endpoint);

    /// <summary>Requests for an endpoint made as (or, for OAuth, issuing tokens to) a user.</summary>
    public int Calls(string endpoint, long userId) => CallLog.Calls(endpoint, userId);

    /// <summary>Calls to <paramref name="endpoint"/> that named section <paramref name="sectionId"/> (the patrols read counts them).</summary>
    public int SectionCalls(string endpoint, long sectionId) => CallLog.SectionCalls(endpoint, sectionId);

    /// <summary>The last request an endpoint received, or <see langword="null"/>.</summary>
    public SimulatedRequest? LastRequest(string endpoint) => CallLog.Last(endpoint);

    /// <summary>When each call to <paramref name="endpoint"/> arrived (real clock, oldest first): how a client paces its calls.</summary>
    public IReadOnlyList<DateTimeOffset> ArrivalTimes(string endpoint) => CallLog.Arrivals(endpoint);

    /// <summary>Forgets call counts and last requests.</summary>
    public void ResetCalls() => CallLog.Reset();

    /// <summary>Clears the faults and the call counts (what <c>POST /_sim/reset</c> does).</summary>
    public void Reset()
    {
        Faults.Clear();
        CallLog.Reset();
    }

    /// <summary>Sets what is left of a user's hourly allowance, opening a window now if none is open.</summary>
    public void SetRemaining(long userId, int remaining) =>
        RateLimits.SetRemaining(userId, remaining, HourlyLimit, Time.GetUtcNow());

    /// <summary>What is left of a user's hourly allowance.</summary>
    public int GetRemaining(long userId) => RateLimits.Remaining(userId, HourlyLimit, Time.GetUtcNow());

    /// <summary>
    /// Issues tokens for a user without the browser flow, as if <paramref name="clientId"/> (default: the
    /// first registered client) had been through it asking for <paramref name="scope"/>.
    /// </summary>
    public SimulatedTokens IssueTokens(long userId, string? clientId = null, string scope = "section:member:read")
    {
        if (!Users.Exists(userId))
            throw new KeyNotFoundException($"User {userId} is not a simulated user.");

        return Tokens.Issue(userId, clientId ?? Tokens.FirstClientId, scope, Time.GetUtcNow(), AccessTokenLifetime);
    }

    internal void Configure(SimulatorOptions options)
    {
        HourlyLimit = options.HourlyLimit;
        AccessTokenLifetime = options.AccessTokenLifetime;
        foreach (var client in options.Clients)
            Tokens.RegisterClient(client);
    }
}
