namespace PatrolScores.Gateway.Storage.Records;

/// <summary>OSM answered 429 for this user: no call for them until <see cref="Until"/>.</summary>
public sealed record UserBlock(long UserId, DateTimeOffset Until, string Reason, DateTimeOffset SetAt);
