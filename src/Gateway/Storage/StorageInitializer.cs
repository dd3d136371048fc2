using System.Data.Common;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using PatrolScores.Gateway.Configuration;
using PatrolScores.Gateway.Storage.Migrations;
using PatrolScores.Gateway.Storage.Redis;
using PatrolScores.Gateway.Storage.Sql;

namespace PatrolScores.Gateway.Storage;

/// <summary>
/// Before anything else starts (the web server included): connect to Redis and bring the record
/// database's schema up to date. Either failing stops the process with a line naming the setting.
/// </summary>
internal sealed class StorageInitializer(
    IOptions<StorageOptions> options,
    IServiceProvider services,
    IDbConnectionFactory connections,
    MigrationRunner migrations) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        var storage = options.Value;
        if (storage.Mode == StorageMode.Distributed)
        {
            await services.GetRequiredService<RedisConnection>().ConnectAsync(cancellationToken);
        }

        var settingKey = storage.Mode == StorageMode.Distributed ? "Storage:Postgres:ConnectionString" : "Storage:Sqlite:Path";
        try
        {
            await migrations.ApplyAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is DbException or SocketException or IOException or UnauthorizedAccessException or TimeoutException)
        {
            throw new StartupFailureException(settingKey, $"cannot open {connections.Describe()} ({StartupFailureException.FirstLine(exception.Message).TrimEnd('.')}).");
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
