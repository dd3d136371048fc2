using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace PatrolScores.Gateway.Configuration;

/// <summary>
/// An <see cref="IOptionsMonitor{TOptions}"/> that applies a settings change only when it binds and
/// validates, and otherwise keeps the last good value (the stock monitor would throw on every later
/// read). Changes are reported to <see cref="ConfigurationReloads"/> only when the section's text
/// changed, so an edit elsewhere in the file is not logged as a reload of every section.
/// </summary>
internal sealed class LastGoodOptionsMonitor<TOptions> : IOptionsMonitor<TOptions>, IDisposable
    where TOptions : class
{
    private readonly IOptionsFactory<TOptions> _factory;
    private readonly IConfiguration _configuration;
    private readonly string _section;
    private readonly ConfigurationReloads _reloads;
    private readonly List<IDisposable> _registrations = [];
    private readonly Lock _gate = new();
    private volatile TOptions? _current;
    private string? _fingerprint;
    private string? _goodFingerprint;
    private event Action<TOptions, string?>? Changed;

    public LastGoodOptionsMonitor(
        IOptionsFactory<TOptions> factory,
        IEnumerable<IOptionsChangeTokenSource<TOptions>> sources,
        IConfiguration configuration,
        string section,
        ConfigurationReloads reloads)
    {
        _factory = factory;
        _configuration = configuration;
        _section = section;
        _reloads = reloads;
        foreach (var source in sources)
        {
            _registrations.Add(ChangeToken.OnChange(source.GetChangeToken, OnSourceChanged));
        }
    }

    /// <summary>Lock-free once created: read on hot paths.</summary>
    public TOptions CurrentValue => _current ?? Get(Options.DefaultName);

    public TOptions Get(string? name)
    {
        if (!string.IsNullOrEmpty(name) && name != Options.DefaultName)
        {
            return _factory.Create(name);
        }

        if (_current is { } current)
        {
            return current;
        }

        lock (_gate)
        {
            // The first value is built without a safety net: invalid settings at start-up stop the start.
            _current ??= _factory.Create(Options.DefaultName);
            _fingerprint ??= Fingerprint();
            _goodFingerprint ??= _fingerprint;
            return _current;
        }
    }

    public IDisposable OnChange(Action<TOptions, string?> listener)
    {
        Changed += listener;
        return new Unsubscriber(() => Changed -= listener);
    }

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }
    }

    private void OnSourceChanged()
    {
        TOptions next;
        lock (_gate)
        {
            var fingerprint = Fingerprint();
            if (_current is null || fingerprint == _fingerprint)
            {
                return;
            }

            if (fingerprint == _goodFingerprint)
            {
                // Back to the settings in force: nothing to apply, and nothing rejected any more.
                _fingerprint = fingerprint;
                _reloads.Resolved(_section);
                return;
            }

            _fingerprint = fingerprint;
            try
            {
                next = _factory.Create(Options.DefaultName);
            }
            catch (Exception exception) when (exception is OptionsValidationException or InvalidOperationException or FormatException)
            {
                _reloads.Rejected(_section, exception.Message);
                return;
            }

            _current = next;
            _goodFingerprint = fingerprint;
        }

        _reloads.Applied(_section);
        Changed?.Invoke(next, Options.DefaultName);
    }

    private string Fingerprint() => string.Join(
        '\n',
        _configuration.GetSection(_section).AsEnumerable().OrderBy(pair => pair.Key, StringComparer.OrdinalIgnoreCase).Select(pair => $"{pair.Key}={pair.Value}"));

    private sealed class Unsubscriber(Action unsubscribe) : IDisposable
    {
        public void Dispose() => unsubscribe();
    }
}
