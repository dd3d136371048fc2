namespace PatrolScores.Gateway.Storage.Records;

/// <summary>The current term found for a section, and when it was last checked.</summary>
/// <param name="TermId">Null when the section was checked and is between terms.</param>
public sealed record SectionTermRecord(
    long SectionId,
    long UserId,
    long? TermId,
    DateTimeOffset TermCheckedAt,
    DateOnly? TermEndDate);
