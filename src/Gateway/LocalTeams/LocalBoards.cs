using System.Buffers;
using PatrolScores.Gateway.Live;
using PatrolScores.Gateway.Patrols;
using PatrolScores.Transforms.Patrols;

namespace PatrolScores.Gateway.LocalTeams;

/// <summary>
/// What a board pointed at its leader's local teams is told (issue 13): the device body of the boards in the field
/// (<c>../shared/scoreboard-clients.md</c>) with the teams as <c>patrols</c> (<c>{"id":"…","name":"Hawks","score":12}</c>, in the
/// leader's order), their colours as <c>settings.patrolColors</c>, <c>cached_at</c> the last change, <c>cache_expires_at</c>
/// <see cref="PollInterval"/> from now and <c>rate_limit_state</c> <c>NONE</c>. Read from the record store on every ask (no
/// OSM call, ever; nothing to go stale), and every change reaches the owner's boards on every replica at once (a WebSocket
/// <c>refresh-scores</c>, a stream's next event). Live connections of local boards are indexed under
/// <see cref="Channel"/>, never a section id, so one leader's local board news never reaches another's boards.
/// </summary>
internal sealed class LocalBoards : IHostedService
{
    /// <summary>How long a board waits before it asks again unaided (it is nudged at once on a change when live).</summary>
    internal static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(30);

    private readonly LocalScoreboards _scoreboards;
    private readonly LocalTeamsFeed _feed;
    private readonly DeviceSocketHub _hub;
    private readonly PatrolsStreams _streams;
    private readonly TimeProvider _time;

    public LocalBoards(LocalScoreboards scoreboards, LocalTeamsFeed feed, DeviceSocketHub hub, PatrolsStreams streams, TimeProvider time)
    {
        _scoreboards = scoreboards;
        _feed = feed;
        _hub = hub;
        _streams = streams;
        _time = time;
    }

    /// <summary>From start-up, every change of a local scoreboard (any replica's) nudges the owner's boards connected here.</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _feed.Listen(owner =>
        {
            _hub.Push(Channel(owner), LiveMessages.RefreshScores);
            _streams.Wake(Channel(owner));
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// The live channel of <paramref name="ownerUserId"/>'s local boards in <see cref="DeviceSocketHub"/> and
    /// <see cref="PatrolsStreams"/>: the owner's id negated. OSM section ids are positive, so the two never meet.
    /// </summary>
    public static long Channel(long ownerUserId) => Storage.Records.DeviceRecord.LocalTeamsChannel(ownerUserId);

    /// <summary>The answer for a board of <paramref name="ownerUserId"/> showing local teams.</summary>
    public async Task<DeviceAnswer.LocalScores> DecideAsync(long ownerUserId, CancellationToken cancellationToken)
    {
        var scoreboard = await _scoreboards.ReadAsync(ownerUserId, cancellationToken);
        var now = _time.GetUtcNow();
        var patrols = DevicePatrolsJson.SerializePatrolsArray([.. scoreboard.Teams.Select(team => new DevicePatrol(team.Id, team.Name, team.Score))]);
        var colours = new PatrolColourSet(scoreboard.Teams.Where(t => t.Colour.Length > 0).ToDictionary(t => t.Id, t => t.Colour), now);
        return new DeviceAnswer.LocalScores(patrols, colours, scoreboard.UpdatedAt, now + PollInterval);
    }

    /// <summary>The device body of <paramref name="answer"/>; <paramref name="live"/> asks the board to open its live channel.</summary>
    public static byte[] Body(DeviceAnswer.LocalScores answer, bool live)
    {
        var buffer = new ArrayBufferWriter<byte>(answer.PatrolsJson.Length + 190 + answer.Colours.SettingsJson.Length);
        DevicePatrolsJson.WriteDeviceBody(buffer, answer.PatrolsJson, fromCache: true, answer.UpdatedAt, answer.ExpiresAt, RateLimitState.None.ToWire(), live, answer.Colours.SettingsJson);
        return buffer.WrittenSpan.ToArray();
    }
}
