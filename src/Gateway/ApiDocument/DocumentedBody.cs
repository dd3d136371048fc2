namespace PatrolScores.Gateway.ApiDocument;

/// <summary>
/// A request body an endpoint reads itself, declared for the OpenAPI document only. Unlike the framework's
/// <c>Accepts</c>, it adds no content-type matching to routing (which would turn a body the endpoint answers with
/// its own 400 into a bare 415, and could refuse a board that sends no <c>Content-Type</c>).
/// </summary>
/// <param name="Type">The body's shape.</param>
/// <param name="ContentTypes">The media types the endpoint reads.</param>
/// <param name="Required">Whether a body must be sent.</param>
public sealed record DocumentedBody(Type Type, string[] ContentTypes, bool Required = true);

/// <summary>Declares the body an endpoint reads.</summary>
public static class DocumentedBodyExtensions
{
    /// <summary>Adds <see cref="DocumentedBody"/> metadata.</summary>
    public static RouteHandlerBuilder WithBody<TBody>(this RouteHandlerBuilder builder, bool required, params string[] contentTypes) =>
        builder.WithMetadata(new DocumentedBody(typeof(TBody), contentTypes, required));
}
