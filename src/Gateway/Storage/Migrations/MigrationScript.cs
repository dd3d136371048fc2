using System.Globalization;
using System.Reflection;
using PatrolScores.Gateway.Storage.Sql;

namespace PatrolScores.Gateway.Storage.Migrations;

/// <summary>One versioned SQL file embedded in the assembly, e.g. <c>migrations/Postgres/0001_initial.sql</c>.</summary>
internal sealed record MigrationScript(long Version, string Name, string Sql)
{
    private const string ResourcePrefix = "migrations/";

    public static IReadOnlyList<MigrationScript> Load(SqlDialect dialect)
    {
        var assembly = typeof(MigrationScript).Assembly;
        var folder = $"{ResourcePrefix}{dialect}/";
        var scripts = new List<MigrationScript>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(folder, StringComparison.Ordinal) || !resource.EndsWith(".sql", StringComparison.Ordinal))
            {
                continue;
            }

            var fileName = resource[folder.Length..^".sql".Length];
            var separator = fileName.IndexOf('_', StringComparison.Ordinal);
            if (separator <= 0 || !long.TryParse(fileName[..separator], NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            {
                throw new InvalidOperationException($"Migration '{resource}' must be named NNNN_description.sql.");
            }

            scripts.Add(new MigrationScript(version, fileName[(separator + 1)..], Read(assembly, resource)));
        }

        scripts.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 1; i < scripts.Count; i++)
        {
            if (scripts[i].Version == scripts[i - 1].Version)
            {
                throw new InvalidOperationException($"Two {dialect} migrations share version {scripts[i].Version}.");
            }
        }

        return scripts;
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Migration resource '{resource}' is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
