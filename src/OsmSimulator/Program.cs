namespace PatrolScores.OsmSimulator;

/// <summary>Runs the simulator standalone: <c>dotnet run --project src/OsmSimulator [-- --urls http://127.0.0.1:5081]</c>.</summary>
internal static class Program
{
    public static async Task Main(string[] args)
    {
        await using var app = OsmSimulatorApp.Build(new SimulatorOptions(), args: args);
        await app.StartAsync();
        Console.WriteLine($"OSM simulator listening on {app.BaseAddress()} (control: {app.BaseAddress()}_sim/calls)");
        await app.WaitForShutdownAsync();
    }
}
