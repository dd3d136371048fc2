using Microsoft.Extensions.Options;
using PatrolScores.Gateway.Storage.Records;

namespace PatrolScores.Gateway.Devices.Pairing;

/// <summary>Adds the configured client ids to the database's allow-list at start-up (never removes any).</summary>
internal sealed class PairingClientsSeeder(IOptions<PairingOptions> options, IDeviceCodeStore codes, TimeProvider time) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var clientId in options.Value.Clients)
        {
            await codes.AllowClientAsync(clientId, time.GetUtcNow(), cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
