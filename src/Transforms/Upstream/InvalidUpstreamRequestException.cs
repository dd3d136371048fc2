namespace PatrolScores.Transforms.Upstream;

/// <summary>
/// Thrown instead of sending a request OSM would reject. OSM counts invalid requests against the
/// application and blocks apps that send many, so bad input is stopped before it leaves.
/// Messages name the offending field and never contain a secret.
/// </summary>
public sealed class InvalidUpstreamRequestException : Exception
{
    /// <summary>Creates the exception with a generic message.</summary>
    public InvalidUpstreamRequestException()
        : base("The upstream request is invalid and was not sent.")
    {
    }

    /// <summary>Creates the exception; <paramref name="message"/> must contain no secret.</summary>
    public InvalidUpstreamRequestException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception; <paramref name="message"/> must contain no secret.</summary>
    public InvalidUpstreamRequestException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
