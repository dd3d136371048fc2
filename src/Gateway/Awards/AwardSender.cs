using System.Diagnostics;
using Microsoft.Extensions.Options;
using PatrolScores.Gateway.Concurrency;
using PatrolScores.Gateway.Storage.Ephemeral;
using PatrolScores.Gateway.Storage.Records;

namespace PatrolScores.Gateway.Awards;

/// <summary>
/// The one sender of score entry's durable queue: under the gateway's lifetime (never a request's), it finds sections
/// with due awards in the records, takes the section's lock <c>awards:{section}</c> (one sender per section across
/// replicas) and applies the section's submissions in order (<see cref="AwardApplier"/>), each on its own upstream
/// deadline, pausing <c>Awards:SendSpacing</c> between them so a queue drained after a block is spread out. A deferral
/// (OSM said no until a time) is written to the section's open awards; an operator lifting a block clears it. Woken at
/// once by a new submission on this replica, and every <c>Awards:PollInterval</c> otherwise (other replicas' entries,
/// deferrals ending, a restart's leftovers).
/// </summary>
internal sealed partial class AwardSender(
    IAwardStore store,
    AwardApplier applier,
    IDistributedLockProvider locks,
    SharedWorkDeadlines deadlines,
    IOptionsMonitor<AwardsOptions> options,
    TimeProvider time,
    ILogger<AwardSender> logger) : BackgroundService
{
    private readonly SemaphoreSlim _wake = new(0, 1);
    private long _lastSent;

    /// <summary>A submission was stored on this replica: send it now rather than at the next poll.</summary>
    public void Wake()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already woken.
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                foreach (var section in await store.SectionsDueAsync(time.GetUtcNow(), stoppingToken))
                {
                    await SendSectionAsync(section, stoppingToken);
                }
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                // A store that does not answer: the queue is durable, so the next round sends it.
                LogRoundFailed(exception.GetType().Name);
            }

            try
            {
                // The real clock: the pace protects OSM in real time, whatever clock the rules are judged by.
                await _wake.WaitAsync(options.CurrentValue.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task SendSectionAsync(long sectionId, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await KeepPaceAsync(stoppingToken);
            await using (var held = await locks.TryAcquireAsync($"awards:{sectionId}", deadlines.Lease, stoppingToken))
            {
                if (held is null)
                {
                    return; // another replica sends this section
                }

                var next = await store.NextOpenAsync(sectionId, stoppingToken);
                if (next is null || next.Awards.Any(a => a.NotBefore > time.GetUtcNow()))
                {
                    return;
                }

                using var deadline = deadlines.Start();
                ApplyResult result;
                try
                {
                    result = await applier.ApplyAsync(next, deadline.Token);
                }
                catch (OperationCanceledException) when (deadline.Token.IsCancellationRequested && !stoppingToken.IsCancellationRequested)
                {
                    result = new ApplyResult.Deferred(time.GetUtcNow() + options.CurrentValue.PollInterval, DeferralReason.OsmUnavailable);
                }

                // Paced from the end of one submission to the start of the next: two writes are at least the spacing apart.
                _lastSent = Stopwatch.GetTimestamp();
                if (result is ApplyResult.Deferred deferred)
                {
                    LogDeferred(sectionId, deferred.Reason, deferred.Until);
                    await store.DeferAsync(sectionId, deferred.Until, CancellationToken.None);
                    return;
                }
            }
        }
    }

    // Submissions leave this replica at most one per Awards:SendSpacing, whichever sections they are for.
    private async Task KeepPaceAsync(CancellationToken stoppingToken)
    {
        var wait = options.CurrentValue.SendSpacing - Stopwatch.GetElapsedTime(_lastSent);
        if (_lastSent != 0 && wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, stoppingToken);
        }
    }

    [LoggerMessage(EventId = 9111, Level = LogLevel.Information, Message = "Section {SectionId}: score entry waits ({Reason}) until {Until:O}")]
    private partial void LogDeferred(long sectionId, DeferralReason reason, DateTimeOffset until);

    [LoggerMessage(EventId = 9112, Level = LogLevel.Warning, Message = "Score entry's sender could not read its queue ({ErrorType}); it tries again")]
    private partial void LogRoundFailed(string errorType);
}
