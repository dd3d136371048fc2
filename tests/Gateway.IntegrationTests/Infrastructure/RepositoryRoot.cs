namespace PatrolScores.Gateway.IntegrationTests.Infrastructure;

/// <summary>The clone the tests run from: the folder above the test assembly that holds <c>PatrolScores.sln</c>.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(System.IO.Path.Combine(directory.FullName, "PatrolScores.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException($"no PatrolScores.sln above {AppContext.BaseDirectory}");
    }
}
