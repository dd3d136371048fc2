namespace PatrolScores.Gateway.Storage.Ephemeral;

public sealed record UserQuota(long UserId, QuotaSnapshot Snapshot);
