namespace PatrolScores.Gateway.Requests;

public static class RequestsExtensions
{
    /// <summary>After <c>UseRouting</c> (the passthrough route is known), before any endpoint reads the query.</summary>
    public static IApplicationBuilder UseStrictQueries(this IApplicationBuilder app) => app.UseMiddleware<StrictQueryMiddleware>();
}
