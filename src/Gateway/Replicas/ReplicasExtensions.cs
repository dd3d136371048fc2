namespace PatrolScores.Gateway.Replicas;

public static class ReplicasExtensions
{
    /// <summary>
    /// What keeps replicas' memories in step (distributed mode): the acknowledged broadcast on Redis
    /// pub/sub, and operators' changes applied here and published to every replica.
    /// </summary>
    public static IServiceCollection AddReplicas(this IServiceCollection services)
    {
        services.AddSingleton<ReplicaBroadcast>();
        services.AddSingleton<EveryReplica>();
        services.AddSingleton<ReplicaSignalHandler>();
        services.AddSingleton<ReplicaSignals>();
        services.AddHostedService(sp => sp.GetRequiredService<ReplicaSignals>());
        return services;
    }
}
