using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;
using PatrolScores.Gateway.Storage.Availability;
using PatrolScores.Gateway.Storage.Ephemeral;
using PatrolScores.Gateway.Storage.InProcess;
using PatrolScores.Gateway.Storage.Migrations;
using PatrolScores.Gateway.Storage.Records;
using PatrolScores.Gateway.Storage.Redis;
using PatrolScores.Gateway.Storage.Sql;

namespace PatrolScores.Gateway.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers the stores of both modes; which one answers is decided when first resolved, from
    /// the bound <see cref="StorageOptions"/>, so that configuration overrides (tests, environment)
    /// apply no matter when they were added.
    /// </summary>
    public static IServiceCollection AddGatewayStorage(this IServiceCollection services)
    {
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);

        services.AddSingleton<StoreCircuits>();
        services.AddSingleton<StoreProbes>();
        services.AddHostedService<StoreRecoveryProbe>();
        services.AddSingleton<IDbConnectionFactory>(sp => new CircuitBreakingConnectionFactory(CreateConnectionFactory(sp), sp.GetRequiredService<StoreCircuits>().Records));
        services.AddSingleton(sp => NpgsqlDataSource.Create(sp.GetRequiredService<IOptions<StorageOptions>>().Value.Postgres.ConnectionString!));
        services.AddSingleton<RedisConnection>();
        services.AddSingleton<MigrationRunner>();
        services.AddHostedService<StorageInitializer>();

        services.AddSingleton<IDeviceStore, SqlDeviceStore>();
        services.AddSingleton<IOsmUserStore, SqlOsmUserStore>();
        services.AddSingleton<ISectionTermStore, SqlSectionTermStore>();
        services.AddSingleton<IGlobalBlockStore, SqlGlobalBlockStore>();
        services.AddSingleton<IDeviceCodeStore, SqlDeviceCodeStore>();
        services.AddSingleton<IAuditStore, SqlAuditStore>();
        services.AddSingleton<IUserBlockStore, SqlUserBlockStore>();
        services.AddSingleton<IAwardStore, SqlAwardStore>();
        services.AddSingleton<IScoreSnapshotStore, SqlScoreSnapshotStore>();
        services.AddSingleton<ICountdownStore, SqlCountdownStore>();
        services.AddSingleton<IPatrolColourStore, SqlPatrolColourStore>();
        services.AddSingleton<ILocalTeamStore, SqlLocalTeamStore>();

        services.AddSingleton(ByMode<IScoreCacheStore, InMemoryScoreCacheStore, RedisScoreCacheStore>);
        services.AddSingleton(ByMode<IQuotaStore, InMemoryQuotaStore, RedisQuotaStore>);
        services.AddSingleton(ByMode<IDistributedLockProvider, InMemoryLockProvider, RedisLockProvider>);
        services.AddSingleton(ByMode<IRefreshQueue, InMemoryRefreshQueue, RedisRefreshQueue>);
        services.AddSingleton(ByMode<IScoreVersionStore, InMemoryScoreVersionStore, RedisScoreVersionStore>);
        return services;
    }

    private static IDbConnectionFactory CreateConnectionFactory(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<StorageOptions>>().Value;
        if (options.Mode == StorageMode.Distributed)
        {
            return new PostgresConnectionFactory(services.GetRequiredService<NpgsqlDataSource>());
        }

        var contentRoot = services.GetRequiredService<IHostEnvironment>().ContentRootPath;
        return new SqliteConnectionFactory(Path.Combine(contentRoot, options.Sqlite.Path));
    }

    private static TService ByMode<TService, TEmbedded, TDistributed>(IServiceProvider services)
        where TService : class
        where TEmbedded : TService
        where TDistributed : TService
    {
        var mode = services.GetRequiredService<IOptions<StorageOptions>>().Value.Mode;
        return mode == StorageMode.Distributed
            ? ActivatorUtilities.CreateInstance<TDistributed>(services)
            : ActivatorUtilities.CreateInstance<TEmbedded>(services);
    }
}
