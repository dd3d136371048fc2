using System.Text.Json;

namespace PatrolScores.Gateway.Admin;

/// <summary>The admin API's JSON: snake_case names, UTC timestamps as the rest of the gateway writes them.</summary>
internal static class AdminJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    public static IResult Ok(object value) => Results.Json(value, Options);
}
