namespace PatrolScores.Gateway.Errors;

/// <summary>The JSON error contract as a minimal-API result, for endpoints and endpoint filters.</summary>
internal sealed class ErrorResult(int status, string code, string message, TimeSpan? retryAfter = null) : IResult, IStatusCodeHttpResult
{
    public int? StatusCode => status;

    public string Code => code;

    /// <summary>The human-readable message (never a secret), for pages that show the same refusal as HTML.</summary>
    public string Message => message;

    public Task ExecuteAsync(HttpContext httpContext) => ErrorResponses.WriteAsync(httpContext, status, code, message, retryAfter);
}
