namespace PatrolScores.Gateway.IntegrationTests.Infrastructure;

/// <summary>The clone the tests run from: the folder above the test assembly that holds <c>PatrolScores.sln</c>.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    /// <summary>
    /// A program of <c>src/{project}</c> built in this test assembly's configuration (the solution builds it; the test
    /// project references it without its output). Fails the test, naming the path, when it was not built.
    /// </summary>
    public static string BuiltProgram(string project, string dll)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var path = System.IO.Path.Combine(Path, "src", project, "bin", configuration, "net10.0", dll);
        Assert.True(File.Exists(path), $"build the solution first: {path} is missing");
        return path;
    }

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
