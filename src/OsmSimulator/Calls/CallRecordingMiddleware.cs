namespace PatrolScores.OsmSimulator.Calls;

/// <summary>Counts and records every request outside <c>/_sim/</c> under its endpoint's name.</summary>
internal sealed class CallRecordingMiddleware(RequestDelegate next, SimulatorState state)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var name = context.GetEndpoint()?.Metadata.GetMetadata<SimulatedEndpointName>()?.Name;
        if (name is null && context.Request.Path.StartsWithSegments("/_sim"))
        {
            await next(context);
            return;
        }

        state.CallLog.Record(name ?? SimulatorEndpoints.Other, RequestSnapshot.Of(context.Request, await ReadFormAsync(context)));
        await next(context);
    }

    private static async Task<IFormCollection?> ReadFormAsync(HttpContext context)
    {
        if (!context.Request.HasFormContentType)
            return null;

        try
        {
            return await context.Request.ReadFormAsync(context.RequestAborted);
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }
}
