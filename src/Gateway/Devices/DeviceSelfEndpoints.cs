using PatrolScores.Gateway.ApiDocument;

namespace PatrolScores.Gateway.Devices;

/// <summary>
/// <c>DELETE /api/v1/device</c>: a board forgets itself ("Forget this board" on <c>/board</c>). The device's own
/// bearer token revokes that device, as a leader's or an operator's revocation does (<see cref="DeviceRevocations"/>:
/// the record is marked, every replica forgets the token before the answer, its live connections are closed, and
/// the revocation is audited with the actor <c>device:{log id}</c>). 204 with no body; a token that is already
/// unknown or revoked is 401, as on every device endpoint.
/// </summary>
internal static class DeviceSelfEndpoints
{
    public const string Path = "/api/v1/device";

    public static IEndpointRouteBuilder MapDeviceSelf(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapDelete(Path, ForgetAsync)
            .WithTags(DocumentInfoTransformer.DeviceApi)
            .WithName("forgetDevice")
            .WithSummary("Revoke the calling device's own token")
            .WithDescription("""
                The board forgets itself: its token stops working on every replica before the answer, its live connections
                are closed and the revocation is audited (actor `device:<log id>`). 204 with no body. To show scores again
                the board must be paired again.
                """)
            .RequiresScheme(SecuritySchemes.DeviceToken)
            .Produces(StatusCodes.Status204NoContent)
            .ProducesErrors([.. ApiErrors.DeviceToken]);
        return endpoints;
    }

    private static async Task ForgetAsync(HttpContext context, DeviceAuthenticator devices, DeviceRevocations revocations)
    {
        if (await devices.AuthenticateAsync(context, "DELETE device") is not { } device)
        {
            return;
        }

        // False only when another request revoked it in between: the token is gone either way.
        await revocations.RevokeAsync(device.Record.Id, $"device:{device.LogId}", context.Connection.RemoteIpAddress?.ToString(), context.RequestAborted);
        context.Response.Headers.CacheControl = "no-store";
        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }
}
