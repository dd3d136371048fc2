namespace PatrolScores.Gateway.ApiDocument;

/// <summary>
/// An error an endpoint answers, as endpoint metadata for the OpenAPI document: the HTTP status, the stable
/// code clients switch on, and when it happens. <see cref="ErrorResponsesTransformer"/> turns an endpoint's
/// errors into one response per status, with the codes as an <c>enum</c> and one example body per code.
/// </summary>
/// <param name="Status">The HTTP status (400 to 599).</param>
/// <param name="Code">The body's <c>error</c> value (<c>ErrorCodes</c>, <c>AdminErrorCodes</c>, <c>ToolErrorCodes</c>, <c>OAuthErrorCodes</c>).</param>
/// <param name="When">One sentence: when the endpoint answers this; it is also the example's message.</param>
/// <param name="Body">Which error body: the gateway's <c>ErrorBody</c> or the device flow's RFC 6749 <c>OAuthErrorResponse</c>.</param>
/// <param name="RetryAfter">Whether a <c>Retry-After</c> header (seconds) comes with it.</param>
public sealed record DocumentedError(int Status, string Code, string When, ErrorBodyKind Body = ErrorBodyKind.Gateway, bool RetryAfter = false);

/// <summary>The two error body shapes of the API.</summary>
public enum ErrorBodyKind
{
    /// <summary><c>{"error":code,"message":text}</c> (<c>Errors.ErrorBody</c>).</summary>
    Gateway,

    /// <summary><c>{"error":code,"error_description":text}</c>, RFC 6749 §5.2 (<c>OAuthErrorResponse</c>).</summary>
    OAuth,
}

/// <summary>Declares an endpoint's (or a group's) errors for the OpenAPI document.</summary>
public static class DocumentedErrorExtensions
{
    /// <summary>Adds each error as endpoint metadata; a group's errors apply to every endpoint in it.</summary>
    public static TBuilder ProducesErrors<TBuilder>(this TBuilder builder, params DocumentedError[] errors)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.Add(endpoint =>
        {
            foreach (var error in errors)
            {
                endpoint.Metadata.Add(error);
            }
        });
        return builder;
    }
}
