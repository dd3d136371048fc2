namespace PatrolScores.Gateway.Storage.Ephemeral;

/// <summary>Scores are cached per (section, term), so every device of a section shares one entry.</summary>
public readonly record struct ScoreCacheKey(long SectionId, long TermId)
{
    public override string ToString() => $"{SectionId}:{TermId}";
}
