using Microsoft.Extensions.Configuration.Json;

namespace PatrolScores.Gateway.Configuration;

/// <summary>
/// A JSON settings file, watched like <c>appsettings.json</c>, that keeps its last good contents when
/// an edit cannot be parsed. The stock provider empties itself on a failed reload, which would drop
/// every route and setting the file held; this one reports the rejection and keeps serving. A file
/// that cannot be parsed at start-up still stops the start.
/// </summary>
internal sealed class LastGoodJsonConfigurationSource(ConfigurationReloads reloads) : JsonConfigurationSource
{
    public override IConfigurationProvider Build(IConfigurationBuilder builder)
    {
        EnsureDefaults(builder);
        return new Provider(this, reloads);
    }

    private sealed class Provider(JsonConfigurationSource source, ConfigurationReloads reloads) : JsonConfigurationProvider(source)
    {
        private bool _loaded;
        private bool _rejected;

        public override void Load(Stream stream)
        {
            try
            {
                base.Load(stream);
                _loaded = true;
                if (_rejected)
                {
                    _rejected = false;
                    reloads.Applied(Source.Path ?? "settings file", "the file parses again");
                }
            }
            catch (Exception exception) when (_loaded && exception is FormatException or System.Text.Json.JsonException)
            {
                // Data is untouched: the parser throws before anything is replaced.
                _rejected = true;
                reloads.Rejected(Source.Path ?? "settings file", $"the file is not valid JSON ({exception.GetBaseException().Message})");
            }
        }
    }
}
