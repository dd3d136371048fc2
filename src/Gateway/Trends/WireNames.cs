namespace PatrolScores.Gateway.Trends;

/// <summary>
/// A closed enum's wire names, one per member in declaration order (members 0, 1, 2...): the exact, case-sensitive
/// parser of a query value and its writer. An undefined member is a defect and throws.
/// </summary>
internal sealed class WireNames<TEnum>(params string[] names)
    where TEnum : struct, Enum
{
    public IReadOnlyList<string> All => names;

    public bool TryParse(string? text, out TEnum value)
    {
        var index = text is null ? -1 : Array.IndexOf(names, text);
        value = (TEnum)Enum.ToObject(typeof(TEnum), Math.Max(index, 0));
        return index >= 0;
    }

    public string Of(TEnum value) =>
        Enum.IsDefined(value) ? names[Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture)] : throw new ArgumentOutOfRangeException(nameof(value), value, $"Not a {typeof(TEnum).Name}.");
}
