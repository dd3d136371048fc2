namespace PatrolScores.Gateway.ApiDocument;

/// <summary>
/// A query parameter an endpoint reads itself (from <c>HttpContext</c>, to answer its own 400 with a stable
/// code rather than the framework's), declared for the OpenAPI document.
/// </summary>
/// <param name="Name">The parameter's name as sent (<c>user_id</c>).</param>
/// <param name="Description">What it does, its bounds and default.</param>
/// <param name="Kind">Its JSON Schema type as clients should send it.</param>
public sealed record DocumentedQuery(string Name, string Description, QueryKind Kind = QueryKind.String);

/// <summary>The types a documented query parameter can have.</summary>
public enum QueryKind
{
    /// <summary>Any text.</summary>
    String,

    /// <summary>A whole number.</summary>
    Integer,

    /// <summary><c>true</c> or <c>false</c>.</summary>
    Boolean,
}

/// <summary>Declares query parameters an endpoint reads itself.</summary>
public static class DocumentedQueryExtensions
{
    /// <summary>Adds each parameter as endpoint metadata for <see cref="QueryParametersTransformer"/>.</summary>
    public static RouteHandlerBuilder WithQuery(this RouteHandlerBuilder builder, params DocumentedQuery[] parameters)
    {
        foreach (var parameter in parameters)
        {
            builder.WithMetadata(parameter);
        }

        return builder;
    }
}

/// <summary>A request header an endpoint reads itself (endpoint metadata), declared for the OpenAPI document as required.</summary>
/// <param name="Name">The header's name (<c>Idempotency-Key</c>).</param>
/// <param name="Description">What it carries and its bounds.</param>
public sealed record DocumentedHeader(string Name, string Description);
