using Microsoft.OpenApi;
using PatrolScores.Gateway.RateLimiting;

namespace PatrolScores.Gateway.ApiDocument;

/// <summary>
/// The <c>RateLimit-Policy</c> and <c>RateLimit</c> fields (<see cref="RateLimitFields.DraftRevision"/>) on every
/// response of a rate-limited operation. Not marked required: an answer refused before the limiter (an unreadable
/// query) or replayed from the tools' output cache carries none.
/// </summary>
internal static class RateLimitHeaders
{
    public static void AddTo(OpenApiOperation operation)
    {
        foreach (var response in operation.Responses?.Values.OfType<OpenApiResponse>() ?? [])
        {
            response.Headers ??= new Dictionary<string, IOpenApiHeader>();
            response.Headers[RateLimitFields.PolicyHeader] = new OpenApiHeader
            {
                Description = $"The limit this request was counted against ({RateLimitFields.DraftRevision}): `\"name\";q=QUOTA;w=WINDOW_SECONDS`.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            };
            response.Headers[RateLimitFields.Header] = new OpenApiHeader
            {
                Description = "What is left of it: `\"name\";r=REMAINING;t=SECONDS_UNTIL_MORE`. A 429 has `r=0` and `Retry-After` equal to `t`.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            };
        }
    }
}
