using Microsoft.AspNetCore.Diagnostics;
using PatrolScores.Gateway.Storage.Availability;

namespace PatrolScores.Gateway.Errors;

/// <summary>
/// The last line of the error contract, through ASP.NET Core's exception handler middleware: a store
/// that fails mid-request is a 503 <c>store_unavailable</c> with <c>Retry-After</c> (a device must never
/// read it as "unpaired"), anything else a 500 <c>internal_error</c> with a fixed message; never an
/// empty body, an exception text or a stack trace. The middleware itself logs the exception.
/// </summary>
public static class UnhandledErrors
{
    /// <summary>How soon a caller is told to try again when a store does not answer (<c>Retry-After</c>).</summary>
    internal static readonly TimeSpan StoreRetry = TimeSpan.FromSeconds(30);

    internal static IApplicationBuilder UseGatewayErrors(this IApplicationBuilder app) =>
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandler = WriteAsync,

            // A client's bad request is not the gateway's error: no error log (and stack trace) for each.
            SuppressDiagnosticsCallback = context => context.Exception is BadHttpRequestException,
        });

    /// <summary>The status <see cref="WriteAsync"/> answers for this exception (the request metrics count it).</summary>
    public static int StatusFor(Exception exception) => AnswerFor(exception).Status;

    /// <summary>A store did not answer (<see cref="StoreFailures.Is"/>).</summary>
    public static bool IsStoreFailure(Exception exception) => StoreFailures.Is(exception);

    private static Task WriteAsync(HttpContext context)
    {
        var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        if (error is not null)
        {
            // A store that failed a request is not asked again until a probe finds it back.
            context.RequestServices.GetService<StoreCircuits>()?.Report(error);
        }

        var answer = AnswerFor(error);
        return ErrorResponses.WriteAsync(context, answer.Status, answer.Code, answer.Message, answer.RetryAfter);
    }

    // One classification for the response and for the request metrics.
    private static ErrorAnswer AnswerFor(Exception? exception) => exception switch
    {
        // The framework's own verdict on a bad request (an unreadable form, a missing antiforgery token).
        BadHttpRequestException bad => new(bad.StatusCode, ErrorCodes.InvalidRequest, "The request could not be read; check it and try again.", null),

        // A body over ASP.NET Core's form limits (fields, key or value length) or a malformed multipart body.
        InvalidDataException => new(StatusCodes.Status400BadRequest, ErrorCodes.InvalidRequest, "The request could not be read; check it and try again.", null),
        not null when IsStoreFailure(exception) => new(StatusCodes.Status503ServiceUnavailable, ErrorCodes.StoreUnavailable, "The gateway's storage is not answering; try again shortly.", StoreRetry),
        _ => new(StatusCodes.Status500InternalServerError, ErrorCodes.InternalError, "Something went wrong in the gateway; it has been logged.", null),
    };

    private sealed record ErrorAnswer(int Status, string Code, string Message, TimeSpan? RetryAfter);
}
